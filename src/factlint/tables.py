"""Data tables the extractors and checks share, loaded once from ``factlint/data``."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def load(name: str) -> dict:
    text = resources.files("factlint").joinpath("data", f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def title_index() -> dict[str, str]:
    """Every known title surface (lowercase) -> its class."""
    data = load("titles")
    index = {}
    for cls, names in data["titles"].items():
        for name in names:
            index[name] = cls
    for cls, names in data.get("generic", {}).items():
        for name in names:
            index[name] = cls
    for alias, canonical in data["synonyms"].items():
        if canonical in index:
            index.setdefault(alias, index[canonical])
    return index


@cache
def generic_titles() -> frozenset[str]:
    return frozenset(n for names in load("titles").get("generic", {}).values() for n in names)


@cache
def status_words() -> dict[str, str]:
    return {w: status for status, words in load("titles")["status"].items() for w in words}


@cache
def event_nouns() -> dict[str, str]:
    """Event noun or agent noun (lowercase) -> its event family."""
    out = {}
    for family, words in load("events")["families"].items():
        for word in words.get("nouns", []) + words.get("agents", []):
            out.setdefault(word, family)
    return out


@cache
def sited_words() -> dict[str, frozenset[str]]:
    """Event family -> the lemmas that name its event at one spot ("cut", not "disrupt")."""
    return {f: frozenset(words["sited"]) for f, words in load("events")["families"].items() if words.get("sited")}


@cache
def lasting_events() -> frozenset[str]:
    """Event families that last days (a fire, a war): dated only where they began."""
    return frozenset(f for f, words in load("events")["families"].items() if words.get("lasting"))


@cache
def onset_words() -> frozenset[str]:
    """Verbs (with their particle or object: 'break out', 'make landfall') that say an event began."""
    return frozenset(load("events")["onsets"])


@cache
def crafts() -> frozenset[str]:
    """What flies or is launched: the subject of a craft's crash, landing or launch."""
    return frozenset(load("events")["crafts"])


@cache
def craft_verbs() -> dict[str, str]:
    """'go down' -> crash: verbs that name an event only when a craft is their subject."""
    return {verb: family for family, words in load("events")["families"].items()
            for verb in words.get("craft_verbs", [])}


@cache
def event_verbs() -> dict[str, str]:
    return {verb: family for family, words in load("events")["families"].items() for verb in words.get("verbs", [])}

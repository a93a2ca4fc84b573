"""Pin the JSON report contract: docs/report.schema.json and docs/report-format.md.

The seeds report is produced once per module (parsing takes a few seconds) through the
real command line entry point, exactly as `factlint report seeds --format json -o FILE`.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

from factlint.cli import main  # noqa: E402

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "seeds"
SCHEMA_PATH = ROOT / "docs" / "report.schema.json"


def _run_report(out: Path) -> bytes:
    code = main(["report", str(SEEDS), "--format", "json", "-o", str(out)])
    assert code == 0
    return out.read_bytes()


@pytest.fixture(scope="module")
def report_bytes(tmp_path_factory) -> bytes:
    return _run_report(tmp_path_factory.mktemp("report") / "seeds.json")


@pytest.fixture(scope="module")
def report(report_bytes) -> dict:
    return json.loads(report_bytes.decode("utf-8"))


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema):
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    return cls(schema)


def _file_text(path: Path) -> str:
    """The text ingest sees: decoded bytes, newlines untouched, a UTF-8 BOM dropped."""
    data = path.read_bytes()
    return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")


def _all_evidence(report: dict):
    for finding in report["findings"]:
        for side in finding["sides"]:
            for ev in side["evidence"]:
                yield finding, side, ev


# ------------------------------------------------------------------ (a) schema


def test_schema_is_valid_draft_2020_12(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]
    assert schema["version"]
    jsonschema.Draft202012Validator.check_schema(schema)


def test_seeds_report_validates_against_schema(report, validator):
    errors = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_seeds_report_is_not_trivial(report):
    # A schema check over an empty findings list would prove little.
    assert len(report["articles"]) == len(list(SEEDS.glob("*.txt")))
    assert report["findings"], "the seeds are expected to produce findings"
    assert any(f["severity"] == "error" for f in report["findings"])


def test_report_version_is_the_package_version(report):
    from factlint import __version__

    assert report["factlint"] == __version__


# ------------------------------------------------------------- (b) determinism


def test_two_runs_are_byte_identical(report_bytes, tmp_path):
    assert _run_report(tmp_path / "again.json") == report_bytes


def test_finding_ids_survive_reordered_input(report, tmp_path):
    # `id` is documented as a baseline key: it must not depend on the order articles are given in.
    out = tmp_path / "reversed.json"
    files = sorted(SEEDS.glob("*.txt"), reverse=True)
    assert main(["report", *map(str, files), "--format", "json", "-o", str(out)]) == 0
    again = json.loads(out.read_text(encoding="utf-8"))
    assert [a["id"] for a in again["articles"]] == [a["id"] for a in reversed(report["articles"])]
    assert [f["id"] for f in again["findings"]] == [f["id"] for f in report["findings"]]
    assert again["findings"] == report["findings"]


def test_serialization_format(report_bytes, report):
    text = report_bytes.decode("utf-8")  # UTF-8, no BOM
    assert not report_bytes.startswith(b"\xef\xbb\xbf")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text == json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_findings_are_ordered_most_severe_first(report):
    rank = {"error": 0, "warning": 1, "info": 2}
    keys = [(rank[f["severity"]], f["kind"], f["subject"].casefold()) for f in report["findings"]]
    assert keys == sorted(keys)


# ----------------------------------------------------------------- (c) offsets


def test_evidence_text_and_position_match_the_file(report):
    paths = {a["id"]: Path(a["path"]) for a in report["articles"]}
    texts: dict[str, str] = {}
    checked = 0
    for finding, side, ev in _all_evidence(report):
        assert ev["article"] in paths, f"evidence names unknown article {ev['article']!r}"
        path = paths[ev["article"]]
        if not path.is_absolute():
            path = Path.cwd() / path
        text = texts.setdefault(ev["article"], _file_text(path))
        start, end = ev["start"], ev["end"]
        where = f"{finding['id']} {ev['article']}:{start}-{end}"
        assert 0 <= start < end <= len(text), where
        assert text[start:end] == ev["text"], where
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        assert (ev["line"], ev["column"]) == (line, column), where
        # The sentence is whitespace-collapsed, but it must contain the mention.
        assert " ".join(ev["text"].split()) in ev["sentence"], where
        checked += 1
    assert checked


def test_side_articles_are_known_sorted_and_match_evidence(report):
    known = {a["id"] for a in report["articles"]}
    for finding in report["findings"]:
        for side in finding["sides"]:
            assert set(side["articles"]) <= known, finding["id"]
            assert side["articles"] == sorted(set(side["articles"])), finding["id"]
            assert set(side["articles"]) == {e["article"] for e in side["evidence"]}, finding["id"]
            keys = [(e["article"], e["start"]) for e in side["evidence"]]
            assert keys == sorted(keys), finding["id"]
            if side["normalized"] is not None:
                assert side["normalized"].casefold() != side["value"].casefold(), finding["id"]


# ------------------------------------------------- (d) the schema is not vacuous


def _without_findings(r):
    del r["findings"]


def _bad_severity(r):
    r["findings"][0]["severity"] = "critical"


def _bad_kind(r):
    r["findings"][0]["kind"] = "opinion"


def _missing_factlint(r):
    del r["factlint"]


def _missing_side_normalized(r):
    del r["findings"][0]["sides"][0]["normalized"]


def _missing_evidence_text(r):
    del r["findings"][0]["sides"][0]["evidence"][0]["text"]


def _string_offset(r):
    r["findings"][0]["sides"][0]["evidence"][0]["start"] = "42"


def _zero_line(r):
    r["findings"][0]["sides"][0]["evidence"][0]["line"] = 0


def _missing_article_title(r):
    del r["articles"][0]["title"]


@pytest.mark.parametrize("mutate", [
    _without_findings, _bad_severity, _bad_kind, _missing_factlint, _missing_side_normalized,
    _missing_evidence_text, _string_offset, _zero_line, _missing_article_title,
], ids=lambda f: f.__name__.lstrip("_"))
def test_schema_rejects_broken_reports(report, validator, mutate):
    broken = copy.deepcopy(report)
    mutate(broken)
    assert not validator.is_valid(broken)


def test_schema_allows_added_fields(report, validator):
    # The contract: add fields, never rename. A newer report with extra fields stays valid.
    extended = copy.deepcopy(report)
    extended["generated_by"] = "a later factlint"
    extended["articles"][0]["language"] = "en"
    finding = extended["findings"][0]
    finding["confidence"] = 0.9
    finding["sides"][0]["outlets"] = []
    finding["sides"][0]["evidence"][0]["byte_start"] = 0
    assert validator.is_valid(extended)


# ------------------------------------------------------------ (e) unique ids


def test_finding_ids_are_unique(report):
    ids = [f["id"] for f in report["findings"]]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]


def test_documented_excerpt_validates(validator):
    # docs/report-format.md shows a real (trimmed) report; it must stay valid against the schema.
    import re

    doc = (ROOT / "docs" / "report-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", doc, re.S)
    assert blocks, "report-format.md should contain a ```json excerpt"
    for block in blocks:
        excerpt = json.loads(block)
        errors = list(validator.iter_errors(excerpt))
        assert not errors, [e.message for e in errors]

"""Render lint findings for tools: SARIF 2.1.0, GitHub Actions annotations, compiler-style text.

Lint convention: the first evidence of the first side is the primary location (in the draft);
every other evidence, of that side or of the others, is a related location.
All functions are pure and deterministic: the same report gives the same string.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from .models import Evidence, Finding, Report, Suppression

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
# Summary words; "info" has no natural plural, so it is counted as notes.
SUMMARY_WORD = {"error": "error", "warning": "warning", "info": "note"}


def _paths(report: Report) -> dict[str, str]:
    return {a.id: a.path for a in report.articles}


def _evidence(finding: Finding) -> list[Evidence]:
    """All evidence, primary first: the first side's first, then the rest in order."""
    return [e for side in finding.sides for e in side.evidence]


def _slashes(path: str) -> str:
    return path.replace("\\", "/")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


UNUSED = "unused-suppression"


def _unused(report: Report) -> list[Suppression]:
    """Inline suppressions that silenced nothing: reported like findings, as warnings."""
    return [s for s in getattr(report, "unused_suppressions", []) if s.kind == "inline"]


def _unused_message(s: Suppression) -> str:
    return f"suppression ignore[{', '.join(s.rules)}] matches no finding; remove it"


# --- SARIF -------------------------------------------------------------------------------------

def _uri(path: str) -> str:
    # A URI reference: forward slashes, and spaces etc. percent-encoded.
    return quote(_slashes(path), safe="/")


def _region(e: Evidence, path: str) -> dict:
    if path.lower().endswith((".html", ".htm")):
        # Offsets count the visible text, and tags may sit inside the span: only its start is
        # known in the file.
        return {"startLine": e.line, "startColumn": e.column}
    region = {"startLine": e.line, "startColumn": e.column, "charOffset": e.start, "charLength": e.end - e.start}
    # Evidence.text is the exact span, so where it ends can be worked out (endColumn is exclusive).
    if len(e.text) == e.end - e.start:
        newlines = e.text.count("\n")
        region["endLine"] = e.line + newlines
        region["endColumn"] = e.column + len(e.text) if not newlines else len(e.text) - e.text.rfind("\n")
    return region


def _physical(e: Evidence, paths: dict[str, str]) -> dict:
    path = paths.get(e.article, e.article)
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": _region(e, path)}}


def _result(finding: Finding, rule_index: dict[str, int], paths: dict[str, str]) -> dict:
    result: dict = {"ruleId": finding.rule, "level": SARIF_LEVEL[finding.severity],
                    "message": {"text": finding.message},
                    "partialFingerprints": {"factlintFingerprint/v1": finding.id}}
    if finding.rule in rule_index:  # a finding from a rule not passed in still gets its ruleId
        result["ruleIndex"] = rule_index[finding.rule]
    pairs = [(side.value, e) for side in finding.sides for e in side.evidence]
    if not pairs:
        return result
    primary = pairs[0][1]
    result["locations"] = [_physical(primary, paths)]
    related = []
    for i, (value, e) in enumerate(pairs[1:], start=1):
        role = "draft" if e.article == primary.article else "source"
        related.append({"id": i, **_physical(e, paths),
                        "message": {"text": f"{role} {paths.get(e.article, e.article)} says '{value}'"}})
    if related:
        result["relatedLocations"] = related
    return result


# The first sentence: ends at . ! or ? (after any closing quote) before a capital or the end;
# a capital just before the dot ("U.S.") is an abbreviation, not an end.
_FIRST_SENTENCE = re.compile(r"(.*?[^\sA-Z.][.!?][\"\u201d')]*)(?=\s+[A-Z\"\u201c]|$)", re.S)


def _short_description(docs: str) -> str:
    # Rule docs are wrapped YAML text, so their first line is usually half a sentence.
    match = _FIRST_SENTENCE.match(" ".join(docs.split()))
    return match.group(1) if match else docs.splitlines()[0].strip()


def _descriptor(rule) -> dict:
    docs = (rule.docs or "").strip()
    short = _short_description(docs) if docs else rule.id
    descriptor = {"id": rule.id, "shortDescription": {"text": short},
                  "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
                  "properties": {"kind": rule.kind}}
    if docs:
        descriptor["fullDescription"] = {"text": docs}
    return descriptor


def to_sarif(report: Report, rules: list) -> str:
    """SARIF 2.1.0 JSON: one run, one reportingDescriptor per rule, one result per finding."""
    paths = _paths(report)
    rule_index = {rule.id: i for i, rule in enumerate(rules)}
    results = [_result(f, rule_index, paths) for f in report.findings]
    for item in getattr(report, "suppressed", []):  # kept, marked: code scanning shows them as dismissed
        by = item.by
        results.append({**_result(item.finding, rule_index, paths), "suppressions": [
            {"kind": "inSource" if by.kind == "inline" else "external",
             **({"justification": by.reason} if by.reason else {})}]})
    for s in _unused(report):
        results.append({"ruleId": UNUSED, "level": "warning", "message": {"text": _unused_message(s)},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(s.path)},
                                                            "region": {"startLine": s.line, "startColumn": s.column}}}]})
    uris = sorted({loc["physicalLocation"]["artifactLocation"]["uri"]
                   for r in results for loc in r.get("locations", []) + r.get("relatedLocations", [])})
    run = {
        "tool": {"driver": {"name": "factlint", "version": report.factlint,
                            "informationUri": "https://github.com/factlint/factlint",
                            "rules": [_descriptor(rule) for rule in rules]}},
        "columnKind": "unicodeCodePoints",  # Evidence columns count Python str characters
        "artifacts": [{"location": {"uri": uri}} for uri in uris],
        "results": results,
    }
    sarif = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --- GitHub Actions ----------------------------------------------------------------------------

def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    # Property values end at ',' and the properties at '::', so these are escaped too.
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(report: Report) -> str:
    """GitHub Actions workflow commands: one ::error/::warning/::notice line per finding."""
    paths = _paths(report)
    lines = []
    for f in report.findings:
        props = []
        evidence = _evidence(f)
        if evidence:
            e = evidence[0]
            props += [f"file={_gh_property(_slashes(paths.get(e.article, e.article)))}",
                      f"line={e.line}", f"col={e.column}"]
        props.append(f"title={_gh_property(f.rule)}")
        lines.append(f"::{GITHUB_COMMAND[f.severity]} {','.join(props)}::{_gh_data(f.message)}")
    for s in _unused(report):
        props = [f"file={_gh_property(_slashes(s.path))}", f"line={s.line}", f"col={s.column}",
                 f"title={_gh_property(UNUSED)}"]
        lines.append(f"::warning {','.join(props)}::{_gh_data(_unused_message(s))}")
    return "".join(line + "\n" for line in lines)


# --- compiler-style text -----------------------------------------------------------------------

def _sentence(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def to_lint_text(report: Report, drafts: int | None = None) -> str:
    """`PATH:LINE:COL: SEVERITY RULE MESSAGE`, the evidence indented under it, then a summary.

    `drafts` overrides the count of drafts in the summary (by default the distinct primary paths,
    which misses the drafts that had no findings).
    """
    paths = _paths(report)
    out: list[str] = []
    primary_paths = set()
    for f in report.findings:
        evidence = _evidence(f)
        message = " ".join(f.message.split())  # one line per finding, whatever the message holds
        if evidence:
            path = paths.get(evidence[0].article, evidence[0].article)
            primary_paths.add(path)
            out.append(f"{path}:{evidence[0].line}:{evidence[0].column}: {f.severity} {f.rule} {message}")
        else:
            out.append(f"{f.severity} {f.rule} {message}")
        for e in evidence:
            out.append(f'  {paths.get(e.article, e.article)}:{e.line}:{e.column}: "{_sentence(e.sentence)}"')
        out.append("")
    unused = _unused(report)
    for s in unused:
        out += [f"{s.path}:{s.line}:{s.column}: warning {UNUSED} {_unused_message(s)}", ""]
    n_drafts = _plural(len(primary_paths) if drafts is None else drafts, "draft")
    severities = [f.severity for f in report.findings] + ["warning"] * len(unused)
    counts = [_plural(n, SUMMARY_WORD[sev]) for sev in SUMMARY_WORD if (n := severities.count(sev))]
    summary = f"Found {', '.join(counts)} in {n_drafts}" if counts else f"No problems found in {n_drafts}"
    suppressed = getattr(report, "suppressed", [])
    inline = sum(1 for s in suppressed if s.by.kind == "inline")
    notes = [f"{inline} suppressed inline"] if inline else []
    if len(suppressed) > inline:
        notes.append(f"{len(suppressed) - inline} in the baseline")
    stale = sum(1 for s in getattr(report, "unused_suppressions", []) if s.kind == "baseline")
    if stale:
        notes.append(f"{stale} baseline {'entry' if stale == 1 else 'entries'} no longer found")
    out.append(summary + (f" ({'; '.join(notes)})." if notes else "."))
    return "\n".join(out) + "\n"

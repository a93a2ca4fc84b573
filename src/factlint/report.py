"""Render findings and claims: text for an editor, markdown, and the JSON contract."""

from __future__ import annotations

import json
import re

import networkx as nx

from .models import Claim, Finding, Report

_MARK = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def to_json(report: Report) -> str:
    """Byte-identical for the same input: sorted keys, fixed separators, a final newline."""
    return json.dumps(report.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _quote(sentence: str, text: str, width: int = 160) -> str:
    """The sentence with the claimed words marked, cut around them when long."""
    at = sentence.find(text)
    if at < 0:
        return sentence if len(sentence) <= width else sentence[: width - 1] + "…"
    marked = f"{sentence[:at]}«{text}»{sentence[at + len(text):]}"
    if len(marked) <= width:
        return marked
    lo = max(0, at - width // 2)
    hi = min(len(marked), lo + width)
    return ("…" if lo else "") + marked[lo:hi] + ("…" if hi < len(marked) else "")


def to_text(report: Report) -> str:
    """For an editor: grouped by subject, most severe first, each side with quoted evidence."""
    if not report.findings:
        return f"No contradictions found in {len(report.articles)} articles.\n"
    paths = {a.id: a.path for a in report.articles}
    out: list[str] = []
    by_subject: dict[str, list[Finding]] = {}
    for f in report.findings:  # already most severe first
        by_subject.setdefault(f.subject, []).append(f)
    for subject, findings in by_subject.items():
        out.append(subject)
        out.append("=" * len(subject))
        for f in findings:
            out.append(f"{_MARK[f.severity]} [{f.rule}] {f.message}")
            for side in f.sides:
                out.append(f"  {side.value!r} — {len(side.articles)} article{'s' if len(side.articles) > 1 else ''}")
                for e in side.evidence:
                    out.append(f"    {paths.get(e.article, e.article)}:{e.line}:{e.column}  {_quote(e.sentence, e.text)}")
            out.append("")
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in _MARK}
    out.append(f"{len(report.findings)} findings ({counts['error']} errors, {counts['warning']} warnings, "
               f"{counts['info']} notes) in {len(report.articles)} articles.")
    return "\n".join(out) + "\n"


# Markdown passes HTML through and makes links of brackets: article text (`<script>`, an
# .html article's decoded `&lt;script&gt;`, `[x](javascript:…)`) is escaped with backslashes,
# which CommonMark allows before any ASCII punctuation, so it is shown as written.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|!#~])")


def _md_cell(text: str) -> str:
    """Article text as Markdown text on one line (also safe in a table cell)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split("\n")))


def _md_code(text: str) -> str:
    """A code span that no backtick in ``text`` can close early (and no pipe, in a table cell)."""
    text = text.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text.replace(chr(10), ' ')}{pad}{fence}"


def to_markdown(report: Report) -> str:
    out = ["# factlint report", "", f"{len(report.articles)} articles, {len(report.findings)} findings.", ""]
    paths = {a.id: a.path for a in report.articles}
    for f in report.findings:
        out.append(f"## {f.severity.upper()}: {_md_cell(f.message)}")
        out.append("")
        out.append(f"Rule {_md_code(f.rule)} · {f.kind} · {_md_cell(f.subject)} / {_md_cell(f.attribute)}")
        out.append("")
        out.append("| value | article | line:col | sentence |")
        out.append("| --- | --- | --- | --- |")
        for side in f.sides:
            for e in side.evidence:
                out.append(f"| {_md_cell(side.value)} | {_md_code(paths.get(e.article, e.article))} | "
                           f"{e.line}:{e.column} | "
                           f"{_md_cell(_quote(e.sentence, e.text, 300)).replace('«', '**').replace('»', '**')} |")
        out.append("")
    return "\n".join(out)


def claims_table(claims: list[Claim]) -> str:
    rows = [("article", "line:col", "kind", "subject", "attribute", "value", "normalized")]
    for c in claims:
        rows.append((c.evidence.article, f"{c.evidence.line}:{c.evidence.column}", c.kind, c.subject or "-",
                     c.attribute, c.value, c.normalized))
    widths = [min(40, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    lines = []
    for r in rows:
        lines.append("  ".join((cell if len(cell) <= w else cell[: w - 1] + "…").ljust(w) for cell, w in zip(r, widths)).rstrip())
    return "\n".join(lines) + "\n"


def claims_json(claims: list[Claim]) -> str:
    return json.dumps([c.model_dump(mode="json") for c in claims], indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def graph_to_json(graph: nx.MultiDiGraph) -> str:
    data = nx.node_link_data(graph, edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["edges"] = sorted(data["edges"], key=lambda e: (e["source"], e["target"], str(e.get("key"))))
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

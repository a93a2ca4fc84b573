"""The HTML report: one self-contained page for an editor (`factlint report --format html`).

The page is built from strings, so every piece of data goes through ``_e`` (``html.escape``)
and every attribute is double-quoted. It has no external resources (it is mailed around and
attached in CMSs), its style and script are inline and pinned by a Content-Security-Policy
hash (an injection that escaping missed still could not run), and it is byte-identical for
the same input: no timestamps, no random ids, ids built from input positions and offsets.

Parts, top to bottom, one function each:

- ``_header``: the story, its articles, counts of findings by severity and kind;
- ``_filters``: severity, kind, article and text filters (hidden until the script runs, so
  with scripts off the page simply shows everything);
- ``_finding_card``: one card per finding, most severe first, its sides side by side, each
  with its sources and quoted sentences linking into the article view;
- ``_article_view``: each article's text with every extracted claim marked.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import defaultdict
from typing import get_args
from urllib.parse import urlsplit

from .models import SEVERITY_RANK, Article, ClaimKind, Finding, Side

SEVERITIES = ("error", "warning", "info")
KINDS = get_args(ClaimKind)
# Severity is always written out, with an icon: colour is never the only signal.
ICON = {"error": "\u2716", "warning": "\u25b2", "info": "\u2139"}
WORD = {"error": "Error", "warning": "Warning", "info": "Info"}
SEP = " \u00b7 "
UNKNOWN_OUTLET = '<span class="none">outlet unknown</span>'
UNKNOWN_DATE = '<span class="none">date unknown</span>'
PLURAL = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("info note", "info notes")}


def _e(value: object) -> str:
    """Escape for text and double-quoted attributes alike."""
    return html.escape(str(value), quote=True)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) link; anything else (javascript:, data:, relative,
    broken) is shown as text only."""
    if not url:
        return None
    url = url.strip()
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


# ------------------------------------------------------------------ anchors


class _Anchors:
    """Where each claim sits in the article view.

    Claims and finding evidence are spans of ``article.text``. Overlapping spans share one
    mark (an element has one id), so each span maps to the id of the mark that holds it; the
    id is built from the article's position and the mark's offsets, so it is stable.
    """

    def __init__(self, articles: list[Article], claims: list, findings: list[Finding]):
        self.index = {a.id: i for i, a in enumerate(articles)}
        spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for c in claims:
            spans[c.evidence.article].add((c.evidence.start, c.evidence.end))
        for f in findings:
            for side in f.sides:
                for ev in side.evidence:
                    spans[ev.article].add((ev.start, ev.end))
        self.marks: dict[str, list[tuple[int, int]]] = {}
        self.of: dict[tuple[str, int, int], str] = {}
        for a in articles:
            lo, hi = a.body_offset, len(a.text)
            merged: list[list[int]] = []
            for start, end in sorted(s for s in spans.get(a.id, ()) if lo <= s[0] < s[1] <= hi):
                if merged and start < merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            self.marks[a.id] = [(s, e) for s, e in merged]
            for start, end in spans.get(a.id, ()):
                for s, e in merged:
                    if s <= start and end <= e and start < end:
                        self.of[a.id, start, end] = self.mark_id(a.id, s, e)
                        break

    def article_id(self, article: str) -> str:
        return f"art-{self.index[article]}"

    def mark_id(self, article: str, start: int, end: int) -> str:
        return f"c-{self.index[article]}-{start}-{end}"

    def key(self, article: str) -> str:
        """The article's token in a card's data-articles (article ids may hold spaces)."""
        return f"a{self.index[article]}"


# ------------------------------------------------------------------ the page


def to_html(result) -> str:
    """The whole page for a pipeline ``Result``."""
    report = result.report()
    articles = list(result.articles)
    findings = sorted(report.findings, key=lambda f: SEVERITY_RANK[f.severity])  # stable: keeps the report's order
    anchors = _Anchors(articles, result.claims, findings)
    by_id = {a.id: a for a in articles}
    story = _story(result)
    title = f"factlint report: {story}" if story else "factlint report"  # the tab and window title
    body = "\n".join([
        '<a class="skip" href="#findings">Skip to the findings</a>',
        _header(story, articles, result.claims, findings, anchors),
        "<main>",
        _findings(findings, articles, by_id, anchors),
        _article_views(articles, result.claims, findings, anchors),
        "</main>",
        f"<script>{SCRIPT}</script>",
    ])
    return (f'<!DOCTYPE html>\n<html lang="en">\n{_head(title)}\n<body>\n{body}\n</body>\n</html>\n')


def _head(title: str) -> str:
    return "\n".join([
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_csp())}">',
        '<meta name="generator" content="factlint">',
        f"<title>{_e(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
    ])


def _csp() -> str:
    """Only our own inline style and script may run: nothing external, nothing injected."""
    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"

    return (f"default-src 'none'; style-src {digest(STYLE)}; script-src {digest(SCRIPT)}; "
            "img-src 'none'; base-uri 'none'; form-action 'none'")


def _story(result) -> str | None:
    """The story's main event as the linker named it, e.g. 'meeting (Sergey Lavrov, Marco Rubio)'."""
    story = getattr(result, "story", None)
    family = getattr(story, "main_family", None)
    people = list(getattr(story, "main_participants", None) or [])
    if not family:
        return None
    return f"{family} ({', '.join(people)})" if people else str(family)


def _article_name(a: Article) -> str:
    """How a source is named in cards: its outlet when known, else its id."""
    return a.outlet or a.id


# ------------------------------------------------------------------ header


def _header(story: str | None, articles: list[Article], claims: list, findings: list[Finding],
            anchors: _Anchors) -> str:
    lead = (f"Where {_plural(len(articles), 'article', 'articles')} about one story disagree on facts: "
            f"{_plural(len(claims), 'claim was', 'claims were')} read, and every one is marked in the "
            '<a href="#articles">article view</a>.')
    return "\n".join([
        '<header class="page">',
        "<h1>factlint report</h1>",
        f'<p class="story">Story: <strong>{_e(story)}</strong></p>' if story else "",
        f'<p class="lead">{lead}</p>',
        _counts(findings),
        '<div class="overview">',  # the two tables side by side on a wide screen
        _kinds_table(findings),
        _articles_table(articles, claims, findings, anchors),
        "</div>",
        "</header>",
    ])


def _counts(findings: list[Finding]) -> str:
    """Totals by severity, in one line."""
    by_sev = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    parts = [f'<span class="sev sev-{s}">{ICON[s]} {_plural(by_sev[s], *PLURAL[s])}</span>' for s in SEVERITIES]
    return (f'<p class="totals"><strong>{_plural(len(findings), "finding", "findings")}</strong>: '
            f'{", ".join(parts)}</p>')


def _kinds_table(findings: list[Finding]) -> str:
    """Findings by kind and severity (nothing when there are none)."""
    kinds = [k for k in KINDS if any(f.kind == k for f in findings)]
    if not kinds:
        return ""
    rows = []
    for k in kinds:
        cells = "".join(f"<td>{sum(1 for f in findings if f.kind == k and f.severity == s)}</td>" for s in SEVERITIES)
        rows.append(f'<tr><th scope="row">{_e(k)}</th>{cells}<td>{sum(1 for f in findings if f.kind == k)}</td></tr>')
    head = "".join(f'<th scope="col">{ICON[s]} {s}</th>' for s in SEVERITIES)
    return "\n".join([
        '<table class="counts"><caption>Findings by kind and severity</caption>',
        f'<thead><tr><th scope="col">kind</th>{head}<th scope="col">total</th></tr></thead>',
        "<tbody>", *rows, "</tbody></table>",
    ])


def _articles_table(articles: list[Article], claims: list, findings: list[Finding], anchors: _Anchors) -> str:
    n_claims = defaultdict(int)
    for c in claims:
        n_claims[c.evidence.article] += 1
    n_findings = defaultdict(int)
    for f in findings:
        for art in sorted({a for side in f.sides for a in side.articles}):
            n_findings[art] += 1
    rows = []
    for a in articles:
        url = _safe_url(a.url)
        if url:
            title = f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(a.title or a.url)}</a>'
        else:
            title = _e(a.title) if a.title else '<span class="none">no title</span>'
            if a.url:  # not http(s): shown, never linked
                title += f' <code class="url">{_e(a.url)}</code>'
        rows.append(
            f'<tr><td><a href="#{anchors.article_id(a.id)}">{_e(a.id)}</a>'
            f'<br><span class="path">{_e(a.path)}</span></td>'
            f"<td>{_e(a.outlet) if a.outlet else UNKNOWN_OUTLET}"
            f'<br><span class="date">{_e(a.published) if a.published else UNKNOWN_DATE}</span></td>'
            f"<td>{title}</td><td>{n_claims[a.id]}</td><td>{n_findings[a.id]}</td></tr>")
    return "\n".join([
        '<table class="articles"><caption>Articles read</caption>',
        '<thead><tr><th scope="col">article</th><th scope="col">outlet, date</th>'
        '<th scope="col">title</th><th scope="col">claims</th><th scope="col">findings</th></tr></thead>',
        "<tbody>", *rows, "</tbody></table>",
    ])


# ------------------------------------------------------------------ filters and findings


def _filters(findings: list[Finding], articles: list[Article], anchors: _Anchors) -> str:
    """The controls; hidden until the script shows them (they do nothing without it)."""
    def box(name: str, value: str, label: str) -> str:
        return f'<label><input type="checkbox" name="{name}" value="{_e(value)}" checked> {label}</label>'

    severities = [s for s in SEVERITIES if any(f.severity == s for f in findings)]
    kinds = [k for k in KINDS if any(f.kind == k for f in findings)]
    count = {k: sum(1 for f in findings if f.kind == k) for k in kinds}
    options = ['<option value="">all articles</option>']
    for a in articles:
        label = _article_name(a) + (f" \u2014 {a.title}" if a.title else "") + (f" ({a.id})" if a.outlet else "")
        options.append(f'<option value="{anchors.key(a.id)}">{_e(label)}</option>')
    return "\n".join([
        '<form id="filters" class="filters" role="search" aria-label="Filter the findings" hidden>',
        "<fieldset><legend>Severity</legend>",
        *(box("severity", s, f'<span class="sev sev-{s}">{ICON[s]} {s}</span> '
                             f'({sum(1 for f in findings if f.severity == s)})') for s in severities),
        "</fieldset>",
        "<fieldset><legend>Kind</legend>",
        *(box("kind", k, f"{_e(k)} ({count[k]})") for k in kinds),
        "</fieldset>",
        f'<label class="field">Article <select name="article">{"".join(options)}</select></label>',
        '<label class="field search">Search <input type="search" name="q" autocomplete="off" '
        'placeholder="subject, value, outlet, sentence"></label>',
        '<button type="reset">Show all</button>',
        '<p id="filter-status" class="status" role="status" aria-live="polite"></p>',
        "</form>",
    ])


def _findings(findings: list[Finding], articles: list[Article], by_id: dict[str, Article],
              anchors: _Anchors) -> str:
    out = ['<section id="findings" aria-labelledby="findings-h">', '<h2 id="findings-h">Findings</h2>']
    if not findings:
        out.append(f'<p class="empty">No contradictions found in {_plural(len(articles), "article", "articles")}.</p>')
    else:
        out.append(_filters(findings, articles, anchors))
        out.append('<p id="no-match" class="empty" hidden>No finding matches the filters.</p>')
        out.extend(_finding_card(f, by_id, anchors) for f in findings)
    out.append("</section>")
    return "\n".join(out)


def _finding_card(f: Finding, by_id: dict[str, Article], anchors: _Anchors) -> str:
    keys = " ".join(anchors.key(a) for a in sorted({a for s in f.sides for a in s.articles}, key=_order(anchors))
                    if a in by_id)
    fid = f"f-{_e(f.id)}"
    return "\n".join([
        f'<article class="finding sev-{f.severity}" id="{fid}" data-severity="{f.severity}" data-kind="{_e(f.kind)}" '
        f'data-articles="{keys}" aria-labelledby="{fid}-h">',
        f'<p class="badges"><span class="sev sev-{f.severity}">{ICON[f.severity]} {WORD[f.severity]}</span> '
        f'<span class="kind">{_e(f.kind)}</span> <code class="rule">{_e(f.rule)}</code></p>',
        f'<h3 id="{fid}-h"><span class="subject">{_e(f.subject)}</span> <span class="sep">\u00b7</span> '
        f'<span class="attribute">{_e(f.attribute)}</span></h3>',
        f'<p class="message">{_e(f.message)}</p>',
        '<div class="sides">',
        *(_side(i, side, by_id, anchors) for i, side in enumerate(f.sides)),
        "</div>",
        "</article>",
    ])


def _order(anchors: _Anchors):
    return lambda art: (anchors.index.get(art, len(anchors.index)), art)


def _side(i: int, side: Side, by_id: dict[str, Article], anchors: _Anchors) -> str:
    groups = _sources(side)
    n = len(side.articles)
    support = _plural(n, "article", "articles")
    if len(groups) < n:
        support += f", {_plural(len(groups), 'source', 'sources')} (identical copies count once)"
    label = chr(ord("A") + i) if i < 26 else str(i + 1)
    normalized = f' <span class="normalized">({_e(side.normalized)})</span>' if side.normalized else ""
    return "\n".join([
        f'<section class="side" aria-label="Side {label}: {_e(side.value)}">',
        f'<h4><span class="side-label">Side {label}</span> <q class="value">{_e(side.value)}</q>{normalized}</h4>',
        f'<p class="support">{support}</p>',
        '<ul class="sources">',
        *(_source(group, side, by_id, anchors) for group in groups),
        "</ul>",
        "</section>",
    ])


def _sources(side: Side) -> list[list[str]]:
    """The side's articles, grouped as sources: articles whose evidence for this side is the
    same sentences quoting the same words are copies of one story (a syndicated wire story)
    and count once. The design calls syndicated copies one source; this is the light test
    the report can make from what a finding holds."""
    evidence = defaultdict(list)
    for ev in side.evidence:
        evidence[ev.article].append(ev)
    groups: dict[tuple, list[str]] = {}
    for art in side.articles:  # sorted in the report
        key = tuple((_collapse(ev.sentence), _collapse(ev.text)) for ev in evidence[art]) or (art,)
        groups.setdefault(key, []).append(art)
    return list(groups.values())


def _source(group: list[str], side: Side, by_id: dict[str, Article], anchors: _Anchors) -> str:
    evidence = defaultdict(list)
    for ev in side.evidence:
        evidence[ev.article].append(ev)
    names = []
    for art in group:
        a = by_id.get(art)
        if a is None:
            names.append(f"<span>{_e(art)}</span>")
            continue
        bits = [f'<a href="#{anchors.article_id(art)}">{_e(_article_name(a))}</a>']
        if a.outlet:
            bits.append(f'<span class="id">{_e(a.id)}</span>')
        if a.published:
            bits.append(f"<span>{_e(a.published)}</span>")
        if a.title:
            bits.append(f'<span class="title">{_e(a.title)}</span>')
        names.append(" \u00b7 ".join(bits))
    copies = f'<p class="copies">One source, {len(group)} identical copies:</p>' if len(group) > 1 else ""
    quotes = []
    for n, ev in enumerate(evidence[group[0]]):
        links = []
        for art in group:
            copy = evidence[art][n] if n < len(evidence[art]) else None
            if copy is None:
                continue
            where = f"line {copy.line}, column {copy.column}"
            name = _article_name(by_id[art]) if art in by_id else art
            target = anchors.of.get((art, copy.start, copy.end))
            if target:
                links.append(f'<a class="evidence" href="#{target}">Show in {_e(name)} ({where})</a>')
            else:
                links.append(f'<span class="evidence">{_e(name)} ({where})</span>')
        quotes.append(f"<li><blockquote>{_quote(ev.sentence, ev.text)}</blockquote>"
                      f'<p class="where">{" ".join(links)}</p></li>')
    return "\n".join([
        '<li class="source">',
        copies,
        f'<p class="outlets">{"<br>".join(names)}</p>',
        f'<ul class="quotes">{"".join(quotes)}</ul>',
        "</li>",
    ])


def _quote(sentence: str, text: str) -> str:
    """The sentence, escaped, with the claimed words highlighted (found case-insensitively;
    the sentence has its whitespace collapsed, so the words are too)."""
    words = _collapse(text)
    at = sentence.find(words)
    if at < 0:
        at = sentence.lower().find(words.lower())
    if at < 0 or not words:
        return f'{_e(sentence)} <mark class="hl">{_e(words)}</mark>'
    end = at + len(words)
    return f'{_e(sentence[:at])}<mark class="hl">{_e(sentence[at:end])}</mark>{_e(sentence[end:])}'


# ------------------------------------------------------------------ article view


def _article_views(articles: list[Article], claims: list, findings: list[Finding], anchors: _Anchors) -> str:
    tips: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: (c.evidence.article, c.evidence.start, c.evidence.end, c.kind,
                                           c.subject, c.attribute, c.normalized)):
        tips[c.evidence.article, c.evidence.start, c.evidence.end].append(
            f"{c.kind} \u00b7 {c.subject} \u00b7 {c.attribute}: {c.normalized}")
    worst: dict[str, str] = {}  # mark id -> the most severe finding it is evidence of
    for f in findings:
        for side in f.sides:
            for ev in side.evidence:
                key = (ev.article, ev.start, ev.end)
                mark = anchors.of.get(key)
                if mark is None:
                    continue
                if mark not in worst or SEVERITY_RANK[f.severity] < SEVERITY_RANK[worst[mark]]:
                    worst[mark] = f.severity
                tips[key].append(f"{ICON[f.severity]} {f.severity} {f.rule}: {f.subject} \u00b7 {f.attribute} "
                                 f"= {side.value}")
    out = ['<section id="articles" aria-labelledby="articles-h">', '<h2 id="articles-h">Articles</h2>',
           '<p class="help">Every claim factlint extracted is marked. Hover or focus a mark (Tab) to see its kind, '
           'subject and normalized value; marks with an icon are evidence of a finding.</p>']
    out.extend(_article_view(a, tips, worst, anchors) for a in articles)
    out.append("</section>")
    return "\n".join(out)


def _article_view(a: Article, tips: dict, worst: dict[str, str], anchors: _Anchors) -> str:
    aid = anchors.article_id(a.id)
    meta = [f"<span>{_e(a.outlet)}</span>" if a.outlet else "", f"<span>{_e(a.published)}</span>" if a.published else "",
            f'<span class="path">{_e(a.path)}</span>']
    url = _safe_url(a.url)
    if url:
        meta.append(f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>')
    elif a.url:
        meta.append(f'<code class="url">{_e(a.url)}</code>')
    meta += [f"id <code>{_e(a.id)}</code>", '<a href="#findings">back to the findings</a>']
    heading = _e(a.title) if a.title else _e(a.id)
    return "\n".join([
        f'<article class="article" id="{aid}" aria-labelledby="{aid}-h">',
        f'<h3 id="{aid}-h">{heading}</h3>',
        f'<p class="meta">{SEP.join(m for m in meta if m)}</p>',
        f'<div class="text">{_marked_text(a, tips, worst, anchors)}</div>',
        "</article>",
    ])


def _marked_text(a: Article, tips: dict, worst: dict[str, str], anchors: _Anchors) -> str:
    """The body with one focusable mark per claim (overlapping claims share one); the tip is
    an attribute shown by CSS on hover and focus, so it works without the script."""
    spans_in = defaultdict(list)
    for (art, start, end), lines in sorted(tips.items()):
        if art == a.id:
            spans_in[anchors.of.get((art, start, end))].extend(lines)
    out = []
    at = a.body_offset
    for start, end in anchors.marks.get(a.id, []):
        mid = anchors.mark_id(a.id, start, end)
        lines = list(dict.fromkeys(spans_in.get(mid, [])))  # de-duplicated, in order
        sev = worst.get(mid)
        cls = f"claim ev ev-{sev}" if sev else "claim"
        data_sev = f' data-sev="{ICON[sev]}"' if sev else ""
        out.append(_e(a.text[at:start]))
        out.append(f'<mark class="{cls}" id="{mid}" tabindex="0"{data_sev} data-tip="{_e(chr(10).join(lines))}">'
                   f"{_e(a.text[start:end])}</mark>")
        at = end
    out.append(_e(a.text[at:]))
    return "".join(out)


# ------------------------------------------------------------------ style and script

# Inline, fixed text: the Content-Security-Policy pins their hashes.
STYLE = """
:root { --fg: #1b1b1b; --muted: #555; --line: #ccc; --bg: #fff; --card: #fafafa; --focus: #1a5fb4;
  --error: #a51d2d; --error-bg: #fbe7e9; --warning: #7a4d00; --warning-bg: #fff1d6;
  --info: #1c4f8a; --info-bg: #e6effa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 0 1rem 3rem; color: var(--fg); background: var(--bg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
[hidden] { display: none !important; }
a { color: #0b4f9c; }
:focus-visible, mark.claim:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .25rem .5rem; z-index: 10; }
h1 { font-size: 1.6rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--line); margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: .25rem 0; }
h4 { font-size: 1rem; margin: 0 0 .25rem; }
table { border-collapse: collapse; margin: .75rem 0; }
.overview { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: flex-start; }
.overview > table { max-width: 100%; }
.articles td { overflow-wrap: anywhere; }
caption { text-align: left; font-weight: 600; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
.counts td { text-align: right; }
.path, .id, .date, .none, .support, .meta, .where, .normalized, .status, .help { color: var(--muted); font-size: .9rem; }
.none { font-style: italic; }
.sev { font-weight: 700; padding: 0 .35rem; border-radius: .25rem; white-space: nowrap; }
.sev.sev-error { color: var(--error); background: var(--error-bg); }
.sev.sev-warning { color: var(--warning); background: var(--warning-bg); }
.sev.sev-info { color: var(--info); background: var(--info-bg); }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; padding: .75rem;
  border: 1px solid var(--line); border-radius: .4rem; background: var(--card); margin: 1rem 0; }
.filters fieldset { border: 1px solid var(--line); border-radius: .3rem; margin: 0; padding: .2rem .6rem .4rem; }
.filters label { margin-right: .6rem; }
.filters .field { display: flex; flex-direction: column; font-size: .9rem; }
.filters input[type=search], .filters select, .filters button { font: inherit; padding: .2rem .4rem; }
.filters .search { flex: 1 1 16rem; }
.filters .status { flex-basis: 100%; margin: 0; }
.finding { border: 1px solid var(--line); border-left: .5rem solid var(--line); border-radius: .4rem;
  background: var(--card); padding: .75rem 1rem; margin: 1rem 0; }
.finding.sev-error { border-left-color: var(--error); }
.finding.sev-warning { border-left-color: var(--warning); border-left-style: double; }
.finding.sev-info { border-left-color: var(--info); border-left-style: dotted; }
.badges { margin: 0; }
.kind, .rule { font-size: .85rem; color: var(--muted); }
.kind { text-transform: uppercase; letter-spacing: .05em; }
.message { margin: .25rem 0 .75rem; }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(20rem, 100%), 1fr)); gap: 1rem; }
.side { background: var(--bg); border: 1px solid var(--line); border-radius: .3rem; padding: .5rem .75rem; }
.side-label { font-size: .8rem; color: var(--muted); text-transform: uppercase; margin-right: .3rem; }
.value { font-weight: 700; }
.support { margin: 0 0 .4rem; }
.sources, .quotes { list-style: none; margin: 0; padding: 0; }
.source { border-top: 1px dashed var(--line); padding-top: .4rem; margin-top: .4rem; }
.outlets, .copies { margin: 0 0 .25rem; font-size: .9rem; }
blockquote { margin: .25rem 0; padding-left: .6rem; border-left: 3px solid var(--line); }
mark.hl { background: #ffe08a; color: inherit; font-weight: 700; text-decoration: underline; }
.where { margin: 0 0 .5rem; }
.where a { margin-right: .75rem; }
.article { border-top: 1px solid var(--line); padding-top: .5rem; margin-top: 1.5rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Times New Roman", serif;
  line-height: 1.6; }
mark.claim { position: relative; background: #e8eef7; color: inherit; border-bottom: 2px solid #6b8fc7;
  border-radius: .15rem; cursor: help; }
mark.claim.ev { border-bottom-width: 3px; }
mark.ev-error { background: var(--error-bg); border-bottom-color: var(--error); }
mark.ev-warning { background: var(--warning-bg); border-bottom-color: var(--warning); border-bottom-style: double; }
mark.ev-info { background: var(--info-bg); border-bottom-color: var(--info); border-bottom-style: dotted; }
mark.ev::before { content: attr(data-sev) " "; font-family: system-ui, sans-serif; font-size: .75em; }
mark.claim:hover::after, mark.claim:focus::after { content: attr(data-tip); position: absolute; left: 0;
  top: 100%; z-index: 5; min-width: min(16rem, 80vw); max-width: min(32rem, 90vw); white-space: pre-line; padding: .35rem .5rem;
  background: #222; color: #fff; font: .85rem/1.4 system-ui, sans-serif; border-radius: .25rem; }
mark.claim { scroll-margin: 30vh 0; }  /* a followed link shows the lines around its claim */
mark.claim:target { outline: 3px solid var(--focus); outline-offset: 2px; }
@media print {
  body { max-width: none; font-size: 11pt; }
  .filters, .skip, #no-match { display: none !important; }
  .finding[hidden] { display: block !important; }
  .finding, .side, blockquote { break-inside: avoid; }
  mark.claim:hover::after, mark.claim:focus::after { content: none; }
  a { color: inherit; text-decoration: none; }
}
"""

# Plain JavaScript, no innerHTML: it only shows, hides and focuses what the page already has.
SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
    var status = document.getElementById("filter-status");
    var none = document.getElementById("no-match");
    var checked = function (name) {
      var on = {};
      Array.prototype.forEach.call(form.querySelectorAll("input[name='" + name + "']"), function (box) {
        if (box.checked) { on[box.value] = true; }
      });
      return on;
    };
    var apply = function () {
      var severity = checked("severity"), kind = checked("kind");
      var article = form.elements.article.value;
      var query = form.elements.q.value.trim().toLowerCase();
      var shown = 0;
      cards.forEach(function (card) {
        var ok = severity[card.dataset.severity] === true && kind[card.dataset.kind] === true &&
          (!article || card.dataset.articles.split(" ").indexOf(article) >= 0) &&
          (!query || card.textContent.toLowerCase().indexOf(query) >= 0);
        card.hidden = !ok;
        if (ok) { shown += 1; }
      });
      status.textContent = shown + " of " + cards.length + " findings shown";
      none.hidden = shown > 0;
    };
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }
  // Not every browser focuses a link's target (Chromium does): focus the claim, so its tip
  // shows and Tab continues from there.
  var focusTarget = function () {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var mark = id ? document.getElementById(id) : null;
    if (mark && mark.classList.contains("claim")) { mark.focus(); }
  };
  window.addEventListener("hashchange", focusTarget);
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.evidence") : null;
    if (link) { window.setTimeout(focusTarget, 0); }
  });
  focusTarget();
}());
"""

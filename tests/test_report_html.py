"""The HTML report as raw HTML (no browser): determinism, escaping, self-containment, and the
page holding every finding and claim without its script. tests/test_browser.py drives it in
headless Chromium."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import RULES, SEEDS, write
from factlint.cli import main
from factlint.models import Article, Claim, Evidence, Finding, Side
from factlint.pipeline import Result, run
from factlint.report_html import _safe_url, to_html

# An article that tries to run script through its text, its front matter and its URL.
SCRIPT_TAG = "<script>window.pwned=1</script>"
IMG_TAG = '"><img src=x onerror="window.pwned=2">'
EVIL_TITLE = f"{SCRIPT_TAG} {IMG_TAG}"
EVIL_OUTLET = 'Evil <b>Outlet</b> "><img src=x onerror="window.pwned=3">'
GOOD_URL = 'https://example.com/news?a=1&b="x"'


def write_injection_story(folder: Path) -> Path:
    """Two articles that disagree (so the hostile one is quoted in findings too)."""
    def quoted(s: str) -> str:  # a YAML double-quoted scalar
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    write(folder / "a.md", f"""---
id: evil
title: {quoted(EVIL_TITLE)}
outlet: {quoted(EVIL_OUTLET)}
url: "javascript:window.pwned=4"
published: 2025-07-10
---
Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov in Kuala Lumpur on Thursday. \
{SCRIPT_TAG} The 50-minute meeting was "frank", Rubio said. {IMG_TAG}
Rubio said the talks would go on.
""")
    write(folder / "b.md", f"""---
id: good
title: Rubio meets Lavrov
outlet: Good "News" & Co
url: {quoted(GOOD_URL)}
published: 2025-07-10
---
Senator Marco Rubio met Russian Foreign Minister Sergei Lavrov in Kuala Lumpur on Thursday. The 90-minute \
meeting was tense, Rubio said.
""")
    return folder


class Page(HTMLParser):
    """The parsed page: every start tag with its attributes, and the text of each id'd element."""

    VOID = {"meta", "input", "br", "link", "img", "hr", "source", "area", "base", "col", "embed", "wbr"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text_of: dict[str, str] = {}
        self.raw: dict[str, str] = {}  # script and style contents
        self._open: list[tuple[str, str | None, list[str]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag not in self.VOID:
            self._open.append((tag, attrs.get("id"), []))

    def handle_endtag(self, tag):
        while self._open:
            name, ident, parts = self._open.pop()
            text = "".join(parts)
            if ident:
                self.text_of[ident] = text
            if name in ("script", "style"):
                self.raw[name] = text
            if self._open:
                self._open[-1][2].append(text)
            if name == tag:
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if "id" in a}

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]


@pytest.fixture(scope="module")
def seeds_html(seeds_result) -> str:
    return to_html(seeds_result)


@pytest.fixture(scope="module")
def seeds_page(seeds_html) -> Page:
    return Page(seeds_html)


@pytest.fixture(scope="module")
def evil(tmp_path_factory) -> tuple[Result, str]:
    result = run([str(write_injection_story(tmp_path_factory.mktemp("evil")))], RULES)
    return result, to_html(result)


# ------------------------------------------------------------------ determinism


def test_the_command_writes_the_same_bytes_as_another_run(seeds_result, seeds_html, tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", str(SEEDS), "--format", "html", "-o", str(out)]) == 0
    assert out.read_bytes() == seeds_html.encode("utf-8")  # two independent analyses
    assert to_html(seeds_result) == seeds_html
    assert seeds_html.endswith("</html>\n")


def test_ids_are_positions_and_offsets_not_random(seeds_page, seeds_result):
    ids = seeds_page.ids()
    assert all(re.fullmatch(r"(f-[0-9a-f]{16}(-h)?|c-\d+-\d+-\d+|art-\d+(-h)?|[a-z-]+)", i) for i in ids), ids
    assert len([t for t, _ in seeds_page.tags if t == "article"]) == len(seeds_result.findings) + len(seeds_result.articles)


# ------------------------------------------------------------------ everything there without the script


def test_every_finding_is_in_the_page_without_its_script(seeds_page, seeds_result):
    cards = [a for a in seeds_page.find("article") if "finding" in a["class"].split()]
    findings = seeds_result.findings
    assert [c["id"] for c in cards] == [f"f-{f.id}" for f in findings]
    ids = seeds_page.ids()
    for f in findings:
        text = seeds_page.text_of[f"f-{f.id}"]
        assert f.message in text and f.subject in text and f.attribute in text
        assert f.severity.capitalize() in text  # the severity is written, not only coloured
        for side in f.sides:
            assert side.value in text
            for ev in side.evidence:
                assert " ".join(ev.sentence.split()) in text
    # every evidence link lands on a mark in the article view
    links = [a["href"] for a in seeds_page.find("a", class_="evidence")]
    assert len(links) == sum(len(s.evidence) for f in findings for s in f.sides)
    assert all(h.startswith("#c-") and h[1:] in ids for h in links)
    # with scripts off nothing is hidden but the controls that need the script
    assert sorted(a["id"] for _, a in seeds_page.tags if "hidden" in a) == ["filters", "no-match"]


def test_the_three_seed_contradictions_are_cards(seeds_page, seeds_result):
    got = {(f.subject, f.attribute): {s.value for s in f.sides} for f in seeds_result.findings}
    assert got[("Marco Rubio", "title")] == {"Secretary of State", "Senator"}
    assert got[("Donald Trump", "title")] == {"President", "former President"}
    assert got[("meeting (Sergey Lavrov, Marco Rubio)", "length")] == {"50-minute", "nearly hour-long"}
    for f in seeds_result.findings:
        assert f"f-{f.id}" in seeds_page.ids()


def test_every_claim_is_a_focusable_mark_with_its_kind_subject_and_value(seeds_page, seeds_result):
    marks = {a["id"]: a for a in seeds_page.find("mark") if "claim" in a.get("class", "")}
    assert all(a.get("tabindex") == "0" for a in marks.values())
    tips = " ".join(a["data-tip"] for a in marks.values())
    index = {a.id: i for i, a in enumerate(seeds_result.articles)}
    for c in seeds_result.claims:
        mark = next(m for m in marks if _covers(m, index[c.evidence.article], c.evidence))
        assert c.evidence.text in seeds_page.text_of[mark]
        assert f"{c.kind} \u00b7 {c.subject} \u00b7 {c.attribute}: {c.normalized}" in marks[mark]["data-tip"]
    assert "role-conflict" in tips  # marks that are evidence say of what


def _covers(mark_id: str, article: int, ev: Evidence) -> bool:
    at, start, end = (int(x) for x in mark_id.split("-")[1:])
    return at == article and start <= ev.start and ev.end <= end


# ------------------------------------------------------------------ self-contained


def test_the_page_loads_nothing(seeds_page, seeds_html):
    for tag, attrs in seeds_page.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "base", "source", "video", "audio"), tag
        assert "src" not in attrs and "srcset" not in attrs, (tag, attrs)
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)  # no inline handlers either
        if "href" in attrs:
            assert attrs["href"].startswith("#"), attrs  # the seeds have no URLs
    assert "url(" not in seeds_page.raw["style"] and "@import" not in seeds_page.raw["style"]
    assert "http" not in seeds_page.raw["style"] + seeds_page.raw["script"]
    assert seeds_html.count("<script") == 1 and seeds_html.count("<style") == 1


def test_the_policy_allows_exactly_the_inline_style_and_script(seeds_page):
    [policy] = [a["content"] for a in seeds_page.find("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in policy
    for kind in ("style", "script"):
        digest = base64.b64encode(hashlib.sha256(seeds_page.raw[kind].encode()).digest()).decode()
        assert f"{kind}-src 'sha256-{digest}'" in policy


def test_no_data_is_written_through_inner_html():
    from factlint import report_html

    assert "innerHTML" not in report_html.SCRIPT and "insertAdjacentHTML" not in report_html.SCRIPT
    assert "document.write" not in report_html.SCRIPT


# ------------------------------------------------------------------ escaping


def test_hostile_text_title_outlet_and_url_are_text(evil):
    result, page_html = evil
    assert any("evil" in s.articles for f in result.findings for s in f.sides)  # it is quoted in cards too
    assert "<img" not in page_html and "onerror=\"" not in page_html
    assert page_html.count("<script") == 1
    assert 'href="javascript' not in page_html
    page = Page(page_html)
    assert page.text_of["art-0-h"] == EVIL_TITLE  # the title, as written
    text = page.text_of["art-0"]
    assert SCRIPT_TAG in text and IMG_TAG in text and EVIL_OUTLET in text
    assert "javascript:window.pwned=4" in text  # shown, not linked
    cards = "".join(page.text_of[f"f-{f.id}"] for f in result.findings)
    assert SCRIPT_TAG in cards and EVIL_OUTLET in cards
    assert [a["href"] for a in page.find("a") if not a["href"].startswith("#")] == [GOOD_URL, GOOD_URL]


@pytest.mark.parametrize("url, linked", [
    ("https://example.com/a?b=1", True),
    ("http://example.com", True),
    ("HTTPS://EXAMPLE.COM/", True),
    ("javascript:alert(1)", False),
    (" javascript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("//example.com/a", False),
    ("/relative/path", False),
    ("https://", False),
    ("https://exa mple.com", False),
    ("https://example.com/\nx", False),
    ("http://[::1", False),
    (None, False),
])
def test_only_http_urls_are_links(url, linked):
    assert (_safe_url(url) is not None) == linked


# ------------------------------------------------------------------ hand-built results


def _article(ident: str, text: str, **meta) -> Article:
    return Article(id=ident, path=f"{ident}.txt", text=text, **meta)


def _evidence(article: Article, words: str, nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(words, start + 1)
    line, column = article.locate(start)
    sentence = next(s for s in article.text.split(". ") if words in s)
    return Evidence(article=article.id, start=start, end=start + len(words), line=line, column=column,
                    sentence=sentence, text=words)


def _claim(ev: Evidence, kind: str = "role", subject: str = "Ann Lee", value: str | None = None) -> Claim:
    return Claim(id=f"{ev.article}:{ev.start}-{ev.end}:{kind}", kind=kind, subject=subject,
                 subject_id=f"person:{subject}", attribute="title", value=value or ev.text,
                 normalized=(value or ev.text).lower(), evidence=ev)


def test_overlapping_claims_share_one_mark_and_both_tips():
    a = _article("x", "Foreign Minister Ann Lee spoke. She left.")
    role = _claim(_evidence(a, "Foreign Minister"))
    name = _claim(_evidence(a, "Minister Ann Lee"), kind="name", subject="Ann Lee")
    page = Page(to_html(Result([a], [role, name], None, [])))
    marks = page.find("mark")
    assert [m["id"] for m in marks] == ["c-0-0-24"]
    assert "role \u00b7 Ann Lee \u00b7 title: foreign minister" in marks[0]["data-tip"]
    assert "name \u00b7 Ann Lee" in marks[0]["data-tip"]
    assert page.text_of["c-0-0-24"] == "Foreign Minister Ann Lee"
    assert "No contradictions found in 1 article." in page.text_of["findings"]


def test_identical_copies_on_one_side_count_as_one_source():
    text = "Chair Ann Lee opened the session. The vote was close."
    wire1, wire2 = _article("w1", text, outlet="Paper One"), _article("w2", text, outlet="Paper Two")
    other = _article("o", "Deputy Ann Lee opened the session. The vote was close.", outlet="Own Reporting")
    evs = [_evidence(wire1, "Chair"), _evidence(wire2, "Chair")]
    finding = Finding(id="0123456789abcdef", rule="role-conflict", severity="error", kind="role", subject="Ann Lee",
                      attribute="title", message="Ann Lee is Chair in 2 articles but Deputy in o", sides=[
                          Side(value="Chair", normalized=None, articles=["w1", "w2"], evidence=evs),
                          Side(value="Deputy", normalized=None, articles=["o"], evidence=[_evidence(other, "Deputy")]),
                      ])
    claims = [_claim(e) for e in evs] + [_claim(finding.sides[1].evidence[0])]
    page_html = to_html(Result([wire1, wire2, other], claims, None, [finding]))
    card = Page(page_html).text_of["f-0123456789abcdef"]
    assert "2 articles, 1 source (identical copies count once)" in card
    assert "One source, 2 identical copies" in card
    assert card.count("Chair Ann Lee opened the session") == 1  # quoted once, linked into both copies
    assert "Show in Paper One (line 1, column 1)" in card and "Show in Paper Two (line 1, column 1)" in card
    assert 'data-articles="a0 a1 a2"' in page_html

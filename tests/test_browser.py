"""The HTML report in a real browser: headless Chromium (Debian's `chromium` package) driven
by Playwright. Filters, search, evidence links into the article view, scripts off, print,
and an article that tries to inject script.

No browser is ever downloaded (never `playwright install`): the tests use /usr/bin/chromium,
or $FACTLINT_CHROMIUM. When it cannot start, every test here FAILS with the reason; .ci/run
installs it. Set FACTLINT_UPDATE_SCREENSHOT=1 to refresh docs/report-screenshot.png.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from factlint.cli import main
from test_report_html import EVIL_OUTLET, EVIL_TITLE, GOOD_URL, IMG_TAG, SCRIPT_TAG, write_injection_story

CHROMIUM = os.environ.get("FACTLINT_CHROMIUM", "/usr/bin/chromium")
HOW_TO_INSTALL = "install it with `apt-get install -y chromium` and `pip install -e '.[test]'` (what .ci/run does)"


class Browser:
    """One headless Chromium for the module; `problem` says why there is none."""

    def __init__(self):
        self.problem: str | None = None
        self._playwright = self.browser = None
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as err:
            self.problem = f"Playwright is not installed ({err}); {HOW_TO_INSTALL}"
            return
        if not Path(CHROMIUM).exists():
            self.problem = f"no Chromium at {CHROMIUM}; {HOW_TO_INSTALL}"
            return
        try:
            self._playwright = sync_playwright().start()
            self.browser = self._playwright.chromium.launch(executable_path=CHROMIUM)
        except Exception as err:  # any launch failure is the reason every test fails
            self.problem = f"headless Chromium at {CHROMIUM} did not start: {str(err).strip().splitlines()[0]}"
            self.close()

    def close(self):
        if self.browser:
            self.browser.close()
        if self._playwright:
            self._playwright.stop()
        self.browser = self._playwright = None


@pytest.fixture(scope="module")
def chromium():
    browser = Browser()
    yield browser
    browser.close()


class Pages:
    """Opens report files in fresh browser contexts, recording script errors and console
    errors (a Content-Security-Policy violation is one)."""

    def __init__(self, chromium: Browser):
        self.chromium = chromium
        self.contexts = []
        self.errors: list[str] = []

    def open(self, path: Path, scripts: bool = True):
        if self.chromium.problem:
            pytest.fail(self.chromium.problem, pytrace=False)  # a failure, never a skip
        context = self.chromium.browser.new_context(java_script_enabled=scripts, viewport={"width": 1200, "height": 900})
        self.contexts.append(context)
        context.set_default_timeout(5000)  # a missing element fails fast; the page is local
        page = context.new_page()
        page.on("pageerror", lambda err: self.errors.append(f"page error: {err}"))
        page.on("console", lambda msg: self.errors.append(f"console {msg.type}: {msg.text}")
                if msg.type in ("error", "warning") else None)
        page.goto(path.as_uri())
        return page

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(chromium):
    opened = Pages(chromium)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory) -> Path:
    """`factlint report seeds/ --format html -o FILE`, run from the checkout as the README does."""
    out = tmp_path_factory.mktemp("html") / "seeds.html"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        assert main(["report", f"{SEEDS.relative_to(ROOT)}/", "--format", "html", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def evil_report(tmp_path_factory) -> Path:
    folder = write_injection_story(tmp_path_factory.mktemp("evil"))
    out = folder.parent / "evil.html"
    assert main(["report", str(folder), "--format", "html", "-o", str(out)]) == 0
    return out


def card(page, kind: str, subject: str, attribute: str):
    """The finding card about one subject's attribute."""
    from playwright.sync_api import expect

    found = (page.locator(f"article.finding[data-kind='{kind}']")
             .filter(has=page.locator(".subject", has_text=subject))
             .filter(has=page.locator(".attribute", has_text=attribute)))
    expect(found).to_have_count(1)
    return found


def seed_cards(page):
    return {
        "rubio": card(page, "role", "Marco Rubio", "title"),
        "trump": card(page, "role", "Donald Trump", "title"),
        "length": card(page, "duration", "meeting", "length"),
    }


def visible(cards: dict) -> set[str]:
    return {name for name, c in cards.items() if c.is_visible()}


def test_the_three_seed_contradictions_are_visible(pages, seeds_report, tmp_path):
    from playwright.sync_api import expect

    page = pages.open(seeds_report)
    cards = seed_cards(page)
    for name, values, severity in [("rubio", ["Secretary of State", "Senator"], "Error"),
                                   ("trump", ["President", "former President"], "Error"),
                                   ("length", ["50-minute", "nearly hour-long"], "Warning")]:
        expect(cards[name]).to_be_visible()
        expect(cards[name].locator(".side .value")).to_have_text(values)
        expect(cards[name].locator(".badges .sev")).to_contain_text(severity)  # a word, not only a colour
        for side in range(2):
            quote = cards[name].locator(".side").nth(side).locator("blockquote mark.hl").first
            expect(quote).to_be_visible()
            expect(quote).to_have_text(values[side], ignore_case=True)
    expect(page.locator("#filter-status")).to_have_text("5 of 5 findings shown")
    shot = tmp_path / "seeds-report.png"
    page.set_viewport_size({"width": 1200, "height": 1500})  # the header, the filters and a whole card
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("FACTLINT_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, ROOT / "docs" / "report-screenshot.png")
    assert pages.errors == []


def test_severity_kind_and_article_filters_and_search_hide_cards(pages, seeds_report):
    from playwright.sync_api import expect

    page = pages.open(seeds_report)
    cards = seed_cards(page)
    status = page.locator("#filter-status")
    errors = page.locator("#filters input[name=severity][value=error]")
    errors.uncheck()
    assert visible(cards) == {"length"}
    expect(status).to_have_text("3 of 5 findings shown")
    errors.check()
    page.locator("#filters input[name=kind][value=duration]").uncheck()
    assert visible(cards) == {"rubio", "trump"}
    page.get_by_role("button", name="Show all").click()
    assert visible(cards) == {"rubio", "trump", "length"}

    search = page.get_by_role("searchbox", name="Search")
    search.fill("nearly hour-long")
    assert visible(cards) == {"length"}
    expect(status).to_have_text("1 of 5 findings shown")
    search.fill("no such words anywhere")
    assert visible(cards) == set()
    expect(page.locator("#no-match")).to_be_visible()
    search.fill("")

    # 003 calls Rubio a Senator and says nothing of Trump's title or the meeting's length
    page.get_by_role("combobox", name="Article").select_option(label="003_3669a71923782340")
    assert visible(cards) == {"rubio"}
    expect(page.locator("#no-match")).to_be_hidden()
    assert pages.errors == []


def test_an_evidence_link_focuses_its_claim_in_the_article_view(pages, seeds_report):
    from playwright.sync_api import expect

    page = pages.open(seeds_report)
    senator = seed_cards(page)["rubio"].locator(".side").nth(1)
    link = senator.locator("a.evidence").first
    expect(link).to_contain_text("line 12, column 19")
    target = link.get_attribute("href")
    link.click()
    assert page.url.endswith(target)
    mark = page.locator(target)
    expect(mark).to_be_focused()
    expect(mark).to_be_in_viewport()
    expect(mark).to_have_text("Senator")
    expect(page.locator(f"#art-1 {target}")).to_have_count(1)  # in 001's text
    # the tip shows on focus, as text: kind, subject, normalized value
    tip = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert "role \u00b7 Marco Rubio \u00b7 title: senator" in tip
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # visible focus
    # Tab goes on to the next claim
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('claim')")
    assert page.evaluate("document.activeElement.id") != target[1:]
    assert pages.errors == []


def test_with_scripts_off_everything_is_visible(pages, seeds_report):
    from playwright.sync_api import expect

    page = pages.open(seeds_report, scripts=False)
    assert visible(seed_cards(page)) == {"rubio", "trump", "length"}
    expect(page.locator("article.finding:visible")).to_have_count(5)
    expect(page.locator("#filters")).to_be_hidden()  # controls that need the script stay out of the way
    expect(page.locator("mark.claim").first).to_be_visible()


def test_print_shows_every_finding_and_no_controls(pages, seeds_report):
    from playwright.sync_api import expect

    page = pages.open(seeds_report)
    page.locator("#filters input[name=severity][value=error]").uncheck()
    page.emulate_media(media="print")
    expect(page.locator("#filters")).to_be_hidden()
    expect(page.locator("article.finding:visible")).to_have_count(5)
    assert len(page.pdf()) > 1000  # it prints
    assert pages.errors == []


def test_an_injecting_article_renders_as_text(pages, evil_report):
    from playwright.sync_api import expect

    page = pages.open(evil_report)
    for mark in page.locator("#art-0 mark.claim").all():  # hovering and following links runs nothing either
        mark.hover()
    for link in page.locator("a.evidence").all():
        link.click()
    assert page.evaluate("typeof window.pwned") == "undefined"
    expect(page.locator("img")).to_have_count(0)
    expect(page.locator("script")).to_have_count(1)  # the report's own
    expect(page.locator("#art-0 h3")).to_have_text(EVIL_TITLE)
    text = page.locator("#art-0 .text")
    expect(text).to_contain_text(SCRIPT_TAG)
    expect(text).to_contain_text(IMG_TAG)
    expect(page.locator("table.articles")).to_contain_text(EVIL_OUTLET)
    expect(page.locator("table.articles")).to_contain_text(SCRIPT_TAG)
    expect(page.locator("article.finding blockquote").filter(has_text=SCRIPT_TAG)).to_have_count(1)
    expect(page.locator("a[href^='javascript']")).to_have_count(0)
    expect(page.get_by_text("javascript:window.pwned=4").first).to_be_visible()
    assert {page.locator("table.articles a[href^='https:']").get_attribute("href")} == {GOOD_URL}
    # an injected script blocked by the page's policy would be reported here: escaping must hold alone
    assert pages.errors == []

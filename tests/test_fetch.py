"""Articles read from URLs (issue 16): a local web server serving news pages written here, with
the boilerplate real pages have around the story, and metadata in Open Graph and JSON-LD."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from factlint.cli import main
from factlint.errors import InputError
from factlint.fetch import Fetcher, FetchOptions
from factlint.ingest import collect_articles, from_record
from conftest import ROOT

STORY = ("Secretary of State Marco Rubio held talks on Thursday with Russian Foreign Minister Sergei Lavrov "
         "in Kuala Lumpur, on the sidelines of a regional summit.")
MORE = "The 50-minute meeting was described as candid by officials on both sides, who said they exchanged new ideas."


def page(title: str, story: str, canonical: str) -> str:
    return f"""<!DOCTYPE html>
<html><head>
<title>{title} | The Daily Planet</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Daily Planet">
<meta property="og:url" content="{canonical}">
<link rel="canonical" href="{canonical}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "{title}", "datePublished": "2025-07-10T14:30:00Z",
 "publisher": {{"@type": "Organization", "name": "The Daily Planet"}}}}</script>
<script>window.trackingPixel = "SCRIPT-TEXT-IS-NOT-THE-STORY";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad banner">ADVERTISEMENT: cheap flights to Kuala Lumpur, book now and save</div>
<main><article>
<h1>{title}</h1>
<p class="byline">By Jane Reporter</p>
<p>{story}</p>
<p>{MORE}</p>
<p>Neither side gave details of the proposals, and no further meeting was announced by the two delegations.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Markets fall again</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>troll99 wrote: READER-COMMENT-IS-NOT-THE-STORY</p></div></section>
</main>
<footer><p>Copyright 2025 The Daily Planet. All rights reserved.</p></footer>
</body></html>"""


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def do_GET(self):
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.path == "/slow":
            time.sleep(2)
        if self.path in ("/world/rubio-lavrov", "/slow"):
            self._send(200, page("Rubio meets Lavrov in Kuala Lumpur", STORY, f"{base}/world/rubio-lavrov"))
        elif self.path == "/world/senator":
            self._send(200, page("Rubio and Lavrov talk", STORY.replace("Secretary of State", "Senator"),
                                 f"{base}/world/senator"))
        elif self.path == "/moved":
            self._redirect("/world/rubio-lavrov")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/paper.pdf":
            self._send(200, "%PDF-1.4", "application/pdf")
        else:
            self._send(404, "<h1>Not found</h1>")

    def _send(self, status: int, body: str, kind: str = "text/html; charset=utf-8"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except BrokenPipeError:  # the client gave up (the timeout test)
            pass

    def _redirect(self, to: str):
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def local(**options) -> Fetcher:
    return Fetcher(FetchOptions(allow_private=True, **options))


def test_the_story_is_read_without_the_boilerplate_and_with_its_metadata(site):
    article = local().fetch(f"{site}/world/rubio-lavrov")
    assert STORY in article.text and MORE in article.text
    for boilerplate in ("World news", "ADVERTISEMENT", "SCRIPT-TEXT", "READER-COMMENT", "Copyright", "Related stories"):
        assert boilerplate not in article.text
    assert article.title == "Rubio meets Lavrov in Kuala Lumpur"
    assert article.outlet == "The Daily Planet"
    assert article.published == "2025-07-10"
    assert article.url == f"{site}/world/rubio-lavrov"
    assert article.path == f"{site}/world/rubio-lavrov"  # findings are located by the URL given
    assert article.id == site.split("://")[1] + "/world/rubio-lavrov"


def test_a_redirect_is_followed_and_a_loop_is_one_line(site):
    assert STORY in local().fetch(f"{site}/moved").text
    with pytest.raises(InputError) as err:
        local(max_redirects=3).fetch(f"{site}/loop")
    assert err.value.lines() == [f"error[E001]: {site}/loop: cannot fetch: more than 3 redirects"]


def test_a_404_and_a_timeout_are_one_line_each_naming_the_url(site):
    results = local(timeout=0.5).fetch_all([f"{site}/gone", f"{site}/slow", f"{site}/paper.pdf"])
    assert [r.lines() for r in results] == [
        [f"error[E001]: {site}/gone: cannot fetch: HTTP 404 Not Found"],
        [f"error[E001]: {site}/slow: cannot fetch: no answer within 0.5 s"],
        [f"error[E001]: {site}/paper.pdf: cannot read: not a web page (Content-Type application/pdf)"]]


def test_the_cli_names_a_failing_url_like_a_missing_file(site, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["report", f"{site}/gone", str(ROOT / "seeds" / "missing.txt")]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"factlint: error[E001]: {site}/gone: cannot fetch: HTTP 404 Not Found",
        f"factlint: error[E001]: {ROOT / 'seeds' / 'missing.txt'}: no such file or directory"]


def test_report_on_urls_finds_the_title_conflict_and_keeps_the_pages(site, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path / "cache"))
    urls = [f"{site}/world/rubio-lavrov", f"{site}/world/senator"]
    assert main(["report", *urls, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [a["path"] for a in report["articles"]] == urls
    assert {a["published"] for a in report["articles"]} == {"2025-07-10"}
    [conflict] = [f for f in report["findings"] if f["rule"] == "role-conflict"]
    assert {s["value"] for s in conflict["sides"]} == {"Secretary of State", "Senator"}
    # the pages were kept in the cache: a second run does not fetch them again
    before = dict(Handler.hits)
    assert main(["report", *urls, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == report["findings"]
    assert Handler.hits == before
    assert len(list((tmp_path / "cache" / "pages").rglob("*.json"))) == 2


def test_the_guard_refuses_loopback_unless_allowed(site):
    guarded = Fetcher(FetchOptions(allow_private=False))
    with pytest.raises(InputError) as err:
        guarded.fetch(f"{site}/world/rubio-lavrov")
    assert err.value.lines() == [f"error[E001]: {site}/world/rubio-lavrov: refused: 127.0.0.1 resolves to 127.0.0.1, "
                                 f"a loopback, private or reserved address (this service fetches public pages only)"]
    for url in ("http://localhost:9/", "http://10.0.0.1/", "http://[::1]:9/", "http://169.254.169.254/latest/"):
        with pytest.raises(InputError, match="refused"):
            guarded.fetch(url)


def test_collect_articles_keeps_the_order_of_files_and_urls(site, tmp_path):
    (tmp_path / "a.txt").write_text("Senator Marco Rubio met Lavrov.", encoding="utf-8")
    articles, problems = collect_articles([str(tmp_path / "a.txt"), f"{site}/world/rubio-lavrov"], fetcher=local())
    assert not problems
    assert [a.path for a in articles] == [str(tmp_path / "a.txt"), f"{site}/world/rubio-lavrov"]


def test_a_json_record_may_hold_html_or_markdown():
    html = from_record({"text": "<p>Senator Marco Rubio met\n<b>Lavrov</b>.</p>\n<p>Talks went on.</p>"},
                       ROOT / "x.json", "x.json", "x")
    assert html.text == "Senator Marco Rubio met Lavrov.\nTalks went on."
    assert html.locate(html.text.index("Lavrov")) == (2, 4)  # located in the record's HTML
    plain = from_record({"text": "<!-- factlint: ignore[name-spelling] ok -->\nSenator Rubio met <Lavrov>."},
                        ROOT / "x.json", "x.json", "x")
    assert plain.text.startswith("<!--")  # a plain draft opening with a suppression stays plain
    md = from_record({"text": "---\ntitle: Talks\n---\nSenator Rubio met Lavrov.\n", "format": "markdown"},
                     ROOT / "x.json", "x.json", "x")
    assert (md.title, md.text[md.body_offset:]) == ("Talks", "Senator Rubio met Lavrov.\n")
    wordpress = from_record({"text": "Senator Rubio met Lavrov.", "format": "standard"}, ROOT / "x.json", "x.json", "x")
    assert wordpress.text == "Senator Rubio met Lavrov."  # another CMS's 'format' is ignored

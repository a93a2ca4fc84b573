"""What an article holds cannot act in factlint's outputs: HTML in the Markdown report, Unicode
bidi controls (U+202E) in any output."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt

from conftest import write

from factlint.cli import main

SCRIPT = "<script>alert(1)</script>"
A = ("Prime Minister Jane Okafor opened the new bridge {x} over the Lune river on Tuesday, July 8. "
     "About 400 people attended the ceremony, which lasted 40 minutes.\n")
B = ("Senator Jane Okafor opened the Lune bridge on Tuesday, July 8, in front of some 450 people. "
     "The ceremony took about an hour.\n")


def rendered(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


@pytest.mark.parametrize("name, a", [
    ("a.txt", A.format(x=SCRIPT + " [click](javascript:alert(2)) *x* `y`")),
    ("a.html", "<html><body><p>" + A.format(x="&lt;script&gt;alert(1)&lt;/script&gt;") + "</p></body></html>"),
])
def test_markdown_report_shows_article_html_as_text(capsys, tmp_path, name, a):
    write(tmp_path / name, a)
    write(tmp_path / "b.txt", B)
    assert main(["report", str(tmp_path), "--format", "markdown"]) == 0
    html = rendered(capsys.readouterr().out)
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<a " not in html and "javascript:" not in html.replace("(javascript:alert(2))", "")
    assert "<strong>Prime Minister</strong>" in html  # the claimed words are still marked


def test_markdown_path_with_a_backtick_and_a_pipe_stays_in_its_cell(capsys, tmp_path):
    write(tmp_path / "x`|y" / "a.txt", A.format(x=""))
    write(tmp_path / "b.txt", B)
    assert main(["report", str(tmp_path), "--format", "markdown"]) == 0
    html = rendered(capsys.readouterr().out)
    assert "<code>" + str(tmp_path / "x`|y" / "a.txt") + "</code>" in html


RLO = "\u202e"


@pytest.fixture
def bidi(tmp_path):
    write(tmp_path / "a.md", f"---\ntitle: \"Rubio{RLO}txt.exe\"\n---\n" + A.format(x=f"(see {RLO}gnp.exe)"))
    write(tmp_path / "b.txt", B)
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_bidi_controls_are_escaped_in_every_report_format(capsys, bidi, fmt):
    assert main(["report", str(bidi), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert RLO not in out and "\\u202e" in out
    if fmt == "json":  # the escape is JSON's own: the data is unchanged
        assert json.loads(out)["articles"][0]["title"] == f"Rubio{RLO}txt.exe"


def test_bidi_controls_are_escaped_in_lint_and_claims_output(capsys, bidi, tmp_path):
    assert main(["lint", str(bidi / "a.md"), "--against", str(bidi / "b.txt")]) == 1
    assert main(["claims", str(bidi), "-o", str(tmp_path / "claims.json")]) == 0
    for out in capsys.readouterr().out, (tmp_path / "claims.json").read_text(encoding="utf-8"):
        assert RLO not in out and "\\u202e" in out

"""factlint.ingest: reading articles from every supported format, and refusing bad ones."""

from __future__ import annotations

import json

import pytest

from factlint.errors import InputError
from conftest import write
from factlint.ingest import load_articles, parse_text

LEDE = "The city council approved the new budget on Tuesday, July 8, by a vote of 7 to 2."
SECOND = "Mayor Ana Ruiz said the plan would add 40 bus drivers before the end of the year."




# ---------------------------------------------------------------- happy paths


def test_txt_article_id_is_the_file_stem_and_text_is_verbatim(tmp_path):
    p = write(tmp_path / "council-vote.txt", f"{LEDE}\n\n{SECOND}\n")
    [art] = load_articles([p])
    assert art.id == "council-vote"
    assert art.path == str(p)
    assert art.text == f"{LEDE}\n\n{SECOND}\n"
    assert (art.body_offset, art.line_offset, art.published) == (0, 0, None)


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    p = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + LEDE.encode())
    [art] = load_articles([p])
    assert art.text == LEDE


def test_markdown_front_matter_fills_metadata(tmp_path):
    body = f"{LEDE}\n{SECOND}\n"
    p = write(tmp_path / "story.md", "---\n"
                                     "id: gazette-0708\n"
                                     "title: Council passes budget\n"
                                     "outlet: The Gazette\n"
                                     "url: https://example.com/budget\n"
                                     "published: July 9, 2025\n"
                                     "---\n" + body)
    [art] = load_articles([p])
    assert art.id == "gazette-0708"
    assert art.title == "Council passes budget"
    assert art.outlet == "The Gazette"
    assert art.url == "https://example.com/budget"
    assert art.published == "2025-07-09"
    # The body starts after the front matter; offsets and lines refer to the original file.
    assert art.text[art.body_offset:] == body
    assert art.line_offset == 7
    assert art.text == p.read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["2025-07-09", "2025-07-09T23:30:00Z", "'2025-07-09'", "9 July 2025"])
def test_published_becomes_an_iso_date(tmp_path, value):
    p = write(tmp_path / "a.md", f"---\npublished: {value}\n---\n{LEDE}\n")
    assert load_articles([p])[0].published == "2025-07-09"


def test_markdown_without_front_matter_is_all_body(tmp_path):
    p = write(tmp_path / "plain.md", f"# Budget passes\n\n{LEDE}\n")
    [art] = load_articles([p])
    assert (art.body_offset, art.title) == (0, None)


def test_crlf_front_matter(tmp_path):
    p = write(tmp_path / "win.md", f"---\r\ntitle: Budget\r\n---\r\n{LEDE}\r\n")
    [art] = load_articles([p])
    assert art.title == "Budget"
    assert art.text[art.body_offset:] == f"{LEDE}\r\n"


def test_json_object_is_one_article(tmp_path):
    p = write(tmp_path / "wire.json", json.dumps({"text": LEDE, "title": "Budget", "outlet": "Wire",
                                                  "published": "2025-07-08", "cms_section": "metro"}))
    [art] = load_articles([p])
    assert (art.id, art.text, art.title, art.outlet, art.published) == ("wire", LEDE, "Budget", "Wire", "2025-07-08")


def test_json_list_is_one_article_per_record(tmp_path):
    p = write(tmp_path / "feed.json", json.dumps([{"text": LEDE}, {"text": SECOND, "id": "ruiz-quote"}]))
    arts = load_articles([p])
    assert [a.id for a in arts] == ["feed-1", "ruiz-quote"]
    assert [a.path for a in arts] == [f"{p}#1", f"{p}#2"]
    assert [a.text for a in arts] == [LEDE, SECOND]


def test_jsonl_is_one_article_per_line_and_skips_blank_lines(tmp_path):
    p = write(tmp_path / "feed.jsonl", json.dumps({"text": LEDE}) + "\n\n" + json.dumps({"text": SECOND}) + "\n")
    arts = load_articles([p])
    assert [a.id for a in arts] == ["feed-1", "feed-3"]
    assert [a.path for a in arts] == [f"{p}:1", f"{p}:3"]
    assert [a.text for a in arts] == [LEDE, SECOND]


def test_html_keeps_visible_text_only(tmp_path):
    p = write(tmp_path / "page.html", f"""<!doctype html>
<html><head><title>Site chrome</title><style>p {{ color: red }}</style></head>
<body>
  <script>var tracker = "PAGEVIEW_SECRET";</script>
  <h1>Budget   passes</h1>
  <p>{LEDE}</p>
  <p>Jobs &amp; buses: {SECOND}</p>
  <noscript>Enable JavaScript</noscript>
</body></html>""")
    [art] = load_articles([p])
    assert art.text == f"Budget passes\n{LEDE}\nJobs & buses: {SECOND}"
    for hidden in ("PAGEVIEW_SECRET", "tracker", "color", "Site chrome", "JavaScript"):
        assert hidden not in art.text


def test_directories_are_read_recursively_in_sorted_order(tmp_path):
    write(tmp_path / "story" / "b.txt", LEDE)
    write(tmp_path / "story" / "a.md", SECOND)
    write(tmp_path / "story" / "wire" / "c.json", json.dumps({"text": LEDE}))
    write(tmp_path / "story" / "notes.pdf", b"%PDF-1.4")  # not an article type: left out
    arts = load_articles([tmp_path / "story"])
    assert [a.id for a in arts] == ["a", "b", "c"]


def test_hidden_files_and_directories_are_skipped(tmp_path):
    write(tmp_path / "story" / "kept.txt", LEDE)
    write(tmp_path / "story" / ".draft.txt", SECOND)
    write(tmp_path / "story" / ".git" / "COMMIT.txt", "wip")
    assert [a.id for a in load_articles([tmp_path / "story"])] == ["kept"]


def test_a_file_named_twice_is_read_once(tmp_path):
    p = write(tmp_path / "story" / "a.txt", LEDE)
    assert [a.id for a in load_articles([p, tmp_path / "story"])] == ["a"]


def test_parse_text_replaces_typographic_quotes_one_for_one():
    text = "\u201cWe\u2019re done,\u201d the mayor said \u2014 at 5\u00a0p.m."
    plain = parse_text(text)
    assert plain == "\"We're done,\" the mayor said - at 5 p.m."
    assert len(plain) == len(text)
    # An offset found in the parse text points at the same word in the original.
    start = plain.index("mayor")
    assert text[start:start + len("mayor")] == "mayor"


def test_parse_text_leaves_other_text_alone():
    assert parse_text(LEDE) == LEDE


# ---------------------------------------------------------------- bad input


def problems(paths):
    with pytest.raises(InputError) as info:
        load_articles(paths)
    return info.value.lines()


def test_every_bad_file_is_reported_and_good_ones_are_not_returned_alone(tmp_path):
    good = write(tmp_path / "good.txt", LEDE)
    empty = write(tmp_path / "empty.txt", "")
    binary = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    lines = problems([good, empty, binary])
    assert len(lines) == 2
    assert f"{empty}: file is empty" in lines[0]
    assert f"{binary}: binary file" in lines[1]


@pytest.mark.parametrize("name, content, message", [
    ("blank.txt", "  \n\t\n", "file is empty"),
    ("latin1.txt", "Caf\u00e9 owners protested.".encode("latin-1"), "not UTF-8 text (invalid byte at offset 3)"),
    ("utf16.txt", LEDE.encode("utf-16"), "binary file"),
    ("bad.md", "---\ntitle: [Budget\n---\nBody.\n", "broken front matter at line 3"),
    ("list.md", "---\n- a\n- b\n---\nBody.\n", "front matter must be a mapping"),
    ("open.md", f"---\ntitle: Budget\n{LEDE}\n", "front matter opened with '---' is never closed"),
    ("nobody.md", "---\ntitle: Budget\n---\n\n", "article has no text"),
    ("when.md", f"---\npublished: next week sometime\n---\n{LEDE}\n", "'published' is not a date"),
    ("year.md", f"---\npublished: 2025\n---\n{LEDE}\n", "'published' is not a date: 2025"),
    ("title.md", f"---\ntitle: [a, b]\n---\n{LEDE}\n", "'title' must be text, not list"),
    ("noid.md", f"---\nid: ''\n---\n{LEDE}\n", "'id' must be non-empty text"),
    ("empty.html", "<html><script>alert(1)</script></html>", "article has no text"),
    ("bad.json", '{"text": "x",\n "title": }', "invalid JSON at line 2, column 11"),
    ("notext.json", json.dumps({"title": "Budget"}), "record has no 'text'"),
    ("scalar.json", "42", "each record must be a JSON object"),
])
def test_bad_file_is_named_with_its_problem(tmp_path, name, content, message):
    p = write(tmp_path / name, content)
    [line] = problems([p])
    assert line.startswith(f"error[E001]: {p}: ")
    assert message in line


def test_jsonl_error_names_the_line(tmp_path):
    p = write(tmp_path / "feed.jsonl", json.dumps({"text": LEDE}) + "\n{\"text\": oops}\n")
    [line] = problems([p])
    assert line.startswith(f"error[E001]: {p}:2: invalid JSON")


def test_json_list_error_names_the_record(tmp_path):
    p = write(tmp_path / "feed.json", json.dumps([{"text": LEDE}, {"title": "no body"}]))
    [line] = problems([p])
    assert line == f"error[E001]: {p}#2: record has no 'text'"


def test_missing_path_unsupported_type_and_empty_directory(tmp_path):
    (tmp_path / "empty-dir").mkdir()
    write(tmp_path / "empty-dir" / ".hidden.txt", LEDE)
    pdf = write(tmp_path / "scan.pdf", b"%PDF-1.4")
    lines = problems([tmp_path / "nope.txt", pdf, tmp_path / "empty-dir"])
    assert lines == [
        f"error[E001]: {tmp_path / 'nope.txt'}: no such file or directory",
        f"error[E001]: {pdf}: unsupported file type .pdf; expected one of "
        ".htm, .html, .json, .jsonl, .markdown, .md, .txt",
        f"error[E001]: {tmp_path / 'empty-dir'}: no articles "
        "(.htm, .html, .json, .jsonl, .markdown, .md, .txt) in this directory",
    ]


def test_duplicate_ids_name_both_files(tmp_path):
    first = write(tmp_path / "gazette" / "budget.txt", LEDE)
    second = write(tmp_path / "herald" / "budget.txt", SECOND)
    [line] = problems([tmp_path])
    assert line == f"error[E001]: {second}: article id 'budget' is also used by {first}"


def test_duplicate_explicit_id(tmp_path):
    write(tmp_path / "a.md", f"---\nid: gazette\n---\n{LEDE}\n")
    b = write(tmp_path / "b.json", json.dumps({"id": "gazette", "text": SECOND}))
    [line] = problems([tmp_path])
    assert line.startswith(f"error[E001]: {b}: article id 'gazette'")


def test_impossible_front_matter_date_is_an_input_error(tmp_path):
    p = write(tmp_path / "a.md", f"---\npublished: 2025-13-45\n---\n{LEDE}\n")
    [line] = problems([p])
    assert line.startswith(f"error[E001]: {p}: ")


def test_json_with_no_records_is_an_input_error(tmp_path):
    p = write(tmp_path / "feed.json", "[]")
    [line] = problems([p])
    assert line.startswith(f"error[E001]: {p}: ")

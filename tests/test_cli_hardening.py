"""Hardening of the command line (issue 15): output files, formats, bad files among good ones,
encodings, symbolic links, help."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from conftest import write

from factlint.cli import main

GOOD_A = ("Prime Minister Jane Okafor opened the new bridge over the Lune river on Tuesday, July 8. "
          "About 400 people attended the ceremony, which lasted 40 minutes.\n")
GOOD_B = ("Senator Jane Okafor opened the Lune bridge on Tuesday, July 8, in front of some 450 people. "
          "The ceremony took about an hour.\n")


@pytest.fixture
def story(tmp_path) -> Path:
    d = tmp_path / "story"
    write(d / "a.txt", GOOD_A)
    write(d / "b.txt", GOOD_B)
    return d


def run(capsys, *argv) -> tuple[int, str, str]:
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return rc, out, err


# ---------------------------------------------------------------- -o

def test_full_disk_leaves_no_temp_file_and_keeps_the_old_report(monkeypatch, capsys, story, tmp_path):
    out = write(tmp_path / "out" / "report.txt", "the old report\n")

    def full(fd, *args, **kwargs):
        class Full:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                os.close(fd)

            def write(self, text):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return Full()

    monkeypatch.setattr("factlint.cli.os.fdopen", full)
    rc, stdout, err = run(capsys, "report", story, "-o", out)
    assert rc == 2 and err == f"factlint: error[E004]: {out}: cannot write: No space left on device\n"
    assert os.listdir(out.parent) == ["report.txt"] and out.read_text() == "the old report\n"


def test_interrupted_write_leaves_no_temp_file(monkeypatch, capsys, story, tmp_path):
    monkeypatch.setattr("factlint.cli.os.replace", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    rc, _, _ = run(capsys, "report", story, "-o", tmp_path / "report.txt")
    assert rc == 130 and sorted(os.listdir(tmp_path)) == ["story"]


def test_output_into_a_missing_folder_is_refused_before_the_analysis(failing_cli, story, tmp_path):
    [line] = failing_cli("report", story, "-o", tmp_path / "nope" / "report.txt")
    assert line == f"factlint: error[E004]: {tmp_path / 'nope' / 'report.txt'}: no such directory " \
                   f"{str(tmp_path / 'nope')!r} for the output file"
    [line] = failing_cli("report", story, "--graph", tmp_path / "nope" / "g.json")
    assert "no such directory" in line
    [line] = failing_cli("lint", story / "a.txt", "-o", tmp_path / "nope" / "lint.json")
    assert "no such directory" in line


# ---------------------------------------------------------------- formats from the file name

@pytest.mark.parametrize("name, check", [
    ("report.html", lambda text: text.startswith("<!DOCTYPE html>")),
    ("report.json", lambda text: json.loads(text)["findings"]),
    ("report.md", lambda text: text.startswith("# factlint report")),
    ("report.txt", lambda text: "ERROR [role-conflict]" in text),
    ("report.out", lambda text: "ERROR [role-conflict]" in text),
])
def test_report_format_follows_the_output_extension(capsys, story, tmp_path, name, check):
    assert run(capsys, "report", story, "-o", tmp_path / name)[0] == 0
    assert check((tmp_path / name).read_text(encoding="utf-8"))


def test_explicit_format_wins_over_the_extension(capsys, story, tmp_path):
    assert run(capsys, "report", story, "--format", "json", "-o", tmp_path / "r.txt")[0] == 0
    json.loads((tmp_path / "r.txt").read_text(encoding="utf-8"))


def test_lint_sarif_from_the_extension(capsys, story, tmp_path):
    assert run(capsys, "lint", story / "a.txt", "--against", story / "b.txt", "-o", tmp_path / "l.sarif")[0] == 1
    assert json.loads((tmp_path / "l.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_lint_refuses_an_html_output(failing_cli, story, tmp_path):
    [line] = failing_cli("lint", story / "a.txt", "-o", tmp_path / "lint.html")
    assert line.startswith(f"factlint: error[E004]: {tmp_path / 'lint.html'}: this command cannot write html")


# ---------------------------------------------------------------- bad files among good ones

def test_keep_going_reports_on_the_good_files_and_names_the_bad_one(capsys, story, tmp_path):
    write(story / "broken.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    rc, out, err = run(capsys, "report", story, "--keep-going", "--format", "json")
    assert rc == 2
    assert err == f"factlint: error[E001]: {story / 'broken.txt'}: binary file, not text\n"
    report = json.loads(out)
    assert [a["id"] for a in report["articles"]] == ["a", "b"] and report["findings"]


def test_without_keep_going_one_bad_file_stops_the_run(failing_cli, story):
    write(story / "broken.txt", b"")
    [line] = failing_cli("report", story)
    assert line.endswith("broken.txt: file is empty")


def test_keep_going_lint_exits_2_with_the_findings_written(capsys, story, tmp_path):
    write(tmp_path / "bad.md", "---\npublished: [\n---\nText.\n")
    rc, _, err = run(capsys, "lint", story / "a.txt", "--against", story / "b.txt", tmp_path / "bad.md", "-k",
                     "-o", tmp_path / "lint.json")
    assert rc == 2 and err.startswith(f"factlint: error[E001]: {tmp_path / 'bad.md'}: broken front matter")
    assert json.loads((tmp_path / "lint.json").read_text(encoding="utf-8"))["findings"]


def test_keep_going_with_nothing_readable_writes_nothing(failing_cli, tmp_path):
    write(tmp_path / "empty.txt", "")
    [line] = failing_cli("report", tmp_path / "empty.txt", "-k", "-o", tmp_path / "r.txt")
    assert line.endswith("empty.txt: file is empty") and not (tmp_path / "r.txt").exists()


@pytest.fixture
def latin1(tmp_path) -> Path:
    write(tmp_path / "a.txt", GOOD_A.replace("Okafor", "Okaf\u00f6r").encode("latin-1"))
    write(tmp_path / "b.txt", GOOD_B.replace("Okafor", "Okaf\u00f6r").encode("latin-1"))
    return tmp_path


def test_latin1_archive_with_encoding(capsys, latin1):
    rc, out, _ = run(capsys, "report", latin1, "--encoding", "latin-1")
    assert rc == 0 and "Jane Okaf\u00f6r is Prime Minister" in out


def test_latin1_archive_without_encoding_says_how(failing_cli, latin1):
    [line] = failing_cli("claims", latin1 / "a.txt")
    assert line.endswith("not UTF-8 text (invalid byte at offset 24); for another encoding use --encoding, "
                         "e.g. --encoding latin-1")
    [line] = failing_cli("report", latin1, "--encoding", "klingon")
    assert line == "factlint: error[E004]: unknown encoding 'klingon' (e.g. utf-8, latin-1, cp1252)"


# ---------------------------------------------------------------- symbolic links

@pytest.fixture
def shadow(story, tmp_path) -> Path:
    secret = write(tmp_path / "elsewhere" / "secret.txt", "The secret minister Jane Okafor said nothing.\n")
    (story / "shadow.txt").symlink_to(secret)
    return secret


def test_a_symlink_out_of_the_folder_is_refused(failing_cli, story, shadow):
    [line] = failing_cli("claims", story)
    assert line == (f"factlint: error[E001]: {story / 'shadow.txt'}: symbolic link to {shadow}, outside "
                    f"{story}: not read; name the file itself to read it")


def test_a_symlink_inside_the_folder_is_read(failing_cli, story):
    (story / "copy.txt").symlink_to(story / "a.txt")
    [line] = failing_cli("claims", story, "--rules", story / "norules")  # read (no link error): the rules fail next
    assert "rules directory not found" in line


def test_a_symlink_out_of_the_folder_is_skipped_with_keep_going(capsys, story, shadow):
    rc, out, err = run(capsys, "claims", story, "-k", "--format", "json")
    assert rc == 2 and "secret" not in out and "shadow.txt" in err
    rc, out, _ = run(capsys, "claims", story / "shadow.txt", "--format", "json")  # named: the user asked for it
    assert rc == 0 and "secret" in out


# ---------------------------------------------------------------- help

@pytest.mark.parametrize("argv", [["report"], ["lint"], ["claims"], ["eval"], ["rules"], ["rules", "test"],
                                  ["rules", "show"]])
def test_every_subcommand_has_a_description_an_example_and_a_doc(capsys, argv):
    with pytest.raises(SystemExit) as exit:
        main([*argv, "--help"])
    out = capsys.readouterr().out
    assert exit.value.code == 0
    assert f"usage: factlint {' '.join(argv)} " in out
    assert "example:\n  factlint " + argv[0] in out and "docs: https://" in out


def test_every_argument_has_help(capsys):
    from factlint.cli import build_parser

    def walk(parser):
        for action in parser._actions:
            if hasattr(action, "choices") and isinstance(action.choices, dict):  # subcommands
                for name, child in action.choices.items():
                    if name != "audit":
                        yield from walk(child)
            elif action.dest != "help":
                yield parser.prog, action

    missing = [f"{prog} {action.dest}" for prog, action in walk(build_parser()) if not action.help]
    assert missing == []


# ---------------------------------------------------------------- rule ids

def test_an_unknown_rule_id_is_refused_not_run_as_zero_tests(failing_cli):
    [line] = failing_cli("rules", "test", "rules/count-mismatch.test.yaml")
    assert line == "factlint: error[E004]: no rule 'rules/count-mismatch.test.yaml'; did you mean 'count-mismatch'?"
    [line] = failing_cli("rules", "show", "zzz")
    assert line == "factlint: error[E004]: no rule 'zzz'; see 'factlint rules list'"

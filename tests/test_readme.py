"""The README's sample output is the real output of `factlint report seeds/` (trimmed the same
way every time), so it cannot drift. After a change to the report, regenerate it with

    PYTHONPATH=src .venv/bin/python tests/test_readme.py
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
# the fenced block under this heading is the sample
BLOCK = re.compile(r"(## What it finds on the seeds\n.*?\n```\n)(.*?)(```\n)", re.S)
WIDTH = 150


def sample() -> str:
    """`factlint report seeds/` from the checkout, one evidence line per side, lines cut at WIDTH."""
    from factlint.cli import main

    out = io.StringIO()
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            assert main(["report", "seeds/"]) == 0
    finally:
        os.chdir(here)
    lines, first = [], False
    for line in out.getvalue().splitlines():
        if line.startswith("    "):  # an evidence line: the first of its side is kept
            if first:
                lines.append(line if len(line) <= WIDTH else line[:WIDTH - 1] + "…")
            first = False
            continue
        first = line.startswith("  ")  # a side: 'value' — n articles
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_readme_sample_is_the_real_output():
    match = BLOCK.search(README.read_text(encoding="utf-8"))
    assert match, "README.md has no sample block under '## What it finds on the seeds'"
    assert match.group(2) == sample(), "README sample is stale: run PYTHONPATH=src python tests/test_readme.py"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    text = README.read_text(encoding="utf-8")
    README.write_text(BLOCK.sub(lambda m: m.group(1) + sample() + m.group(3), text, count=1), encoding="utf-8")
    print(f"{README}: sample regenerated")

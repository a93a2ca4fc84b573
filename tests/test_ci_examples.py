"""The pre-commit hook and the documented GitHub Actions workflow stay runnable: they are
valid YAML and every factlint command in them is one the command line accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from factlint.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def accepts(command: str) -> None:
    words = shlex.split(command)
    assert words[0] == "factlint", command
    build_parser().parse_args(words[1:])  # argparse exits (SystemExit) on a bad command


def test_pre_commit_hook():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "factlint" and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("drafts/story.md") and files.search("a/b.html") and not files.search("src/x.py")
    accepts(hook["entry"] + " drafts/story.md")  # pre-commit appends the staged file names


def yaml_blocks(doc: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("doc", [ROOT / "docs" / "lint.md"])
def test_documented_workflows_run_real_commands(doc):
    blocks = [yaml.safe_load(block) for block in yaml_blocks(doc)]
    workflows = [b for b in blocks if isinstance(b, dict) and "jobs" in b]
    assert workflows, "docs/lint.md lost its GitHub Actions example"
    commands = [step["run"] for wf in workflows for job in wf["jobs"].values() for step in job["steps"]
                if str(step.get("run", "")).startswith("factlint ")]
    assert len(commands) >= 2
    for command in commands:
        accepts(command)

"""A non-editable install works: the wheel carries the rules (issue 15, item 13).

Builds the wheel from a copy of the checkout (nothing is written into the working tree) with
the test environment's setuptools, offline (--no-build-isolation), installs it into a fresh
venv that sees the test environment's packages (spaCy, the model) through a .pth file but not
its editable factlint, and runs the installed `factlint report seeds/`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_for_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(ROOT / "src").parts) for p in (ROOT / "src").rglob("__init__.py")}
    assert set(config["packages"]) == found | {"factlint.rules"}


def test_wheel_install_runs_report_with_its_own_rules(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    for name in ("src", "rules"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", str(source), "--no-deps", "--no-build-isolation", "--no-index",
                    "-w", str(tmp_path / "dist")], check=True, cwd=source)
    [wheel] = (tmp_path / "dist").glob("factlint-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # the test environment's dependencies, without processing its .pth files (its editable factlint)
    (Path(site) / "shared.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)], check=True)

    where = subprocess.run([python, "-c", "import factlint, factlint.engine as e; "
                                          "print(factlint.__file__); print(e.default_rules_dir())"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout.split()
    assert all(Path(p).is_relative_to(site) for p in where), where
    run = subprocess.run([venv / "bin" / "factlint", "report", str(ROOT / "seeds"), "--format", "json"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert {f["rule"] for f in json.loads(run.stdout)["findings"]} >= {"role-conflict", "duration-mismatch"}

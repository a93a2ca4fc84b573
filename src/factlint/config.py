"""Project configuration: `[tool.factlint]` in pyproject.toml, or factlint.toml, like ruff's.

The nearest directory from the working directory up that holds `factlint.toml`, or a
`pyproject.toml` with a `[tool.factlint]` table, wins (a pyproject.toml without one is no
configuration). Paths in it are relative to its directory. Flags override it. Any key
factlint does not know is an error naming it, so a typo never silently does nothing.

    [tool.factlint]
    sources = ["sources/"]            # what `factlint lint` checks drafts against
    fail-on = "warning"
    disable = ["name-spelling"]
    baseline = "factlint-baseline.json"
    [tool.factlint.severity]
    weekday-date = "warning"
    [tool.factlint.options.quantity-mismatch]
    soft_gap = 0.25                   # numeric tolerances are rule options
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError

CONFIG_FILES = ("factlint.toml", "pyproject.toml")


class Settings(BaseModel):
    """The keys of `[tool.factlint]` (or of a factlint.toml's top level)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    model: str | None = None  # spaCy model package or directory
    rules: str | None = None  # rules directory
    sources: list[str] = []  # `factlint lint`'s sources when --against is not given
    fail_on: Literal["error", "warning", "info"] | None = Field(None, alias="fail-on")
    disable: list[str] = []  # rule ids turned off
    enable: list[str] = []  # rule ids turned on (rules whose file says enabled: false)
    severity: dict[str, Literal["error", "warning", "info"]] = {}  # rule id -> severity
    options: dict[str, dict] = {}  # rule id -> options (tolerances), checked like the rule file's
    baseline: str | None = None  # baseline file of accepted findings
    cache_dir: str | None = Field(None, alias="cache-dir")
    path: str = Field("", exclude=True)  # the file it came from ("" when none)

    def resolve(self, value: str) -> str:
        """A path from the file, relative to the file's directory."""
        return str(Path(self.path).parent / value) if self.path else value

    def rule_ids(self) -> dict[str, list[str]]:
        """Every rule id the configuration names, by key."""
        return {"disable": self.disable, "enable": self.enable, "severity": list(self.severity),
                "options": list(self.options)}


KNOWN_KEYS = sorted((f.alias or name) for name, f in Settings.model_fields.items() if name != "path")


def find_config(start: Path) -> Path | None:
    for directory in [start, *start.parents]:
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and (name == "factlint.toml" or _has_factlint_table(candidate)):
                return candidate
    return None


def _has_factlint_table(pyproject: Path) -> bool:
    try:  # a cheap look first: most pyproject.toml files have no [tool.factlint]
        return "factlint" in pyproject.read_text(encoding="utf-8") and \
            "factlint" in _read_toml(pyproject).get("tool", {})
    except (OSError, UnicodeDecodeError):
        return False


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"cannot read: {err.strerror}", str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", str(path)) from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"invalid TOML: {err}", str(path)) from None


def load_config(path: Path) -> Settings:
    data = _read_toml(path)
    table = "[tool.factlint]" if path.name == "pyproject.toml" else "factlint.toml"
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("factlint", {})
        if not isinstance(data, dict):
            raise ConfigError("[tool.factlint] must be a table", str(path))
    text = path.read_text(encoding="utf-8")
    for key in data:
        if key not in KNOWN_KEYS:
            raise ConfigError(f"unknown key {key!r} in {table}; known keys: {', '.join(KNOWN_KEYS)}",
                              _where(path, text, key))
    try:
        return Settings.model_validate({**data, "path": str(path)})
    except ValidationError as err:
        first = err.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{loc}: {first['msg']}", _where(path, text, str(first["loc"][0]))) from None


def _where(path: Path, text: str, key: str) -> str:
    """`path:line` of the key when it can be found, so the editor jumps to it."""
    match = re.search(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=.]|^\s*\[[^\]]*\b{re.escape(key)}\b", text, re.M)
    return f"{path}:{text.count(chr(10), 0, match.start()) + 1}" if match else str(path)


def discover(explicit: str | None = None, isolated: bool = False, start: Path | None = None) -> Settings:
    """The settings in force: `--config FILE`, else the nearest config file, else the defaults."""
    if isolated:
        return Settings()
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("no such configuration file", explicit)
        return load_config(path)
    here = (start or Path.cwd()).resolve()
    found = find_config(here)
    if found is None:
        return Settings()
    return load_config(found.relative_to(here) if found.is_relative_to(here) else found)


def apply_to_rules(settings: Settings, rules: list) -> list:
    """The rules with the configuration's switches, severities and options; an unknown rule id
    is an error naming it (a typo would otherwise leave a rule on)."""
    from .engine import option_problem

    by_id = {rule.id: rule for rule in rules}
    for key, ids in settings.rule_ids().items():
        for rule_id in ids:
            if rule_id not in by_id:
                raise ConfigError(f"{key}: unknown rule id {rule_id!r}; see 'factlint rules list'",
                                  settings.path or None)
    both = sorted(set(settings.enable) & set(settings.disable))
    if both:
        raise ConfigError(f"rule {both[0]!r} is both enabled and disabled", settings.path or None)
    out = []
    for rule in rules:
        options = {**rule.options, **settings.options.get(rule.id, {})}
        problem = option_problem(rule.check, options)
        if problem:
            raise ConfigError(f"options.{rule.id}: {problem}", settings.path or None)
        enabled = rule.id in settings.enable or (rule.enabled and rule.id not in settings.disable)
        out.append(rule.model_copy(update={"enabled": enabled, "options": options,
                                           "severity": settings.severity.get(rule.id, rule.severity)}))
    return out

"""Project configuration: `[tool.factlint]` in pyproject.toml, or factlint.toml, like ruff's.

The nearest directory from the working directory up that holds `factlint.toml`, or a
`pyproject.toml` with a `[tool.factlint]` table, wins (a pyproject.toml without one is no
configuration). A factlint.toml holds the same keys at its top level, or the `[tool.factlint]`
table pasted as it is. Paths in it are relative to its directory. Flags override it. Any key
factlint does not know is an error naming it (with a did-you-mean), so a typo never silently
does nothing; every problem of a file is reported at once.

    [tool.factlint]
    sources = ["sources/"]            # what `factlint lint` checks drafts against
    fail-on = "warning"
    disable = ["name-spelling"]
    baseline = "factlint-baseline.json"
    [tool.factlint.severity]
    weekday-date = "warning"
    [tool.factlint.options.quantity-mismatch]
    soft_gap = 0.25                   # numeric tolerances are rule options
    [tool.factlint.serve]
    workers = 2                       # `factlint serve` (docs/serve.md)
    token-file = "/etc/factlint/token"
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError

CONFIG_FILES = ("factlint.toml", "pyproject.toml")


class ServeSettings(BaseModel):
    """`[tool.factlint.serve]`: the defaults of `factlint serve` (its flags override them)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    host: str | None = None
    port: int | None = Field(None, ge=0, le=65535)
    workers: int | None = Field(None, ge=1)
    token_file: str | None = Field(None, alias="token-file")
    max_body: int | None = Field(None, alias="max-body", ge=1)
    max_articles: int | None = Field(None, alias="max-articles", ge=1)
    timeout: float | None = Field(None, gt=0)
    fetch: bool | None = None
    allow_private_urls: bool | None = Field(None, alias="allow-private-urls")


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
    serve: ServeSettings = ServeSettings()  # `factlint serve`
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
    """The settings of one file; every problem in it is reported at once, each naming the file
    (and the line), with a did-you-mean for a misspelt key."""
    data = _read_toml(path)
    text = path.read_text(encoding="utf-8")
    if path.name == "pyproject.toml":
        table = "[tool.factlint]"
        data = data.get("tool", {}).get("factlint", {})
    elif set(data) == {"tool"} and isinstance(data["tool"], dict) and set(data["tool"]) == {"factlint"}:
        # the pyproject.toml example pasted as it is: its meaning is plain
        table = f"[tool.factlint] of {path.name}"
        data = data["tool"]["factlint"]
    else:
        table = path.name
    if not isinstance(data, dict):
        raise ConfigError(f"{table} must be a table", str(path))
    problems = [ConfigError(_unknown_key(key, table), _where(path, text, key)) for key in data if key not in KNOWN_KEYS]
    known = {key: value for key, value in data.items() if key in KNOWN_KEYS}
    try:
        settings = Settings.model_validate({**known, "path": str(path)})
    except ValidationError as err:
        settings = None
        for error in err.errors():
            loc = ".".join(str(p) for p in error["loc"])
            problems.append(ConfigError(f"{loc}: {error['msg']}", _where(path, text, str(error["loc"][0]))))
    if problems:
        raise ConfigError.many(problems)
    return settings


def _unknown_key(key: str, table: str) -> str:
    if key == "tool":
        return (f"unknown key 'tool' in {table}: a factlint.toml holds the keys of [tool.factlint] at its top "
                f"level (write `fail-on = ...`, not `[tool.factlint]`)")
    message = f"unknown key {key!r} in {table}"
    close = difflib.get_close_matches(key.replace("_", "-"), KNOWN_KEYS, n=1, cutoff=0.6)
    if close:
        return f"{message}; did you mean {close[0]!r}?"
    return f"{message}; known keys: {', '.join(KNOWN_KEYS)}"


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
    problems = []
    for key, ids in settings.rule_ids().items():
        for rule_id in ids:
            if rule_id not in by_id:
                close = difflib.get_close_matches(rule_id, list(by_id), n=1)
                hint = f"did you mean {close[0]!r}?" if close else "see 'factlint rules list'"
                problems.append(ConfigError(f"{key}: unknown rule id {rule_id!r}; {hint}", settings.path or None))
    for rule_id in sorted(set(settings.enable) & set(settings.disable)):
        problems.append(ConfigError(f"rule {rule_id!r} is both enabled and disabled", settings.path or None))
    for rule in rules:
        problem = option_problem(rule.check, {**rule.options, **settings.options.get(rule.id, {})})
        if problem:
            problems.append(ConfigError(f"options.{rule.id}: {problem}", settings.path or None))
    if problems:
        raise ConfigError.many(problems)
    out = []
    for rule in rules:
        options = {**rule.options, **settings.options.get(rule.id, {})}
        enabled = rule.id in settings.enable or (rule.enabled and rule.id not in settings.disable)
        out.append(rule.model_copy(update={"enabled": enabled, "options": options,
                                           "severity": settings.severity.get(rule.id, rule.severity)}))
    return out

"""Every error factlint reports to a user, with a stable code (spaCy's errors.py idea).

Each is shown as one line, ``factlint: error[E###]: <where>: <what>``, and exits with 2.
"""

from __future__ import annotations


class FactlintError(Exception):
    """A problem with the user's input, rules, configuration or model: never a bug."""

    code = "E000"

    def __init__(self, message: str, where: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.others: list[FactlintError] = []

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def lines(self) -> list[str]:
        """One line per problem (a bad input run can name several files)."""
        if self.others:
            return [line for err in self.others for line in err.lines()]
        prefix = f"{self.where}: " if self.where else ""
        return [f"error[{self.code}]: {prefix}{self.message}"]

    @classmethod
    def many(cls, errors: list["FactlintError"]) -> "FactlintError":
        if len(errors) == 1:
            return errors[0]
        combined = cls(f"{len(errors)} problems")
        combined.others = list(errors)
        return combined


class InputError(FactlintError):
    """An article path or file that cannot be read as an article."""

    code = "E001"


class RuleError(FactlintError):
    """A rule file that is not valid YAML or does not follow the rule format."""

    code = "E002"


class ModelError(FactlintError):
    """The spaCy model cannot be loaded (never downloaded at run time)."""

    code = "E003"


class UsageError(FactlintError):
    """A command line that asks for something impossible."""

    code = "E004"


class ConfigError(FactlintError):
    """A configuration file (pyproject.toml [tool.factlint], factlint.toml) factlint cannot use."""

    code = "E005"


class SuppressionError(FactlintError):
    """An inline suppression or a baseline file factlint cannot use."""

    code = "E006"

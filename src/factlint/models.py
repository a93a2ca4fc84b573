"""The data that flows between stages: articles, claims, findings (pydantic, validated)."""

from __future__ import annotations

import bisect
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ClaimKind = Literal["role", "date", "place", "quantity", "duration", "name", "event"]
Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Comment(_Model):
    """A `<!-- factlint: ... -->` comment in an article (a suppression)."""

    line: int  # where it is in the file
    column: int
    text: str  # what follows 'factlint:'
    covers: tuple[int, int]  # the span of the article's text it speaks of: its line, or the next


class Article(_Model):
    id: str
    path: str
    text: str = Field(repr=False)
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known
    body_offset: int = 0  # where the body starts in the file (after front matter)
    line_offset: int = 0  # lines before the body in the file
    comments: list[Comment] = []  # factlint comments, for suppressions
    # HTML: where the visible text sits in the file, as runs (text offset, line, column)
    source_map: list[tuple[int, int, int]] = Field(default_factory=list, repr=False)

    def locate(self, offset: int) -> tuple[int, int]:
        """(line, column), 1-based, in the file, of a character of ``text``."""
        if self.source_map:
            run = self.source_map[max(0, bisect.bisect_right(self.source_map, (offset, 1 << 62, 0)) - 1)]
            return run[1], run[2] + offset - run[0]
        return self.text.count("\n", 0, offset) + 1, offset - (self.text.rfind("\n", 0, offset) + 1) + 1


class Evidence(_Model):
    article: str
    start: int  # character offsets into the original article text
    end: int
    line: int  # 1-based, in the original file
    column: int  # 1-based
    sentence: str
    text: str  # exactly text[start:end]


class Interval(_Model):
    """A numeric value with its uncertainty: 'over 700' is (700, inf).

    ``unit`` is the unit values are stored in (a dimension's base unit: metres, minutes);
    ``stated_unit`` the unit the article wrote ("mile"). Values written in one unit compare
    as written; across units each side may be off by half its last written digit
    (``tolerance``, in ``unit``): "126 kilometers" and "80 miles" agree. A stated ``range``
    ("six to eight hours") states both ends: it agrees with a figure inside it, and with
    another range only when both ends agree.
    """

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    unit: str = ""
    approximate: bool = False
    stated_unit: str = ""
    tolerance: float = 0.0
    range: bool = False
    # An estimate ("about 700") keeps the value it rounds and the place of its last digit: two
    # estimates agree when they round alike ("about 700" and "about 750" do not).
    center: float | None = None
    precision: float = 0.0
    rounded: bool = False  # a measure written as a round figure ("60 km", "150 kilometers")

    def _bounds(self, other: "Interval") -> tuple[float, float, float, float]:
        slack_a = slack_b = 0.0
        if self.stated_unit != other.stated_unit:
            slack_a, slack_b = self.tolerance, other.tolerance
        else:  # a measure written round ("60km") may be off by its rounding even in one unit
            slack_a = self.tolerance if self.rounded else 0.0
            slack_b = other.tolerance if other.rounded else 0.0
        lo_a = float("-inf") if self.low is None else self.low - slack_a
        hi_a = float("inf") if self.high is None else self.high + slack_a
        lo_b = float("-inf") if other.low is None else other.low - slack_b
        hi_b = float("inf") if other.high is None else other.high + slack_b
        return lo_a, hi_a, lo_b, hi_b

    def overlaps(self, other: "Interval") -> bool:
        if self.range and other.range:
            return _close(self.low, other.low, self, other) and _close(self.high, other.high, self, other)
        if self.center is not None and other.center is not None:
            slack = self.tolerance + other.tolerance if self.stated_unit != other.stated_unit else 0.0
            return abs(self.center - other.center) < max(self.precision, other.precision) / 2 + slack
        lo_a, hi_a, lo_b, hi_b = self._bounds(other)
        if hi_a < lo_b or hi_b < lo_a:
            return False
        # "more than 40" and "40": a round figure may stand for a little more; "more than 40" and
        # "37" or "40.5 exactly" do not meet
        if hi_a == lo_b and (self.high_open or other.low_open):
            return other.low_open and self.round() or self.high_open and other.round()
        if hi_b == lo_a and (other.high_open or self.low_open):
            return self.low_open and other.round() or other.high_open and self.round()
        return True

    def round(self) -> bool:
        """A single figure written round ("40", "2,000"), as opposed to "43" or "1,968"."""
        return self.low is not None and self.low == self.high and self.precision >= 10

    def distance(self, other: "Interval") -> float:
        """Relative gap between two intervals (0 when they overlap)."""
        if self.overlaps(other):
            return 0.0
        if self.range and other.range:
            gaps = [abs(a - b) / max(abs(a), abs(b)) for a, b in ((self.low, other.low), (self.high, other.high))
                    if a is not None and b is not None and max(abs(a), abs(b))]
            return max(gaps, default=float("inf"))
        lo_a, hi_a, lo_b, hi_b = self._bounds(other)
        gap = lo_b - hi_a if hi_a <= lo_b else lo_a - hi_b
        scale = max(abs(v) for v in (lo_a, hi_a, lo_b, hi_b) if v not in (float("inf"), float("-inf")))
        return gap / scale if scale else float("inf")

    def describe(self) -> str:
        def num(v: float) -> str:
            return str(int(v)) if float(v).is_integer() else f"{v:.6g}"

        unit = f" {self.unit}" if self.unit else ""
        if self.low is not None and self.low == self.high:
            return f"{num(self.low)}{unit}"
        if self.range:
            return f"{num(self.low)} to {num(self.high)}{unit}"
        lo = "-inf" if self.low is None else num(self.low)
        hi = "inf" if self.high is None else num(self.high)
        return f"{'(' if self.low_open or self.low is None else '['}{lo}, {hi}{')' if self.high_open or self.high is None else ']'}{unit}"


def _close(a: float | None, b: float | None, x: Interval, y: Interval) -> bool:
    """Two stated ends agree: equal as written, or within rounding across units."""
    if a is None or b is None:
        return a is b
    slack = x.tolerance + y.tolerance if x.stated_unit != y.stated_unit else 0.0
    return abs(a - b) <= slack + 1e-9 * max(abs(a), abs(b), 1.0)


class DateParts(_Model):
    """What a date expression fixes; unknown parts stay None ('Thursday' fixes a weekday)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday = 0
    resolved: str | None = None  # ISO date when fully known

    def describe(self) -> str:
        if self.resolved:
            return self.resolved
        names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        months = ["january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december"]
        parts = []
        if self.weekday is not None:
            parts.append(names[self.weekday])
        if self.month is not None:
            parts.append(months[self.month - 1] + (f" {self.day}" if self.day else ""))
        if self.year is not None:
            parts.append(str(self.year))
        return " ".join(parts)


class Claim(_Model):
    id: str  # article id + char span + kind: unique and stable
    kind: ClaimKind
    subject: str  # canonical entity or event after linking; the surface mention before
    subject_id: str  # linking key: claims about one subject share it
    attribute: str
    value: str  # surface text
    normalized: str  # comparable text form
    qualifiers: dict[str, str | bool] = Field(default_factory=dict)
    interval: Interval | None = None
    date: DateParts | None = None
    evidence: Evidence


class Side(_Model):
    value: str
    normalized: str | None  # None when it only repeats the value (so "President" stays matchable as is)
    articles: list[str]
    evidence: list[Evidence]


class Finding(_Model):
    id: str
    rule: str
    severity: Severity
    kind: ClaimKind
    subject: str
    attribute: str
    message: str
    sides: list[Side]


class ArticleRef(_Model):
    id: str
    path: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None


class Report(_Model):
    factlint: str
    articles: list[ArticleRef]
    findings: list[Finding]


class Suppression(_Model):
    kind: Literal["inline", "baseline"]
    article: str
    rules: list[str]
    reason: str = ""
    path: str | None = None  # inline: where the comment is
    line: int | None = None
    column: int | None = None
    covers: int | None = None  # inline: the line it speaks of (its own, or the next when alone)
    span: tuple[int, int] | None = Field(None, exclude=True)  # inline: that line in the article's text
    finding: str | None = None  # baseline: the fingerprint it accepts


class Suppressed(_Model):
    """A finding that is not reported, and what silenced it."""

    finding: Finding
    by: Suppression


class LintReport(Report):
    """A lint run's report: the JSON report plus what suppressions did (fields added, none renamed)."""

    suppressed: list[Suppressed] = []
    unused_suppressions: list[Suppression] = []

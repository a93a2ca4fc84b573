"""factlint: find where news reports of one story disagree on facts."""

__version__ = "0.1.0"

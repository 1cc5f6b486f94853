"""Template filters: dates, counts and cut text as the pages show them.

Same output as Django's `date:"j M Y"`, `"j F Y"`, `"F Y"`, `"l j F Y"`, `truncatechars`,
`intcomma` and `pluralize` for this English-only site, without their localisation lookups: those
cost 60–110 µs a call here, ~7 ms on a page of 25 entries (tests/test_display_filters.py
compares them). Registered in the Jinja2 environment (archive/jinja2.py).
"""

import datetime
from collections.abc import Sized

_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS_ABBR = tuple(name[:3] for name in _MONTHS)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day(value: datetime.date | None) -> str:
    """4 Mar 2025"""
    return f"{value.day} {_MONTHS_ABBR[value.month]} {value.year}" if value else ""


def day_long(value: datetime.date | None) -> str:
    """4 March 2025"""
    return f"{value.day} {_MONTHS[value.month]} {value.year}" if value else ""


def month(value: datetime.date | None) -> str:
    """March 2025"""
    return f"{_MONTHS[value.month]} {value.year}" if value else ""


def clip(value: str | None, length: int) -> str:
    """At most `length` characters, the last one "…" when cut."""
    value = value or ""
    return value if len(value) <= length else value[: length - 1] + "…"


def weekday_long(value: datetime.date | None) -> str:
    """Tuesday 4 March 2025"""
    return f"{_WEEKDAYS[value.weekday()]} {day_long(value)}" if value else ""


def intcomma(value: object) -> str:
    """12,345 (whole numbers; anything else as it is)."""
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def pluralize(value: int | Sized, forms: str = "s") -> str:
    """ "entry,entries" by a count (or a collection's length); one form is a plural suffix."""
    singular, _, plural = forms.rpartition(",") if "," in forms else ("", "", forms)
    count = len(value) if isinstance(value, Sized) else value
    return singular if count == 1 else plural

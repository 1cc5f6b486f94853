"""Display filters for the per-row values of list pages.

Same output as Django's `date:"j M Y"`, `"j F Y"`, `"F Y"` and `truncatechars` for this English-only
site, without their localisation lookups: those cost 60–110 µs a call here, ~7 ms on a page of
25 entries (tests/test_display_filters.py compares them).
"""

import datetime

from django import template

register = template.Library()

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


@register.filter
def day(value: datetime.date | None) -> str:
    """4 Mar 2025"""
    return f"{value.day} {_MONTHS_ABBR[value.month]} {value.year}" if value else ""


@register.filter
def day_long(value: datetime.date | None) -> str:
    """4 March 2025"""
    return f"{value.day} {_MONTHS[value.month]} {value.year}" if value else ""


@register.filter
def month(value: datetime.date | None) -> str:
    """March 2025"""
    return f"{_MONTHS[value.month]} {value.year}" if value else ""


@register.filter(is_safe=True)
def clip(value: str | None, length: int) -> str:
    """At most `length` characters, the last one "…" when cut."""
    value = value or ""
    return value if len(value) <= length else value[: length - 1] + "…"

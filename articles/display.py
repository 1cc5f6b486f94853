"""Template filters: dates, counts and cut text as the pages show them.

Same output as Django's `date:"j M Y"`, `"j F Y"`, `"F Y"`, `"l j F Y"`, `truncatechars`,
`intcomma` and `pluralize` for this English-only site, without their localisation lookups: those
cost 60–110 µs a call here, ~7 ms on a page of 25 entries (tests/test_display_filters.py
compares them). Registered in the Jinja2 environment (archive/jinja2.py).
"""

import datetime
import re
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


def clock(value: datetime.time | None, zone: str = "") -> str:
    """22:21 GMT (24-hour, the zone the stamp named)"""
    if value is None:
        return ""
    return f"{value:%H:%M} {zone}" if zone else f"{value:%H:%M}"


LEAD_WORDS = 12
_SENTENCE_ENDS = (".", "!", "?", ".”", '."', "!”", "?”", ".’", "!’", "?’")
_NOT_SENTENCE_ENDS = frozenset(
    ("Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "No.", "Prof.")
)
_WORD_RE = re.compile(r"\S+")


def lead(text: str | None, words: int = LEAD_WORDS) -> tuple[str, str]:
    """(heading, rest) of an untitled entry: its first sentence when short, else its first words
    and "…"; the rest carries on from there (paragraphs kept), so the opening words show once."""
    text = text or ""
    spans = [match.span() for _, match in zip(range(words + 5), _WORD_RE.finditer(text), strict=False)]
    for start, end in spans[: words + 4]:
        token = text[start:end]
        if token.endswith(_SENTENCE_ENDS) and token not in _NOT_SENTENCE_ENDS and "." not in token[:-1]:
            return " ".join(text[:end].split()), text[end:].strip()
    if len(spans) <= words + 4:
        return " ".join(text.split()), ""
    cut = spans[words - 1][1]
    return " ".join(text[:cut].split()) + " …", "… " + text[cut:].strip()

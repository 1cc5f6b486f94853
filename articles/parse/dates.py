"""Dates and time stamps in news text: the `date` line, live-blog stamps ("14 March 2025
18:40 GMT", "2h ago", "Today, 3:12 pm") and the dates they name.

Every regex is linear (no nested quantifiers); lines are short by the time they get here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DATE_LINE_RE = re.compile(r"\s*date:?\s+(\d\S*)(?:\s+(.*))?", re.IGNORECASE)
_DAY_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH_RE = re.compile(r"(\d{4})-(\d{1,2})")

# A time zone is upper case even though the patterns below ignore case ("10:21 GMT", not "10:21 Gaza").
CLOCK = r"\d{1,2}[:.]\d{2}(?:\s?[ap]\.?\s?m\.?)?(?:\s(?-i:[A-Z]{2,5}(?:\+\d{1,2})?))?"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6},?\s"
_DATE_TEXT = r"\d{1,2}\s[A-Za-z]{3,9}\.?(?:\s\d{4})?"
_RELATIVE = (
    r"(?:\d{1,3}|an?|one)\s(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\sago"
    r"|\d{1,3}[hmd]\sago|just now|yesterday"  # "2h ago", "45m ago"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
# "5 December 2024", "December 5, 2024", "2024-12-05": a calendar date that names its year.
_YEAR_DATE = (
    rf"(?:\d{{1,2}}{_ORDINAL}\s{_MONTH}\.?,?\s\d{{4}}|{_MONTH}\.?\s\d{{1,2}}{_ORDINAL},?\s\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
)
_DAY_MONTH = rf"(?:\d{{1,2}}{_ORDINAL}\s{_MONTH}\.?|{_MONTH}\.?\s\d{{1,2}}{_ORDINAL})"
# A line that is only a date: with its year, or after a weekday ("Thursday 5 December").
_DATE_ONLY = (
    rf"(?:(?:{_WEEKDAY})?{_YEAR_DATE}|{_WEEKDAY}{_DAY_MONTH})"
    rf"(?:(?:,?\s(?:at\s)?|\s[-–—·|]\s){CLOCK}|T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d{{1,6}})?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
)
# A line that is only a time stamp, a date or "1 month ago": it separates live-blog entries.
SEPARATOR_RE = re.compile(
    rf"(?:(?:posted|updated|published|first published|last updated|last modified|modified|published date)"
    rf"(?:\sat|\son)?:?\s)?"
    rf"(?:(?:(?:today|yesterday),?\s(?:at\s)?|(?:{_WEEKDAY})?(?:{_DATE_TEXT},?\s)?){CLOCK}|{_RELATIVE}|{_DATE_ONLY})"
    rf"(?:,?\s{_DATE_TEXT})?"
    r"(?:\s·?\s?\d{1,2}\smin(?:ute)?s?\sread)?",  # "April 13, 2025 11:32 AM 2 min read"
    re.IGNORECASE,
)
# The date a separator line names, found anywhere in it.
_LINE_DATE_RE = re.compile(
    rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<d1>\d{{1,2}}){_ORDINAL}\s(?P<m1>{_MONTH})\.?(?:,?\s(?P<y1>\d{{4}}))?"
    rf"|(?P<m2>{_MONTH})\.?\s(?P<d2>\d{{1,2}}){_ORDINAL}(?:,?\s(?P<y2>\d{{4}}))?",
    re.IGNORECASE,
)
_MONTH_NUMBERS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
)}  # fmt: skip
# An entry that starts with its time: "10:21 p.m.: Israeli jets …", "14.05 GMT Israeli …", "9am Aid …",
# "10:21 p.m. | Hostage …", "• 9:48 p.m. Egypt …". With no mark between, the title starts upper case.
STAMP_BULLETS = "•·▪*|"
STAMPED_RE = re.compile(
    rf"[{STAMP_BULLETS}]?\s?({CLOCK}|\d{{1,2}}\s?[ap]\.?m\.?(?:\s(?-i:[A-Z]{{2,5}}))?)"
    r"(?:\s?[:|–—-]\s*|\s+(?=(?-i:[A-Z\"“‘'])))(\S.*)",
    re.IGNORECASE,
)
# "March 21, 2025 (PORT SUDAN) – The army …": a lead paragraph opening with its date.
_DATELINE_DATE_RE = re.compile(
    rf"(?:[A-Z][A-Za-z .'’-]{{1,30}},\s)?(?:{_WEEKDAY})?({_YEAR_DATE})\s?(?:\([^()]{{1,40}}\)\s?)?[-–—:]\s",
    re.IGNORECASE,
)


def parse_date_token(token: str) -> tuple[dt.date | None, str, str | None]:
    """`YYYY-MM-DD` or `YYYY-MM` -> (date, precision, warning)."""
    try:
        if match := _DAY_RE.fullmatch(token):
            return dt.date(*map(int, match.groups())), "day", None
        if match := _MONTH_RE.fullmatch(token):
            return dt.date(int(match[1]), int(match[2]), 1), "month", None
    except ValueError:
        return None, "day", f"impossible date {token!r}; stored undated"
    return None, "day", f"malformed date {token!r} (expected YYYY-MM-DD or YYYY-MM); stored undated"


def lead_date(body_lines: list[str], kinds: list[str]) -> dt.date | None:
    """The date a lead paragraph opens with ("March 21, 2025 (PORT SUDAN) – …")."""
    lead = next((line for line, kind in zip(body_lines, kinds, strict=True) if kind == "body"), None)
    if lead is None or not (dateline := _DATELINE_DATE_RE.match(lead)):
        return None
    parts = line_date(dateline[1])
    return dated(parts, None) if parts else None


def line_date(line: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of the first real date a separator line names."""
    for match in _LINE_DATE_RE.finditer(line):
        if match["iso"]:
            year, month, day = map(int, match["iso"].split("-"))
        else:
            month = _MONTH_NUMBERS[(match["m1"] or match["m2"])[:3].lower()]
            day = int(match["d1"] or match["d2"])
            year_text = match["y1"] or match["y2"]
            year = int(year_text) if year_text else None
        try:
            dt.date(year or 2000, month, day)  # 2000: a leap year, so 29 February passes
        except ValueError:
            continue
        return year, month, day
    return None


def dated(parts: tuple[int | None, int, int], near: dt.date | None) -> dt.date | None:
    """The date; one without its year ("Thursday 5 December") is put in the year that brings it
    nearest the article's date, or dropped when the article has none."""
    year, month, day = parts
    if year is not None:
        return dt.date(year, month, day)
    if near is None:
        return None
    candidates = []
    for candidate_year in (near.year - 1, near.year, near.year + 1):
        try:
            candidates.append(dt.date(candidate_year, month, day))
        except ValueError:
            continue  # 29 February
    return min(candidates, key=lambda day_: abs(day_ - near), default=None)


# The parts of a CLOCK, found anywhere in a separator or stamped line.
_CLOCK_PARTS_RE = re.compile(
    r"(?<![\d.:])(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?![.:]?\d)(?:\s?(?P<half>[ap])\.?\s?m\b\.?)?"
    r"(?:\s(?P<zone>(?-i:[A-Z]{2,5}(?:\+\d{1,2})?))\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ClockTime:
    """A post's time of day as the page writes it, with its zone ("GMT") when given."""

    time: dt.time
    zone: str = ""


def clock_time(line: str) -> ClockTime | None:
    """The first valid time of day in a stamp line ("10:21 p.m.", "14.05 GMT", "Today, 3:12 pm")."""
    for match in _CLOCK_PARTS_RE.finditer(line):
        hour, minute = int(match["hour"]), int(match["minute"])
        if match["half"]:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
        if hour > 23 or minute > 59:
            continue
        return ClockTime(dt.time(hour, minute), match["zone"] or "")
    return None


# Offsets of the zones live blogs name; an ambiguous one ("IST", "AST", "CST") is left out.
_ZONE_HOURS = {
    "GMT": 0, "UTC": 0, "Z": 0, "WET": 0, "BST": 1, "CET": 1, "WEST": 1, "CEST": 2, "EET": 2, "SAST": 2, "CAT": 2,
    "EEST": 3, "MSK": 3, "EAT": 3, "GST": 4, "PKT": 5, "EST": -5, "EDT": -4, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "JST": 9, "AEST": 10, "AEDT": 11,
}  # fmt: skip
_ZONE_RE = re.compile(r"(?P<name>[A-Z]{1,5})(?:\+(?P<plus>\d{1,2}))?")


def zone_offset(zone: str) -> dt.timezone | None:
    """The UTC offset of a zone a stamp names ("GMT", "EEST", "GMT+2"), or None when unknown."""
    match = _ZONE_RE.fullmatch(zone)
    if not match or match["name"] not in _ZONE_HOURS:
        return None
    hours = _ZONE_HOURS[match["name"]] + int(match["plus"] or 0)
    return dt.timezone(dt.timedelta(hours=hours)) if -12 <= hours <= 14 else None

"""Bylines: who wrote a story ("By Jane Doe", "From CNN's Sam Roe", "MEE staff", a name line
over a role line). They leave the text (a byline is not news) and become the article's byline."""

from __future__ import annotations

import re

BYLINE_RE = re.compile(r"By\s(?:[A-Z][\w'’.-]*\s?){1,4}(?:(?:and|&)\s(?:[A-Z][\w'’.-]*\s?){1,4})?$")
# A byline line: "By Jane Doe", "By Jane Doe and Sam Roe, in Beirut", "By Reuters": names and an
# optional ", role or place" tail, no sentence end. Taken out of the text as the article's byline.
_BYLINE_NAME = r"[A-Z][\w'’.-]*(?:\s(?:(?:al|el|de|van|von|bin|da|du|le|la)[\s-])?[A-Z][\w'’.-]*){0,3}"
_NOT_A_BYLINE = (
    r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December|Early|Late|Mid|Then|Now|Last|Next|This|That|The)\b)"
)
_BYLINE_LINE_RE = re.compile(
    rf"(?:By|by|BY)\s{_NOT_A_BYLINE}{_BYLINE_NAME}(?:(?:,\s|\s(?:and|&)\s){_BYLINE_NAME})*"
    r"(?:,?\s(?:in|at|from|for)\s[A-Z][^.!?;:]{0,60}|,\s[A-Z][^.!?;:]{0,80})?"
)
# "MEE staff", "TOI Staff", "Agencies": a newsroom's own byline.
_STAFF_LINE_RE = re.compile(
    r"(?:[A-Z][\w&'’.-]*\s){1,3}(?:[Ss]taff|[Cc]orrespondents|[Rr]eporters)|(?:News )?[Aa]gencies"
)
# "From CNN's Jane Roe and Sam Doe in Jerusalem": a live post's credit.
_CREDIT_LINE_RE = re.compile(
    rf"From\s(?:[A-Z][\w&.-]*\s){{0,2}}[A-Z][\w&.-]*['’]s\s{_BYLINE_NAME}(?:(?:,\s|\s(?:and|&)\s){_BYLINE_NAME})*"
    r"(?:,?\s(?:in|at|from)\s[A-Z][^.!?;:]{0,60})?"
)
# A name on its own line, then the writer's role on the next: "Lina Haddad" / "Middle East correspondent".
_NAME_LINE_RE = re.compile(r"[A-Z][\w'’-]+(?:\s(?:(?:al|el|bin|de|van|von)[\s-])?[A-Z][\w'’-]+){1,3}")
_ROLE_LINE_RE = re.compile(
    r"(?:[a-z][\w'’-]*\s){0,4}(?:correspondent|editor|reporter|presenter|analyst|producer)"
    r"(?:,\s[^.!?;:]{1,60}|\s(?:in|at|for)\s[^.!?;:]{1,40})?",
    re.IGNORECASE,
)
_STAFF_ENDINGS = ("staff", "Staff", "correspondents", "Correspondents", "reporters", "Reporters", "gencies")
_ROLE_WORDS = ("orrespondent", "ditor", "eporter", "resenter", "nalyst", "roducer")
MAX_BYLINE_CHARS = 300


def byline_of(line: str, previous: str | None) -> tuple[str | None, bool]:
    """The byline a line gives ("By Jane Doe", "From CNN's Sam Roe", a role under a name line),
    and whether it takes the line above (the name) with it."""
    if len(line) > 160:
        return None, False
    if line[:3] in ("By ", "by ", "BY ") and _BYLINE_LINE_RE.fullmatch(line):
        return line[3:], False
    if len(line) <= 40 and line.endswith(_STAFF_ENDINGS) and _STAFF_LINE_RE.fullmatch(line):
        return line, False
    if line.startswith("From ") and _CREDIT_LINE_RE.fullmatch(line):
        return line[5:], False
    if (
        previous is not None
        and len(previous) <= 40
        and any(word in line for word in _ROLE_WORDS)  # cheap tests first: this runs on every line
        and _ROLE_LINE_RE.fullmatch(line)
        and _NAME_LINE_RE.fullmatch(previous)
    ):
        return f"{previous}, {line}", True
    return None, False

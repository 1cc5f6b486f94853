"""Read one news text file into plain data: headline, date, standfirst and live-blog entries.

Pure module (no Django). The file shape: line 1 is the headline, optionally preceded by
`date YYYY-MM-DD ` or `date YYYY-MM `; the next line is often a standfirst; publisher
boilerplate (rules in `data/boilerplate.txt`) is removed; a live blog is split into entries at
title-like lines, time stamps and "1 month ago" separators, while related-article cards,
list items and "X reports:" lead-ins stay out of the titles.

Every regex here is linear (no nested quantifiers) and lines over a few hundred characters skip
the title and boilerplate checks, so a 10 MB file or a 100 000-character line parses in time
proportional to its size.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

BOILERPLATE_FILE = Path(__file__).parent / "data" / "boilerplate.txt"

MAX_HEADLINE_CHARS = 1000
MAX_TITLE_CHARS = 220
MAX_TITLE_WORDS = 40
MAX_STANDFIRST_CHARS = 400
MAX_BOILERPLATE_LINE_CHARS = 2000


class ParseError(ValueError):
    """A file that cannot be read as an article; the message names the file and the problem."""

    def __init__(self, filename: str, problem: str):
        self.filename = filename
        self.problem = problem
        super().__init__(f"{filename}: {problem}")


@dataclass(frozen=True)
class ParsedEntry:
    title: str | None
    body: str
    position: int
    published_on: dt.date | None = None  # from a dated time stamp above it; None: the article's date


@dataclass(frozen=True)
class ParsedArticle:
    headline: str
    standfirst: str
    published_on: dt.date | None
    date_precision: str  # "day" | "month"
    publisher: str
    entries: tuple[ParsedEntry, ...]
    boilerplate_removed: tuple[str, ...] = ()
    cards_removed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    text_hash: str = ""
    byline: str = ""  # who wrote it: the file's "By …" lines, without "By", joined by "; "


# --- Decoding -------------------------------------------------------------------------------

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))


def decode_text(raw: bytes, *, filename: str = "<bytes>") -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ParseError(filename, f"looks like UTF-16 but cannot be decoded ({error.reason})") from None
    sample = raw[:65536]
    if sample and len(sample.translate(None, _CONTROL_BYTES)) < len(sample) * 0.95:
        raise ParseError(filename, "is a binary file, not text (too many NUL/control bytes)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8: old Windows exports. Five bytes are undefined in cp1252; keep them visible.
        text = raw.decode("cp1252", errors="replace")
    return text.replace("\x00", "")


# --- Rules from data/boilerplate.txt ---------------------------------------------------------


@dataclass(frozen=True)
class BoilerplateRules:
    """Compiled rules; all match lower-cased text. Each `containing`/`sentence`/`phrase` rule is
    its own regex, paired with the plain text all its matches contain: a substring test (fast,
    in C) decides whether the regex needs to run on a line at all."""

    line: re.Pattern[str] | None
    containing: tuple[tuple[str, re.Pattern[str]], ...]
    sentence: tuple[tuple[str, re.Pattern[str]], ...]  # cut only where a sentence starts
    phrase: tuple[tuple[str, re.Pattern[str]], ...]
    glued: re.Pattern[str] | None  # an opening sentence glued to the next one with no space
    publishers: tuple[tuple[str, tuple[str, ...]], ...]

    def is_boilerplate(self, line: str) -> bool:
        """Whether the whole line is publisher furniture."""
        if len(line) > MAX_BOILERPLATE_LINE_CHARS:
            return False
        lowered = line.lower()
        if self.line is not None and self.line.fullmatch(lowered):
            return True
        for literal, rule in self.containing:  # noqa: SIM110 - a plain loop, no generator per line
            if literal in lowered and rule.search(lowered):
                return True
        return False

    def cut(self, line: str) -> tuple[str, list[str]]:
        """Cut appeal sentences and phrases out of a line: (rest, what was cut)."""
        lowered = _lower_same_length(line)
        spans = []
        for literal, rule in self.sentence:
            if literal not in lowered:
                continue
            for match in rule.finditer(lowered):
                start = match.start()
                # At a sentence start: the line start or after . ! ? (glued on, or after a space).
                before = lowered[:start].rstrip()
                if match.end() > start and (not before or before[-1] in _SENTENCE_ENDS):
                    spans.append(match.span())
        for literal, rule in self.phrase:
            if literal in lowered:
                spans += [match.span() for match in rule.finditer(lowered) if match.end() > match.start()]
        glued = _GLUED_OPENING_RE.match(line) if self.glued is not None else None
        if glued and self.glued.search(lowered[: glued.end()]):
            spans.append((0, glued.end()))
        if not spans:
            return line, []
        cuts, pieces, position = [], [], 0
        for start, end in sorted(spans):
            if start < position:
                continue  # overlaps a cut already made
            pieces.append(line[position:start])
            cuts.append(line[start:end].strip())
            position = end
        pieces.append(line[position:])
        return " ".join(" ".join(pieces).split()), cuts


_SENTENCE_ENDS = frozenset('.!?…"”’)')
# A first sentence with no space before the next one ("…the difference.Elon Musk"): the seam
# where page furniture was pasted onto the news. Only such a sentence is tested by `glued:` rules.
_GLUED_OPENING_RE = re.compile(r"[^.!?]{3,240}[.!?](?=[A-Z\"“‘])")


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (e.g. "İ") lower to two; keep offsets aligned with the original.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def required_literal(pattern: str) -> str:
    """The longest plain text every match of `pattern` contains ("" when there is none to find).

    Only text outside groups, classes and quantified characters counts, so it is a safe
    prefilter: a line without it cannot match. ("\\bno paywall" gives "no paywall".)
    """
    if _has_top_level_alternation(pattern):
        return ""  # "a|b" may contain either
    best, run = "", []
    i, n, depth = 0, len(pattern), 0
    while i < n:
        char = pattern[i]
        if depth == 0 and char not in "\\()[]{}?*+.|^$":
            run.append(char)
            i += 1
            continue
        if depth == 0 and char in "?*{" and run:
            run.pop()  # that character was optional or repeated
        if depth == 0 and char == "+":
            best = max(best, "".join(run), key=len)  # required once; what follows may not be next to it
            run = []
            i += 1
            continue
        best, run = max(best, "".join(run), key=len), []
        if char == "\\":
            i += 2
        elif char == "[":
            i = _class_end(pattern, i)
        elif char == "{":
            i = pattern.find("}", i) + 1 or n
        else:
            depth += {"(": 1, ")": -1}.get(char, 0)
            i += 1
    return max(best, "".join(run), key=len)


def _class_end(pattern: str, start: int) -> int:
    """The index after the `]` closing the character class that opens at `start`."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1  # a leading "]" is a member
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _has_top_level_alternation(pattern: str) -> bool:
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def rules_from_text(text: str) -> BoilerplateRules:
    """Compile the rule file's `line:`, `containing:`, `sentence:`, `phrase:`, `glued:` and `publisher:` rules."""
    patterns: dict[str, list[str]] = {"line": [], "containing": [], "sentence": [], "phrase": [], "glued": []}
    publishers = []
    for number, raw_line in enumerate(text.splitlines(), 1):
        rule = raw_line.strip()
        if not rule or rule.startswith("#"):
            continue
        kind, _, pattern = rule.partition(":")
        pattern = pattern.strip()
        try:
            if kind == "publisher":
                name, *needles = (part.strip() for part in pattern.split("|"))
                publishers.append((name, tuple(needle.lower() for needle in needles if needle)))
                continue
            if kind not in patterns:
                raise ValueError(f"unknown rule kind {kind!r}")
            re.compile(pattern)
            if re.sub(r"\\.", "", pattern) != re.sub(r"\\.", "", pattern).lower():
                raise ValueError("write rules in lower case (text is lower-cased before matching)")
            patterns[kind].append(pattern)
        except (re.error, ValueError) as error:
            raise ValueError(f"boilerplate rule on line {number} is invalid: {error}") from None

    return BoilerplateRules(
        line=re.compile("|".join(f"(?:{p})" for p in patterns["line"])) if patterns["line"] else None,
        containing=tuple((required_literal(p), re.compile(p)) for p in patterns["containing"]),
        sentence=tuple((required_literal(p), re.compile(p)) for p in patterns["sentence"]),
        phrase=tuple((required_literal(p), re.compile(p)) for p in patterns["phrase"]),
        glued=re.compile("|".join(f"(?:{p})" for p in patterns["glued"])) if patterns["glued"] else None,
        publishers=tuple(publishers),
    )


@cache
def default_rules() -> BoilerplateRules:
    """The project's rules, read once per process."""
    return rules_from_text(BOILERPLATE_FILE.read_text(encoding="utf-8"))


# --- Line shapes -------------------------------------------------------------------------------

_DATE_LINE_RE = re.compile(r"\s*date:?\s+(\d\S*)(?:\s+(.*))?", re.IGNORECASE)
_DAY_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH_RE = re.compile(r"(\d{4})-(\d{1,2})")

# A time zone is upper case even though the patterns below ignore case ("10:21 GMT", not "10:21 Gaza").
_CLOCK = r"\d{1,2}[:.]\d{2}(?:\s?[ap]\.?\s?m\.?)?(?:\s(?-i:[A-Z]{2,5}(?:\+\d{1,2})?))?"
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
    rf"(?:(?:,?\s(?:at\s)?|\s[-–—·|]\s){_CLOCK}|T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d{{1,6}})?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
)
# A line that is only a time stamp, a date or "1 month ago": it separates live-blog entries.
_SEPARATOR_RE = re.compile(
    rf"(?:(?:posted|updated|published|first published|last updated|last modified|modified|published date)"
    rf"(?:\sat|\son)?:?\s)?"
    rf"(?:(?:(?:today|yesterday),?\s(?:at\s)?|(?:{_WEEKDAY})?(?:{_DATE_TEXT},?\s)?){_CLOCK}|{_RELATIVE}|{_DATE_ONLY})"
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
# "10:21 p.m.: Israeli jets struck ..." — an entry that starts with its time.
_STAMPED_RE = re.compile(rf"({_CLOCK})\s?(?::|–|—|-)\s+(\S.*)", re.IGNORECASE)
_LIST_ITEM_RE = re.compile(r"(?:[-–—•*·▪●◦]\s|\d{1,3}[.)]\s|\(?[a-z]\)\s)")
_BYLINE_RE = re.compile(r"By\s(?:[A-Z][\w'’.-]*\s?){1,4}(?:(?:and|&)\s(?:[A-Z][\w'’.-]*\s?){1,4})?$")
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
# "March 21, 2025 (PORT SUDAN) – The army …": a lead paragraph opening with its date.
_DATELINE_DATE_RE = re.compile(
    rf"(?:[A-Z][A-Za-z .'’-]{{1,30}},\s)?(?:{_WEEKDAY})?({_YEAR_DATE})\s?(?:\([^()]{{1,40}}\)\s?)?[-–—:]\s",
    re.IGNORECASE,
)
_STAFF_ENDINGS = ("staff", "Staff", "correspondents", "Correspondents", "reporters", "Reporters", "gencies")
_ROLE_WORDS = ("orrespondent", "ditor", "eporter", "resenter", "nalyst", "roducer")
MAX_BYLINE_CHARS = 300
_SENTENCE_END = ".:;,…!-–—"
_SENTENCE_BREAK_RE = re.compile(r"[a-z0-9)][.][\"”’]?\s+[A-Z“‘\"]")
# fmt: off
_ABBREVIATIONS = frozenset((
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Sen", "Rep", "Gov", "Pres",
    "Rev", "Jr", "Sr", "No", "vs", "Co", "Corp", "Inc", "Ltd", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep",
    "Oct", "Nov", "Dec",
))
# fmt: on
_QUOTES_CLOSE = "\"'”’»"
_QUOTES_OPEN = "\"'“‘«"


def is_title_like(line: str) -> bool:
    """Short, no closing full stop, not a list item, lead-in or byline: may head an entry."""
    if not 8 <= len(line) <= MAX_TITLE_CHARS:
        return False
    last = line[-1]
    if last in _SENTENCE_END:
        return False
    if last in _QUOTES_CLOSE and len(line) > 1 and line[-2] in _SENTENCE_END:
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit() or first in _QUOTES_OPEN):
        return False
    words = line.count(" ") + 1
    if words < 2 or words > MAX_TITLE_WORDS:
        return False
    if _LIST_ITEM_RE.match(line) or _BYLINE_RE.match(line) or _SEPARATOR_RE.fullmatch(line):
        return False
    return not _has_sentence_break(line)


def _has_sentence_break(line: str) -> bool:
    """A full stop then a capital inside the line: a paragraph whose last sentence lacks its stop."""
    for match in _SENTENCE_BREAK_RE.finditer(line):
        word = line[: match.start() + 1].rsplit(" ", 1)[-1].rstrip(".")
        if word not in _ABBREVIATIONS:
            return True
    return False


def normalise_for_hash(text: str) -> str:
    """Case, whitespace, quote and dash style folded away, for comparing stories."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_HASH_FOLD)
    return " ".join(text.split())


_HASH_FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                            "–": "-", "—": "-", "‐": "-", "…": "..."})  # fmt: skip


def _line_key(line: str) -> str:
    # Cheaper than normalise_for_hash (lines are already whitespace-collapsed): runs on every line.
    return line.casefold().translate(_HASH_FOLD)


def entry_content_hash(title: str | None, body: str) -> str:
    """SHA-256 of an entry's normalised title and lead paragraph.

    Snapshots of one live blog repeat a post with paragraphs added or cut, so the title and the
    opening paragraph identify the story; the rest of the body may change.
    """
    lead = body.split("\n\n", 1)[0]
    key = normalise_for_hash(title or "") + "\n" + normalise_for_hash(lead)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


# --- Markdown -----------------------------------------------------------------------------------
# Scrapers often save pages as Markdown: headings, bold lines and links become plain text.

_MARKDOWN_STARTS = frozenset("#*_!")
_MD_HEADING_RE = re.compile(r"#{1,6}\s+(.*?)(?:\s+#+)?")
_MD_BOLD_LINE_RE = re.compile(r"(\*\*|__)(.+?)\1")
_MD_IMAGE_RE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\s]{0,2000}\)")
_MD_LINK_RE = re.compile(r"\[([^\]\n]{1,300})\]\((?:https?://|/)[^)\s]{0,2000}\)")


def _unmarkdown(line: str) -> str:
    if heading := _MD_HEADING_RE.fullmatch(line):
        line = heading[1]
    if bold := _MD_BOLD_LINE_RE.fullmatch(line):
        line = bold[2]
    if "](" in line:
        line = _MD_LINK_RE.sub(r"\1", _MD_IMAGE_RE.sub("", line)).strip()
    return line


# --- The parser ---------------------------------------------------------------------------------


def _parse_date(token: str) -> tuple[dt.date | None, str, str | None]:
    """`YYYY-MM-DD` or `YYYY-MM` -> (date, precision, warning)."""
    try:
        if match := _DAY_RE.fullmatch(token):
            return dt.date(*map(int, match.groups())), "day", None
        if match := _MONTH_RE.fullmatch(token):
            return dt.date(int(match[1]), int(match[2]), 1), "month", None
    except ValueError:
        return None, "day", f"impossible date {token!r}; stored undated"
    return None, "day", f"malformed date {token!r} (expected YYYY-MM-DD or YYYY-MM); stored undated"


def _byline(line: str, previous: str | None) -> tuple[str | None, bool]:
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


def _lead_date(body_lines: list[str], kinds: list[str]) -> dt.date | None:
    """The date a lead paragraph opens with ("March 21, 2025 (PORT SUDAN) – …")."""
    lead = next((line for line, kind in zip(body_lines, kinds, strict=True) if kind == "body"), None)
    if lead is None or not (dateline := _DATELINE_DATE_RE.match(lead)):
        return None
    parts = _line_date(dateline[1])
    return _dated(parts, None) if parts else None


def _line_date(line: str) -> tuple[int | None, int, int] | None:
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


def _dated(parts: tuple[int | None, int, int], near: dt.date | None) -> dt.date | None:
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


@dataclass
class _OpenEntry:
    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    published_on: dt.date | None = None


class _EntrySplitter:
    """Walks body lines and cuts them into entries (see module docstring)."""

    def __init__(self, seen: set[str]):
        self.entries: list[_OpenEntry] = []
        self.current = _OpenEntry()
        self.cards: list[str] = []
        self.seen = seen  # normalised lines met so far; a repeat in a title run is a card
        self.date: dt.date | None = None  # of the last dated separator: the entries below it

    def flush(self) -> None:
        if self.current.title or self.current.paragraphs:
            self.entries.append(self.current)
        self.current = _OpenEntry(published_on=self.date)

    def start(self, title: str | None) -> None:
        if self.current.title is None and not self.current.paragraphs:
            self.current.title = title  # right after a separator: the separator opened it
        else:
            self.flush()
            self.current.title = title

    def body(self, line: str) -> None:
        self.current.paragraphs.append(line)
        self.seen.add(_line_key(line))

    def drop_contents_links(self) -> None:
        """A title with no text whose post appears in full elsewhere in the file is a link in a
        "Key events" list, not a post of its own."""
        if all(entry.paragraphs for entry in self.entries):
            return
        posted = {_line_key(entry.title) for entry in self.entries if entry.title and entry.paragraphs}
        links = [entry for entry in self.entries if not entry.paragraphs and _line_key(entry.title or "") in posted]
        if links:
            self.cards.extend(entry.title for entry in links)
            self.entries = [entry for entry in self.entries if entry not in links]

    def separator(self, date: dt.date | None = None) -> None:
        self.flush()
        if date is not None:
            self.date = self.current.published_on = date

    def title_run(self, run: list[str], *, followed_by_body: bool, at_end: bool, last_run: bool = False) -> None:
        """Consecutive title-like lines: entry titles, card titles and card summaries."""
        kept: list[str] = []
        skip_next = False
        for index, line in enumerate(run):
            key = _line_key(line)
            is_last_before_body = followed_by_body and index == len(run) - 1
            if skip_next and not is_last_before_body:
                skip_next = False
                self.cards.append(line)
            elif key in self.seen and not is_last_before_body:
                # A card repeating a title or summary met earlier; its next line is its summary.
                self.cards.append(line)
                skip_next = True
            else:
                skip_next = False
                kept.append(line)
            self.seen.add(key)
        if not kept:
            return
        head, last = (kept[:-1], kept[-1]) if followed_by_body else (kept, None)
        if at_end and not followed_by_body and len(head) == 1 and self.current.paragraphs:
            self.current.paragraphs.append(head[0])  # the file was cut off mid-sentence
            return
        if last_run and not at_end and not followed_by_body:
            self.cards.extend(head)  # page furniture after the last post: related-article cards
            return
        if head:
            rest = head
            # A lone pair before a titled post is a related-article card (title + summary);
            # an odd run, or a longer even one, starts with a post that has no text of its own.
            if len(head) % 2 or (followed_by_body and len(head) > 2):
                # The first line is a post with no text of its own (a video, an embed).
                self.start(head[0])
                rest = head[1:]
                if len(rest) % 2:
                    self.cards.append(rest[0])  # that post's own summary line
                    rest = rest[1:]
            self.cards.extend(rest)  # related-article cards: title + one-line summary
        if last is not None:
            self.start(last)


def parse_article(raw: bytes, *, filename: str, default_date: dt.date | None = None) -> ParsedArticle:
    """Parse one news text file; raises ParseError naming the file when it is not an article."""
    if not raw.strip():
        raise ParseError(filename, "file is empty")
    text = decode_text(raw, filename=filename)
    ends_with_newline = text.endswith(("\n", "\r"))
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise ParseError(filename, "file has no text")
    text_hash = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()  # of the text as written
    lines = [_unmarkdown(line) if line[:1] in _MARKDOWN_STARTS or "](" in line else line for line in lines]
    if not (lines := [line for line in lines if line]):
        raise ParseError(filename, "file has no text")
    warnings: list[str] = []
    if "\ufffd" in text and b"\xef\xbf\xbd" not in raw:
        # Bytes that are neither UTF-8 nor Windows-1252 were replaced: say so rather than hide it.
        warnings.append(f"{text.count(chr(0xFFFD))} byte(s) are neither UTF-8 nor Windows-1252; shown as \ufffd")

    published_on, precision = None, "day"
    first = lines[0]
    rest_start = 1
    if match := _DATE_LINE_RE.fullmatch(first):
        published_on, precision, warning = _parse_date(match[1].rstrip(":"))
        if warning:
            warnings.append(warning)
        first = (match[2] or "").strip()
        if not first:
            if len(lines) < 2:
                raise ParseError(filename, "no headline after the date line")
            first, rest_start = lines[1], 2
    headline = first
    if len(headline) > MAX_HEADLINE_CHARS:
        raise ParseError(filename, f"no headline: the first line is {len(headline):,} characters long")

    rules = default_rules()
    removed: list[str] = []
    bylines: dict[str, None] = {}  # in order, once each
    body_lines: list[str] = []
    for line in lines[rest_start:]:
        line, cuts = rules.cut(line)
        if cuts:
            removed.extend(cuts)
            if not line:
                continue
        if rules.is_boilerplate(line):
            removed.append(line)
            continue
        byline, name_above = _byline(line, body_lines[-1] if body_lines else None)
        if byline:
            if name_above:
                body_lines.pop()  # the writer's name, on the line above the role
            bylines[byline] = None
            continue
        body_lines.append(line)

    standfirst = ""
    # The line right after the headline, when it reads as a summary rather than a paragraph.
    if (
        rest_start < len(lines)
        and body_lines
        and lines[rest_start] == body_lines[0]
        and len(body_lines[0]) <= MAX_STANDFIRST_CHARS
        and body_lines[0][-1] not in _SENTENCE_END
        and not _SEPARATOR_RE.fullmatch(body_lines[0])
        and not _BYLINE_RE.match(body_lines[0])
    ):
        standfirst = body_lines.pop(0)

    kinds = [_line_kind(line) for line in body_lines]
    # Dated time stamps ("Published 5 December 2024", "14 March 2025 18:40 GMT") date the entries
    # below them; with no date line, the earliest that names its year dates the article.
    stamps = {i: parts for i, kind in enumerate(kinds) if kind == "separator" and (parts := _line_date(body_lines[i]))}
    if published_on is None and (years := [_dated(p, None) for p in stamps.values() if p[0] is not None]):
        published_on, precision = min(years), "day"
    if published_on is None:
        published_on = _lead_date(body_lines, kinds)
    if published_on is None and default_date is not None:
        published_on, precision = default_date, "day"
    stamp_dates = {i: _dated(parts, published_on) for i, parts in stamps.items()}

    seen = {_line_key(headline), _line_key(standfirst)}
    splitter = _EntrySplitter(seen)
    index, count = 0, len(body_lines)
    while index < count:
        kind, line = kinds[index], body_lines[index]
        if kind == "separator":
            splitter.separator(stamp_dates.get(index))
            index += 1
        elif kind == "stamped":
            stamped = _STAMPED_RE.fullmatch(line)
            remainder = stamped[2] if stamped else line
            splitter.flush()
            # The time stays in the entry: it is the only clock time the post carries.
            if is_title_like(remainder):
                splitter.start(line)
            else:
                splitter.body(line)
            index += 1
        elif kind == "title":
            end = index
            while end + 1 < count and kinds[end + 1] == "title":
                end += 1
            followed_by_body = end + 1 < count and kinds[end + 1] == "body"
            last_run = end + 1 == count
            at_end = last_run and not ends_with_newline and lines[-1] == body_lines[-1]
            splitter.title_run(
                body_lines[index : end + 1], followed_by_body=followed_by_body, at_end=at_end, last_run=last_run
            )
            index = end + 1
        else:
            splitter.body(line)
            index += 1
    splitter.flush()
    splitter.drop_contents_links()

    entries = tuple(
        ParsedEntry(
            title=entry.title,
            body="\n\n".join(entry.paragraphs),
            position=position,
            published_on=entry.published_on if entry.published_on != published_on else None,
        )
        for position, entry in enumerate(splitter.entries)
    )
    if not entries:
        warnings.append("no text after the headline")
    return ParsedArticle(
        headline=headline,
        standfirst=standfirst,
        published_on=published_on,
        date_precision=precision,
        publisher=_publisher_guess(text, rules),
        entries=entries,
        boilerplate_removed=tuple(removed),
        cards_removed=tuple(splitter.cards),
        warnings=tuple(warnings),
        text_hash=text_hash,
        byline="; ".join(bylines)[:MAX_BYLINE_CHARS],
    )


def _line_kind(line: str) -> str:
    if len(line) <= 80 and _SEPARATOR_RE.fullmatch(line):
        return "separator"
    if line[:1].isdigit() and _STAMPED_RE.match(line):
        return "stamped"
    if is_title_like(line):
        return "title"
    return "body"


def _publisher_guess(text: str, rules: BoilerplateRules) -> str:
    # Publisher furniture sits at the top or the bottom; a 10 MB file need not be scanned whole.
    sample = (text if len(text) <= 8000 else text[:4000] + "\n" + text[-4000:]).lower()
    for name, needles in rules.publishers:
        if any(needle in sample for needle in needles):
            return name
    return ""

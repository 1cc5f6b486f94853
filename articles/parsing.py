"""Read one news text file into plain data: headline, date, standfirst and live-blog entries.

Pure module (no Django). The file shape: line 1 is the headline, optionally preceded by
`date YYYY-MM-DD ` or `date YYYY-MM `; the next line is often a standfirst; publisher
boilerplate (rules in `data/boilerplate.txt`) is removed; a live blog is split into entries at
title-like lines, time stamps and "1 month ago" separators, while related-article cards,
list items and "X reports:" lead-ins stay out of the titles.

Its parts live in `articles/parse/`: boilerplate rules, dates and time stamps, bylines, Markdown.
Every regex is linear (no nested quantifiers) and lines over a few hundred characters skip the
title and boilerplate checks, so a 10 MB file or a 100 000-character line parses in time
proportional to its size.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from articles.parse.boilerplate import BoilerplateRules, default_rules
from articles.parse.bylines import BYLINE_RE, MAX_BYLINE_CHARS
from articles.parse.cleaning import Caption, body_lines_of, furniture_split
from articles.parse.dates import (
    DATE_LINE_RE,
    SEPARATOR_RE,
    STAMP_BULLETS,
    STAMPED_RE,
    ClockTime,
    clock_time,
    dated,
    lead_date,
    line_date,
    parse_date_token,
)
from articles.parse.furniture import page_publishers
from articles.parse.markdown import MARKDOWN_STARTS, unmarkdown

MAX_HEADLINE_CHARS = 1000
MAX_TITLE_CHARS = 220
MAX_TITLE_WORDS = 40
MAX_STANDFIRST_CHARS = 400


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
    time_of_day: dt.time | None = None  # from its time stamp ("10:21 p.m.:", "14.05 GMT" above it)
    time_zone: str = ""  # as the stamp names it ("GMT"); "": the page's local time
    captions: tuple[str, ...] = ()  # photo captions met in the entry, their credits removed


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
    furniture: tuple[str, ...] = ()  # lines scored as page furniture (articles/parse/furniture.py)
    stamps_removed: tuple[str, ...] = ()  # time-stamp lines: they date entries, not stored as text
    warnings: tuple[str, ...] = ()
    text_hash: str = ""
    byline: str = ""  # who wrote it: the file's "By …" lines, without "By", joined by "; "

    @property
    def furniture_removed(self) -> tuple[str, ...]:
        """Every line or fragment of the file that the archive does not store."""
        return self.boilerplate_removed + self.furniture + self.cards_removed + self.stamps_removed


# --- Decoding -------------------------------------------------------------------------------

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))
# C0 controls other than tab and line ends are dropped: XML (the Atom feed) cannot carry them,
# and a terminal would obey them. The ones str.split() counts as white space (vertical tab,
# form feed, 0x1C-0x1F) become spaces, which is what the line cleaning made of them before.
_CONTROL_CHARS = {c: None for c in range(32) if c not in (9, 10, 13)} | {c: " " for c in (11, 12, 28, 29, 30, 31)}


def decode_text(raw: bytes, *, filename: str = "<bytes>") -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; without
    C0 control characters other than tab and line ends."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16").translate(_CONTROL_CHARS)
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
    return text.translate(_CONTROL_CHARS)


# --- Line shapes -------------------------------------------------------------------------------

_LIST_ITEM_RE = re.compile(r"(?:[-–—•*·▪●◦]\s|\d{1,3}[.)]\s|\(?[a-z]\)\s)")
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
    if _LIST_ITEM_RE.match(line) or BYLINE_RE.match(line) or SEPARATOR_RE.fullmatch(line):
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


# --- The parser ---------------------------------------------------------------------------------


@dataclass
class _OpenEntry:
    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    published_on: dt.date | None = None
    clock: ClockTime | None = None
    captions: list[str] = field(default_factory=list)


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
        elif self.current.captions and self.entries:
            self.entries[-1].captions.extend(self.current.captions)  # a photo at the end of a post
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

    def caption(self, line: str) -> None:
        self.current.captions.append(line)

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

    def separator(self, date: dt.date | None = None, clock: ClockTime | None = None) -> None:
        self.flush()
        if date is not None:
            self.date = self.current.published_on = date
        self.current.clock = clock  # a time stamps only the post right below it

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


def parse_article(
    raw: bytes,
    *,
    filename: str,
    default_date: dt.date | None = None,
    learned: Mapping[str, frozenset[str]] | None = None,
) -> ParsedArticle:
    """Parse one news text file; raises ParseError naming the file when it is not an article.

    `learned` maps a publisher to the fingerprints (`line_fingerprint`) of lines the archive has
    learned are that publisher's furniture.
    """
    if not raw.strip():
        raise ParseError(filename, "file is empty")
    text = decode_text(raw, filename=filename)
    ends_with_newline = text.endswith(("\n", "\r"))
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise ParseError(filename, "file has no text")
    text_hash = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()  # of the text as written
    lines = [unmarkdown(line) if line[:1] in MARKDOWN_STARTS or "](" in line else line for line in lines]
    if not (lines := [line for line in lines if line]):
        raise ParseError(filename, "file has no text")
    warnings: list[str] = []
    if "\ufffd" in text and b"\xef\xbf\xbd" not in raw:
        # Bytes that are neither UTF-8 nor Windows-1252 were replaced: say so rather than hide it.
        warnings.append(f"{text.count(chr(0xFFFD))} byte(s) are neither UTF-8 nor Windows-1252; shown as \ufffd")

    published_on, precision = None, "day"
    first = lines[0]
    rest_start = 1
    if match := DATE_LINE_RE.fullmatch(first):
        published_on, precision, warning = parse_date_token(match[1].rstrip(":"))
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
    body_lines, removed, bylines = body_lines_of(lines[rest_start:], rules)
    on_page = page_publishers(lines[rest_start - 1 :])  # before boilerplate goes: "© 2026 Name" repeats a name
    publisher = _publisher_guess(text, rules) or (on_page[0] if on_page else "")
    body_lines, furniture = furniture_split(
        body_lines, headline=headline, publishers=on_page, learned=(learned or {}).get(publisher, frozenset())
    )

    standfirst = ""
    # The line right after the headline, when it reads as a summary rather than a paragraph.
    if (
        rest_start < len(lines)
        and body_lines
        and lines[rest_start] == body_lines[0]
        and len(body_lines[0]) <= MAX_STANDFIRST_CHARS
        and body_lines[0][-1] not in _SENTENCE_END
        and not SEPARATOR_RE.fullmatch(body_lines[0])
        and not STAMPED_RE.match(body_lines[0])  # "10:21 p.m.: …" is a post, never the summary
        and not BYLINE_RE.match(body_lines[0])
        and not isinstance(body_lines[0], Caption)
    ):
        standfirst = body_lines.pop(0)

    kinds = [_line_kind(line) for line in body_lines]
    # Dated time stamps ("Published 5 December 2024", "14 March 2025 18:40 GMT") date the entries
    # below them; with no date line, the earliest that names its year dates the article.
    stamps = {i: parts for i, kind in enumerate(kinds) if kind == "separator" and (parts := line_date(body_lines[i]))}
    if published_on is None and (years := [dated(p, None) for p in stamps.values() if p[0] is not None]):
        published_on, precision = min(years), "day"
    if published_on is None:
        published_on = lead_date(body_lines, kinds)
    if published_on is None and default_date is not None:
        published_on, precision = default_date, "day"
    stamp_dates = {i: dated(parts, published_on) for i, parts in stamps.items()}

    seen = {_line_key(headline), _line_key(standfirst)}
    splitter = _EntrySplitter(seen)
    stamps: list[str] = []
    index, count = 0, len(body_lines)
    while index < count:
        kind, line = kinds[index], body_lines[index]
        if kind == "separator":
            splitter.separator(stamp_dates.get(index), clock_time(line))
            stamps.append(line)
            index += 1
        elif kind == "caption":
            splitter.caption(line)
            index += 1
        elif kind == "stamped":
            stamped = STAMPED_RE.fullmatch(line)
            remainder = stamped[2] if stamped else line
            splitter.flush()
            splitter.current.clock = clock_time(line)
            # The time stays in the entry text too: readers see it where the page put it.
            if is_title_like(remainder):
                splitter.start(line)
            else:
                splitter.body(line)
            index += 1
        elif kind == "title":
            end = index
            while end + 1 < count and kinds[end + 1] == "title":
                end += 1
            after = end + 1
            while after < count and kinds[after] == "caption":
                after += 1  # a photo between a post's title and its text
            followed_by_body = after < count and kinds[after] == "body"
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
            time_of_day=entry.clock.time if entry.clock else None,
            time_zone=entry.clock.zone if entry.clock else "",
            captions=tuple(entry.captions),
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
        publisher=publisher,
        entries=entries,
        boilerplate_removed=tuple(removed),
        cards_removed=tuple(splitter.cards),
        furniture=tuple(furniture),
        stamps_removed=tuple(stamps),
        warnings=tuple(warnings),
        text_hash=text_hash,
        byline="; ".join(bylines)[:MAX_BYLINE_CHARS],
    )


def _line_kind(line: str) -> str:
    if isinstance(line, Caption):
        return "caption"
    if len(line) <= 80 and SEPARATOR_RE.fullmatch(line):
        return "separator"
    starts_with_time = line[:1].isdigit() or (line[:1] in STAMP_BULLETS and line[1:3].strip()[:1].isdigit())
    if starts_with_time and STAMPED_RE.match(line):
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

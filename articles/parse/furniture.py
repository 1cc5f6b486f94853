"""Page furniture by its shape: a score from several signals, not one rule per phrase.

A line is furniture when its signals add up to `THRESHOLD`. The signals:
- interface vocabulary: a line made only of interface words (share, print, comments, "Lire aussi"),
  or holding a phrase only interfaces use ("skip to", "back to top", "rights reserved");
- counters and sizes: "36 updates", "Views: 1,204", "(PDF, 2.4 MB)", "0:00 / 3:12";
- shape: symbols only; a short run in another script inside a Latin-script page; a lone title-case
  name or a numbered menu item at the edges; a "Label: value" metadata line; a live-page status;
- calls to action: "Follow the …", "Read our …", an appeal ending in "!";
- position: before the first news paragraph or after the last (furniture sits at the edges);
- repetition: the headline again, or the publisher's name in a masthead ("Name — tagline",
  "© 2025 Name", "Support Name!") when the name recurs elsewhere in the file;
- a sentence (long, ending in a full stop, with function words) counts against.
What these cannot know stays in `data/boilerplate.txt`; what recurs across one publisher's files
is learned by the archive (`learned` fingerprints, see `line_fingerprint`).

Pure module (no Django); every regex is linear and lines over 200 characters are never furniture.
"""

from __future__ import annotations

import hashlib
import re
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

THRESHOLD = 3.0
MAX_FURNITURE_CHARS = 200
MAX_SHAPED_CHARS = 100  # longer lines are judged by their phrases only

INTERFACE_WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "interface_words.txt"


def _read_vocabulary(path: Path) -> dict[str, tuple[str, ...]]:
    """The `[section]`s of the vocabulary file: words (one section a line of phrases)."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is sections.get("phrase"):
            current.append(line)
        else:
            current.extend(line.split())
    return {name: tuple(items) for name, items in sections.items()}


_VOCABULARY = _read_vocabulary(INTERFACE_WORDS_FILE)
_UI_WORDS = frozenset(_VOCABULARY["ui"])
_FUNCTION_WORDS = frozenset(_VOCABULARY["function"])
_ACTION_VERBS = frozenset(_VOCABULARY["action"])
_ACTION_OBJECTS = frozenset(_VOCABULARY["object"])
_UI_PHRASES = _VOCABULARY["phrase"]
_UI_PHRASE_RE = re.compile("|".join(re.escape(phrase) for phrase in _UI_PHRASES))
_TOKEN_RE = re.compile(r"\w+")
# Punctuation to spaces, so `split()` gives words (in C); hyphens and apostrophes stay in words.
_PUNCTUATION_TO_SPACE = str.maketrans(
    dict.fromkeys(string.punctuation.replace("-", "").replace("'", "") + "“”‘—–…|•·«»", " ")
)
# Each phrase holds one of these words; a line with none of them holds no phrase.
_PHRASE_WORDS = frozenset(word for phrase in _UI_PHRASES for word in _TOKEN_RE.findall(phrase)) - frozenset(
    ("to", "the", "this", "for", "will", "not", "your", "a", "of", "in", "has", "have", "being", "no", "on", "here")
)
_COUNTER_RE = re.compile(
    r"(?:[\d.,]+[kKmM]?\s(?:updates?|views?|shares?|comments?|commentaires?|replies|reads?|likes?|downloads?"
    r"|min(?:ute)?s?|posts?|photos?|videos?|items?)\b(?:\sread)?"
    r"|(?:views?|downloads?|shares?|comments?|reads?|updates?)\s?:\s?[\d.,]+[kKmM]?)",
    re.IGNORECASE,
)
_FILE_SIZE_RE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:[kKMG]B|kb|bytes)\b|\.(?:pdf|docx?|xlsx?|png|jpe?g|zip)\b")
_MEDIA_TIME_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s?/\s?\d{1,2}:\d{2}(?::\d{2})?")
_MENU_ITEM_RE = re.compile(r"\d{1,2}[.)]\s\S+(?:\s\S+)?")
_METADATA_RE = re.compile(
    r"(?:format|category|main category|categories|tags?|topics?|section|filed under|theme|themes|language"
    r"|content type|type|source|posted in|labels?|keywords?)\s?:\s?[^.!?]{1,120}",
    re.IGNORECASE,
)
# A dated masthead or byline stamp: "AYEYARWADY TIMES | 3 December 2024".
_DATED_STAMP_RE = re.compile(
    r"(?:[A-Z][\w&'’.]*\s){1,4}[|·•—–-]\s(?:\d{1,2}\s[A-Z][a-z]{2,8}\.?\s\d{4}|[A-Z][a-z]{2,8}\.?\s\d{1,2},\s\d{4})"
)
_CODE_RE = re.compile(r"[A-Z][A-Za-z]{1,20}\s(?:No\.?\s?)?\d[\d/.-]{1,15}")
_MASTHEAD_RE = re.compile(r"(?:©\s?(?:\d{4}\s)?)?(?P<name>[A-Z][\w&'’.]*(?:\s[A-Z][\w&'’.]*){1,3})\s?(?:[|—–]|\s-)\s\S")
_APPEAL_RE = re.compile(r"(?:Support|Donate to|Help|Back|Fund|Give to)\s[^.!?]{2,60}!")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LIVE_STATUS_RE = re.compile(r"\blive\b.{0,60}\b(?:ended|closed|paused|no longer|finished|over)\b")


@dataclass(frozen=True)
class LineContext:
    """What the scorer knows about a line beyond its text."""

    at_edge: bool = False  # before the first news paragraph or after the last
    headline: str = ""
    publishers: tuple[str, ...] = ()  # names the page repeats in mastheads and appeals
    latin_page: bool = True  # so a run of another script is interface text


def line_fingerprint(line: str) -> str:
    """A line's identity across files: verbatim but for case, spacing and quote style, hashed.

    Digits count: news sentences written to a pattern differ in their numbers; counters ("36
    updates") are the shape scorer's.
    """
    folded = unicodedata.normalize("NFKC", line).casefold()
    folded = " ".join(folded.replace("’", "'").split())
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:20]  # noqa: S324 - an identity, not a secret


def is_news_paragraph(line: str) -> bool:
    """A line that reads as a sentence of reporting: long, lower-case words, a sentence end."""
    if len(line) < 60 or line.count(" ") < 8:
        return False
    return line.rstrip("\"'”’)")[-1:] in ".!?:;" or len(line) >= 120


def furniture_score(line: str, context: LineContext) -> float:
    """Points for furniture; `THRESHOLD` or more means the line goes."""
    if len(line) > MAX_FURNITURE_CHARS:
        return 0.0
    lowered = line.lower()
    if len(line) > MAX_SHAPED_CHARS:
        # A long line is a paragraph unless it says what only interfaces say.
        tokens = lowered.translate(_PUNCTUATION_TO_SPACE).split()
        strong = _has_ui_phrase(lowered, tokens) or _APPEAL_RE.match(line) or _live_status(lowered)
        return THRESHOLD if strong else 0.0
    # Widgets glued together lose their spaces ("ShareFacebookX"); split those at the capitals.
    words = (line if " " in line else _CAMEL_RE.sub(" ", line)).translate(_PUNCTUATION_TO_SPACE).split()
    lowered_words = [word.lower() for word in words]
    vocabulary, shape = _vocabulary_points(lowered, lowered_words), _shape_points(line, words, context)
    score = vocabulary + shape
    if context.at_edge:
        score += 1.0
    if context.headline and line == context.headline:
        score += 3.0
    if context.publishers and _masthead_points(line, context.publishers):
        score += 3.0
    if max(vocabulary, shape) < THRESHOLD and _reads_as_sentence(line, lowered_words):
        score -= 2.0  # a sentence needs one decisive signal, not a sum of weak ones
    return score


def is_furniture(line: str, context: LineContext) -> bool:
    """Whether a line is page furniture (see the module docstring for the signals)."""
    return furniture_score(line, context) >= THRESHOLD


def _vocabulary_points(lowered: str, words: list[str]) -> float:
    if _has_ui_phrase(lowered, words):
        return 3.0
    lettered = [word for word in words if word[0].isalpha()]  # no numbers, no symbols
    if (
        lettered
        and len(lettered) <= 8
        and all(w in _UI_WORDS or w in _FUNCTION_WORDS for w in lettered)
        and any(w in _UI_WORDS for w in lettered)
    ):
        return 3.0
    if len(words) >= 2 and words[0] in _ACTION_VERBS and words[1] in _ACTION_OBJECTS and len(words) <= 12:
        return 2.0
    return 0.0


def _shape_points(line: str, words: list[str], context: LineContext) -> float:
    if not any(char.isalnum() for char in line):
        return 3.0  # symbols only: "* * *", "•••"
    if len(line) <= 80 and (_COUNTER_RE.fullmatch(line) or _MEDIA_TIME_RE.fullmatch(line)):
        return 3.0
    if len(words) <= 12 and _FILE_SIZE_RE.search(line):
        return 3.0
    if context.latin_page and len(line) <= 80 and not line.isascii() and _foreign_script_share(line) >= 0.3:
        return 3.0
    if len(words) <= 14 and _live_status(line.lower()):
        return 3.0
    if _APPEAL_RE.match(line) and len(words) <= 30:
        return 3.0
    if len(line) <= 60 and _METADATA_RE.fullmatch(line):
        return 2.5
    if context.at_edge:
        if _MENU_ITEM_RE.fullmatch(line):
            return 2.0  # "1. World": a numbered menu
        if len(words) <= 8 and _DATED_STAMP_RE.fullmatch(line):
            return 2.0
        if len(words) <= 3 and _CODE_RE.fullmatch(line):
            return 2.0  # "Advisory 031/2025"
        if len(words) <= 2 and line[-1:] not in ".!?" and not any(char.isdigit() for char in line):
            return 2.0 if all(word[:1].isupper() for word in words) else 1.5  # "Middle East", "Accueil"
    return 0.0


def _has_ui_phrase(lowered: str, tokens: list[str]) -> bool:
    # A set test (in C) first: most lines hold none of the phrases' words.
    return not _PHRASE_WORDS.isdisjoint(tokens) and bool(_UI_PHRASE_RE.search(lowered))


def _live_status(lowered: str) -> bool:
    return "live" in lowered and bool(_LIVE_STATUS_RE.search(lowered))


def _reads_as_sentence(line: str, words: list[str]) -> bool:
    if len(words) < 7 or line.rstrip("\"'”’)")[-1:] not in ".?!":
        return False
    return sum(word in _FUNCTION_WORDS for word in words) >= 2


def _foreign_script_share(line: str) -> float:
    """Share of letters outside the Latin script (a Burmese or Arabic menu in an English page)."""
    if line.isascii() or not _NON_LATIN_RE.search(line):
        return 0.0
    letters = len(_LETTER_RE.findall(line))
    return len(_NON_LATIN_RE.findall(line)) / letters if letters else 0.0


# Letters, and marks (Burmese and Devanagari vowels are marks); the non-Latin ones of them.
_LETTER_RE = re.compile(r"[^\W\d_]|[\u0300-\u036f\u0900-\u0dff\u1000-\u109f]")
_NON_LATIN_RE = re.compile(
    r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f\W\d_]|[\u0900-\u0dff\u1000-\u109f]"
)


def _masthead_points(line: str, publishers: Sequence[str]) -> bool:
    if len(line) > 160:
        return False
    for name in publishers:
        if name in line and (line.startswith(name) or line.startswith("©") or line.endswith(name)):
            return True
    return False


def page_publishers(lines: Sequence[str]) -> tuple[str, ...]:
    """Names the page prints in mastheads or appeals and repeats on another line: the publisher.

    Only the first and last 40 lines are read: mastheads sit there, and a long file stays linear.
    """
    if len(lines) > 80:
        lines = [*lines[:40], *lines[-40:]]
    candidates: dict[str, None] = {}
    for line in lines:
        if len(line) > 160:
            continue
        if match := _MASTHEAD_RE.match(line):
            candidates[match["name"]] = None
        if match := _APPEAL_RE.match(line):
            name = match[0].split(" ", 1)[1].rstrip("!")
            if name[:1].isupper():
                candidates[name] = None
    if not candidates:
        return ()
    found = []
    for name in candidates:
        if sum(1 for line in lines if name in line) >= 2 and len(name.split()) <= 4:
            found.append(name)
    return tuple(found)


def page_is_latin(lines: Sequence[str]) -> bool:
    """Whether the page is written mainly in the Latin script (so another script is interface)."""
    sample = "".join(lines[:40])[:2000]
    return _foreign_script_share(sample) < 0.2

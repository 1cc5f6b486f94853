"""Acronyms with their expansion in the same text: "Full Name (ACR)" makes ACR, Acr and Full Name one.

"Sudan People's Liberation Movement-in-Opposition (SPLM-IO)", "UK Maritime Trade Operations
agency (UKMTO)": the expansion is the organisation's name whatever the gazetteer knows, and the
pieces a name-finder would cut it into ("Sudan People", "Maritime Trade") are not names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
_JOINER = r"(?:of|for|the|and|in|on|de|du|des|la|al-[\w'’]+|wal-[\w'’]+|ul-[\w'’]+)"
# The capitalised words before "(ACR)", a lowercase kind word allowed between ("… agency (UKMTO)").
EXPANSION_RE = re.compile(
    rf"(?P<name>{_WORD}(?:\s+(?:{_WORD}|{_JOINER}))*?)"
    r"(?:\s+(?:agency|group|militia|movement|coalition|alliance|force|forces|network|office))?"
    r"\s+\((?P<acronym>[A-Z][A-Za-z]*[A-Z](?:-[A-Z]+)?)\)"
)
_LEADING = frozenset({"The", "A", "An", "Sudan's", "Its", "Their"})
MIN_SHARE = 0.6  # of the acronym's letters that must be initials of the expansion


@dataclass(frozen=True)
class Expansion:
    acronym: str
    name: str

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(_name_words(self.name))


def expansions(text: str) -> list[Expansion]:
    """Every "Full Name (ACR)" in the text whose acronym fits the name's initials."""
    found = []
    for match in EXPANSION_RE.finditer(text):
        name = _trimmed(match.group("name").split(), match.group("acronym"))
        if name:
            found.append(Expansion(match.group("acronym"), name))
    return found


def _trimmed(words: list[str], acronym: str) -> str:
    """The expansion from the word where the acronym's initials begin: the start whose capitals
    cover most of the acronym's letters with fewest capitals left over ("Fighters of X (ACR)" is X)."""
    letters = [c for c in acronym if c.isalpha()]
    best: tuple[float, int] | None = None
    for start in range(len(words)):
        first = words[start]
        if first in _LEADING or not first[:1].isupper() or first.endswith(("'s", "’s")):
            continue  # "The", "Lebanon's": before the name
        capitals = [part[:1] for w in words[start:] for part in w.split("-") if part[:1].isupper()]
        if len(capitals) < 2:
            break
        share = sum(1 for c in letters if c.upper() in capitals) / len(letters)
        extra = sum(1 for c in capitals if c not in letters)
        score = share - 0.1 * extra
        if share >= MIN_SHARE and (best is None or score > best[0]):
            best = (score, start)
    return " ".join(words[best[1] :]) if best else ""


def _name_words(name: str) -> list[str]:
    return [w.strip("'’") for w in re.split(r"[\s]+", name.replace("'s", " ").replace("’s", " ")) if w]


def is_fragment(name: str, expansion: Expansion) -> bool:
    """Whether the name is a run of words cut from inside the expansion (and not all of it)."""
    words = _name_words(name)
    whole = expansion.words
    if not words or len(words) >= len(whole) or name == expansion.name:
        return False
    return any(list(whole[i : i + len(words)]) == words for i in range(len(whole) - len(words) + 1))

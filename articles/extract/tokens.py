"""Word tokens with the facts name-finding needs: capitalised, sentence start, breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Dotted acronyms (U.S.), then words that may hold apostrophes and hyphens (Jean-Pierre, Sana'a).
WORD_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]\w*(?:['’\-]\w+)*")
SENTENCE_END = frozenset(".!?\n")
BREAKS = frozenset(',.;:!?()[]{}"“”‘’—–/|…\n')
NAME_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "bin", "bint", "ibn", "ben"}
)
ARABIC_ARTICLE_RE = re.compile(r"^(?:al|el|ad|ar|as|at|az|an|ash|ul)-[A-Z]")


@dataclass(slots=True)
class Token:
    text: str  # without a trailing possessive 's
    key: str  # lowercased, typographic apostrophes folded
    start: int
    end: int
    capital: bool
    sentence_start: bool
    break_before: bool  # punctuation between this token and the previous one
    possessive: bool

    @property
    def particle(self) -> bool:
        return self.key in NAME_PARTICLES or bool(ARABIC_ARTICLE_RE.match(self.text))


def fold(text: str) -> str:
    """Lowercase with typographic apostrophes made plain, the key of every phrase lookup."""
    return text.lower().replace("’", "'")


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens; possessives are stripped and mark a name's end."""
    tokens: list[Token] = []
    previous_end = 0
    for match in WORD_RE.finditer(text):
        word = match.group()
        possessive = False
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word, possessive = word[:-2], True
        gap = text[previous_end : match.start()]
        first = not tokens
        tokens.append(
            Token(
                text=word,
                key=fold(word),
                start=match.start(),
                end=match.start() + len(word),
                capital=word[0].isupper(),
                sentence_start=first or any(c in SENTENCE_END for c in gap) or gap.rstrip().endswith(("“", '"', "‘")),
                break_before=first or any(c in BREAKS for c in gap) or " - " in gap,
                possessive=possessive,
            )
        )
        previous_end = match.end()
    return tokens


def phrase_key(phrase: str) -> str:
    """The lookup key of a phrase: its tokens' keys joined by spaces."""
    return " ".join(fold(m.group()) for m in WORD_RE.finditer(phrase))


def title_case(tokens: list[Token]) -> bool:
    """A Headline In Title Case gives no evidence that a capitalised word is a name."""
    long_words = [t for t in tokens if len(t.text) > 3 and t.text.isalpha()]
    return len(long_words) >= 4 and sum(t.capital for t in long_words) / len(long_words) > 0.75

"""Word tokens with the facts name-finding needs: capitalised, sentence start, breaks."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Dotted acronyms (U.S.), then words that may hold apostrophes and hyphens (Jean-Pierre, Sana'a).
WORD_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]\w*(?:['’\-]\w+)*")
GAP_WORD_RE = re.compile(r"((?:\W|_)*)(" + WORD_RE.pattern + ")")
SENTENCE_END = frozenset(".!?\n")
BREAKS = frozenset(',.;:!?()[]{}"“”‘’—–/|…\n')
NAME_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "bin", "bint", "ibn", "ben"}
)
# The Arabic article before a name ("al-Assad", "el-Sisi", "ash-Shaibani"), in the press's spellings.
ARABIC_ARTICLES = "al|el|ad|ar|as|at|az|an|ash|ul"
ARABIC_ARTICLE_RE = re.compile(rf"^(?:{ARABIC_ARTICLES})-[A-Z]")
ARABIC_ARTICLE_KEY_RE = re.compile(rf"^(?:{ARABIC_ARTICLES})-")


def arabic_article(word: str) -> bool:
    """ "al-Assad", "el-Sisi": a name opening with an Arabic article (the hyphen test first: cheap)."""
    return "-" in word and ARABIC_ARTICLE_RE.match(word) is not None


def without_arabic_article(key: str) -> str | None:
    """ "al-assad" -> "assad": a lowercased word without its Arabic article, None if it has none."""
    if "-" not in key or ARABIC_ARTICLE_KEY_RE.match(key) is None:
        return None
    return key.split("-", 1)[1]


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
    index: int = 0  # position in the token list

    @property
    def particle(self) -> bool:
        return self.key in NAME_PARTICLES or arabic_article(self.text)


def fold(text: str) -> str:
    """Lowercase with typographic apostrophes made plain, the key of every phrase lookup."""
    return text.lower().replace("’", "'")


def tokenize(text: str) -> list[Token]:
    """Word tokens of the text near capitals; possessives are stripped and mark a name's end.

    Lowercase words matter only next to a capitalised word ("foreign minister X", "X said",
    "Ministry of Health") or when hyphenated ("al-Assad", "pro-Russian"); the others are skipped
    for speed, and the token after a skipped word starts with a break.
    """
    tokens: list[Token] = []
    append = tokens.append
    # (gap, word) pairs in one C-level pass: no match objects, positions by running sums.
    pairs = GAP_WORD_RE.findall(text)
    count = len(pairs)
    position = 0
    first = True
    previous_kept = previous_capital = False
    for k in range(count):
        gap, word = pairs[k]
        start = position + len(gap)
        position = start + len(word)
        capital = word[0].isupper()
        if not (capital or previous_capital or "-" in word):
            following = pairs[k + 1] if k + 1 < count else None
            if following is None or len(following[0]) != 1 or not following[1][0].isupper():
                previous_kept = previous_capital = first = False
                continue
        possessive = False
        if word[-1] in "sS" and len(word) > 2 and word[-2] in "'’":
            word, possessive = word[:-2], True
        if first and k == 0:
            sentence_start = brk = True
        elif gap == " ":  # the common case
            sentence_start, brk = False, not previous_kept
        else:
            gap_chars = set(gap)
            sentence_start = bool(gap_chars & SENTENCE_END) or gap.rstrip().endswith(("“", '"', "‘"))
            brk = not previous_kept or bool(gap_chars & BREAKS) or " - " in gap
        key = word.lower()
        if "’" in key:
            key = key.replace("’", "'")
        append(Token(word, key, start, start + len(word), capital, sentence_start, brk, possessive, len(tokens)))
        # A name ending "al-Hawa" is a capitalised word for the one after it: "Bab al-Hawa crossing".
        previous_kept, previous_capital, first = True, capital or arabic_article(word), False
    return tokens


LOWERCASE_WORD_RE = re.compile(r"(?<![\w'’-])[a-z][\w'’]*")


def lowercase_words(text: str) -> set[str]:
    """Every word written in lowercase in the text (folded like token keys)."""
    return set(LOWERCASE_WORD_RE.findall(text.replace("’", "'")))


@functools.lru_cache(maxsize=65536)
def phrase_key(phrase: str) -> str:
    """The lookup key of a phrase: its tokens' keys joined by spaces."""
    return " ".join(fold(m.group()) for m in WORD_RE.finditer(phrase))


def title_case(tokens: list[Token]) -> bool:
    """A Headline In Title Case gives no evidence that a capitalised word is a name."""
    long_words = [t for t in tokens if len(t.text) > 3 and t.text.isalpha()]
    return len(long_words) >= 4 and sum(t.capital for t in long_words) / len(long_words) > 0.75

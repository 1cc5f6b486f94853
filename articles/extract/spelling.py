"""Spelling keys that survive transliteration: "Deir Hafer" and "Dayr Ḩāfir" share one.

The press writes Arabic, Slavic and Burmese names in many Latin spellings: vowels change
(Hodeidah, Hudaydah), articles come and go (El-Obeid, Obeid), digraphs vary (Kharkiv, Charkiw),
letters double (Umm, Um) and words join (Nay Pyi Taw, Naypyitaw). A skeleton keeps the
consonants that stay put. It is loose on purpose: a place found by its skeleton also needs its
country in the article and a place cue before it is kept.
"""

from __future__ import annotations

import functools
import re

from unidecode import unidecode

from articles.extract.tokens import ARABIC_ARTICLES

ARTICLE_WORDS = frozenset(ARABIC_ARTICLES.split("|")) | {"ath", "ed", "es", "ez", "en", "et"}
# Digraphs first, so their letters are not read one by one.
_DIGRAPHS = (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "k"), ("gh", "g"), ("ph", "f"), ("ch", "k"))
_DOUBLE_RE = re.compile(r"(.)\1+")
_SILENT_RE = re.compile(r"(?<=[aeiou])w|(?<=[^aeiou])h|h$")
_VOWELS_OUT = str.maketrans({"q": "k", "c": "k", **dict.fromkeys("aeiouy")})
_SEPARATORS_RE = re.compile(r"[-\s]+")
_MARKS_RE = re.compile(r"['`’ʼʻ‘.]")
MIN_SKELETON = 3


@functools.lru_cache(maxsize=65536)
def plain_form(name: str) -> str:
    """Lowercase ASCII words joined by spaces: "Kup'yans'k" -> "kupyansk", "El-Obeid" -> "el obeid"."""
    text = _MARKS_RE.sub("", (name if name.isascii() else unidecode(name)).lower())
    return " ".join(_SEPARATORS_RE.split(text)).strip()


@functools.lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """The consonant skeleton of a place name, articles dropped and words joined."""
    words = plain_form(name).split()
    if len(words) > 1:
        words = [w for w in words if w not in ARTICLE_WORDS] or words
    return "".join(_word_skeleton(w) for w in words)


def without_articles(names) -> str:
    """The plain form of the first name given, without its articles: its first letter is
    compared ("Aitaroun" is not "Trun", though both skeletons are "trn")."""
    for name in names:
        words = plain_form(name).split()
        return " ".join([w for w in words if w not in ARTICLE_WORDS] or words)
    return ""


def _word_skeleton(word: str) -> str:
    for digraph, letter in _DIGRAPHS:
        word = word.replace(digraph, letter)
    word = _DOUBLE_RE.sub(r"\1", word)  # "Umm" is "Um", "Ruwwaba" is "Ruwaba"
    word = _SILENT_RE.sub("", word)  # "aw" is a vowel (Zawr, Zor); a final h is silent (Maskanah, Maskana)
    return word.translate(_VOWELS_OUT)


# Marks of a scholarly transliteration ("Kandahār", "Ţūbās"): English news spells these places
# without them, so their plain spelling is the name shown. Native accents ("Kraków") stay.
_TRANSLITERATION_MARKS = frozenset("āēīōūĀĒĪŌŪḩḨţŢşŞḑḐẓẒḍḌṭṬṣṢʼʻ‘’")


def display_name(name: str) -> str:
    return unidecode(name).replace("`", "'") if _TRANSLITERATION_MARKS.intersection(name) else name

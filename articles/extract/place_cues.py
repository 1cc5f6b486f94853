"""Small places by evidence: a capitalised name the main gazetteer lacks, with a place cue.

"near Bara", "the village of Hrodivka", "Ulang county", "Selydove and Hrodivka": the words
around a name say it is a place. Only then is the wide gazetteer asked (its 235 000 towns
would otherwise turn every other surname into a village); the resolver still wants the
place's country in the article.
"""

from __future__ import annotations

import re

from articles.extract.entity import NOT_PLACE, PLACE
from articles.extract.matching import Match, gazetteer_town
from articles.extract.names import (
    FACILITY_HEADS,
    NAMED_NOUNS,
    ORG_HEADS,
    PERSONAL_HONORIFICS,
    REGION_WORDS,
    SPEECH_VERBS,
    TITLES,
)
from articles.extract.tokens import Token
from articles.extract.wide_places import WidePlaces

MAX_PLACE_TOKENS = 4
_PLACE_NOUNS = (
    r"town|village|villages|city|camp|district|districts|area|region|province|state|county|township|locality"
    r"|municipality|outskirts|suburbs?|north|south|east|west|north-?east|north-?west|south-?east|south-?west"
)
# Before the name: a preposition or verb of place, or "<place noun> of", with "the" between.
CUE_BEFORE_RE = re.compile(
    r"(?:\b(?:in|near|from|outside|toward|towards|to|into|at|around|across|between|on|via|reached|entered|"
    r"captured|seized|recaptured|retook|shelled|bombed|struck|attacked|besieged|fled)"
    rf"|\b(?:{_PLACE_NOUNS})\s+of)\s+$",  # not "in the X": "the Strip", "the Gulf" are not towns
    re.IGNORECASE,
)
# "the village of X": said to be a place, whatever the gazetteer knows.
PLACE_NOUN_OF_RE = re.compile(
    r"\b(?:town|village|city|camp|district|locality|township|county|province|region|state)\s+of\s+$", re.IGNORECASE
)
# After the name: the kind of place it is ("Ulang county", "Zamzam displacement camp").
_TYPE_WORDS = frozenset(
    {"village", "villages", "town", "city", "district", "districts", "camp", "camps", "county", "counties"}
    | {"township", "townships", "locality", "municipality", "area", "region", "province", "state"}
    | {"governorate", "oblast", "neighbourhood", "neighborhood", "refugee", "displacement"}
)
# The last word of every cue before a name (checked before the regex is run).
_CUE_LAST_WORDS = frozenset(
    [
        "in",
        "near",
        "from",
        "outside",
        "toward",
        "towards",
        "to",
        "into",
        "at",
        "around",
        "across",
        "between",
        "on",
        "via",
        "reached",
        "entered",
        "captured",
        "seized",
        "recaptured",
        "retook",
        "shelled",
        "bombed",
        "struck",
        "attacked",
        "besieged",
        "fled",
        "of",
    ]
)


def with_wide_places(
    text: str, tokens: list[Token], found: dict[int, Match], wide: WidePlaces, common_words: frozenset[str]
) -> dict[int, Match]:
    """The matches plus the wide gazetteer's places for capitalised names with a place cue.

    A longer wide place replaces the one-word towns inside it: "Bani Suheila" is not Baní
    (Dominican Republic) followed by a word."""
    if not len(wide):
        return found
    towns = {start for start, m in found.items() if gazetteer_town(m) or _lone_not_place(m)}
    covered = {j for m in found.values() if m.start not in towns for j in range(m.start, m.stop)}
    place_ends = {m.stop for m in found.values() if m.entities[0].kind == PLACE}
    merged = dict(found)
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        if not token.capital or i in covered or token.text in TITLES or token.text in PERSONAL_HONORIFICS:
            i += 1
            continue
        match = _longest(text, tokens, i, covered, place_ends, wide, common_words)
        if match is None or (match.stop - match.start == 1 and i in towns):
            i += 1
            continue
        after = tokens[match.stop] if match.stop < n else None
        if after is not None and not after.break_before and after.key in REGION_WORDS:
            match.stop += 1  # "Upper Nile State" is Upper Nile
        for j in range(match.start, match.stop):
            merged.pop(j, None)
        merged[i] = match
        place_ends.add(match.stop)
        i = match.stop
    return merged


def named_as_place(text: str, start: int) -> bool:
    """Whether the name at `start` follows "the town/village/... of"."""
    return PLACE_NOUN_OF_RE.search(text, max(0, start - 30), start) is not None


def _lone_not_place(match: Match) -> bool:
    """ "Nile" alone is no place, but "Upper Nile" is."""
    return match.stop - match.start == 1 and match.entities[0].kind == NOT_PLACE


def _longest(
    text: str,
    tokens: list[Token],
    i: int,
    covered: set[int],
    place_ends: set[int],
    wide: WidePlaces,
    common_words: frozenset[str],
) -> Match | None:
    stop = i + 1
    while (
        stop < len(tokens)
        and stop - i < MAX_PLACE_TOKENS
        and stop not in covered
        and not tokens[stop].break_before
        and not tokens[stop - 1].possessive
        and (tokens[stop].capital or tokens[stop].particle)
    ):
        stop += 1
    cue_before = _cue_before(text, tokens, i)
    # "Selydove and Hrodivka": a name listed after a place is a place too (not after a comma:
    # "in Odesa, Oleh Kiper said").
    listed = (i in place_ends or i - 1 in place_ends) and i > 0 and tokens[i - 1].key in ("and", "or")
    cued_before = listed or cue_before is not None
    if not cued_before and not any(_type_word_after(tokens, end) for end in range(i + 1, stop + 1)):
        return None  # the usual case: no cue at all, nothing to look up
    for end in range(stop, i, -1):
        if tokens[end - 1].particle:
            continue  # a name does not end in "al" or "de"
        if end == i + 1 and tokens[i].text in common_words:
            continue  # "North" alone is a direction; "North Kivu" is a province
        cue_after = _type_word_after(tokens, end)
        if not (cued_before or cue_after) or (not cue_after and _names_something_else(tokens, end)):
            continue
        name = " ".join(t.text for t in tokens[i:end])
        entities = wide.lookup(name)
        if entities:
            if cue_after:
                cue = f"{name} {tokens[end].key}"
            else:
                cue = f"{cue_before.group().strip().lower()} {name}" if cue_before else f"listed with a place: {name}"
            return Match(i, end, entities, cue)
    return None


def _type_word_after(tokens: list[Token], end: int) -> bool:
    return end < len(tokens) and not tokens[end].break_before and tokens[end].key in _TYPE_WORDS


def _cue_before(text: str, tokens: list[Token], i: int) -> re.Match | None:
    """The place cue just before token i; the regex runs only when the word before may be one
    (most capitalised words follow no cue, and this runs for each of them)."""
    if i == 0 or tokens[i].break_before or tokens[i - 1].key not in _CUE_LAST_WORDS:
        return None
    return CUE_BEFORE_RE.search(text, max(0, tokens[i].start - 40), tokens[i].start)


def _names_something_else(tokens: list[Token], end: int) -> bool:
    """ "Nasser hospital", "St Michael's Monastery", "Kiper said": the name is not a place's."""
    if end >= len(tokens) or tokens[end].break_before:
        return False
    following = tokens[end]
    if tokens[end - 1].possessive:
        return following.capital
    return (
        following.key in ORG_HEADS
        or following.key in FACILITY_HEADS
        or following.key in NAMED_NOUNS
        or (following.key in SPEECH_VERBS)
    )

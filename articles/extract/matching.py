"""Phrase matching: the gazetteer's (and the editors') known phrases found in a token list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from articles.extract.gazetteer import HAND, PLACE, Entity
from articles.extract.names import REGION_WORDS
from articles.extract.tokens import Token, fold

BIG_CITY = 1_000_000


@dataclass
class Match:
    start: int  # token index
    stop: int
    entities: list[Entity]
    cue: str = ""  # the place cue a wide-gazetteer match was found by


def phrase_matches(
    tokens: list[Token],
    lookup: Callable[[str], list[Entity]],
    max_tokens: dict[str, int],
    lowercase_starts: set[str],
    overlay_max: dict[str, int],
    single_cache: dict[str, list[Entity]],
) -> dict[int, Match]:
    """Longest known phrase at each position, by start token; phrases never overlap."""
    found: dict[int, Match] = {}
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        if not token.capital and token.key not in lowercase_starts and token.key not in overlay_max:
            i += 1
            continue
        longest = max_tokens.get(token.key, 0)
        if not longest:
            i += 1
            continue
        # Phrases never cross punctuation or a possessive.
        limit = 1
        while limit < longest and i + limit < n and not tokens[i + limit].break_before:
            if tokens[i + limit - 1].possessive:
                break
            limit += 1
        match = None
        if limit > 1:
            keys = [t.key for t in tokens[i : i + limit]]
            for length in range(limit, 1, -1):
                phrase = lookup(" ".join(keys[:length]))
                if phrase:
                    span = tokens[i : i + length]
                    entities = [e for e in phrase if case_fits(e.surface, span)]
                    if entities:
                        match = Match(i, i + length, entities)
                        break
        if match is None:
            # One-word lookups repeat across an article ("Trump", "Kyiv"): remember them by spelling.
            entities = single_cache.get(token.text)
            if entities is None:
                entities = [e for e in lookup(token.key) if case_fits(e.surface, [token])]
                single_cache[token.text] = entities
            if entities:
                match = Match(i, i + 1, entities)
        if match is None:
            i += 1
            continue
        head = match.entities[0]
        after = tokens[match.stop] if match.stop < n else None
        if (
            head.kind == PLACE
            and after is not None
            and not after.break_before
            and after.key in REGION_WORDS
            and not tokens[match.stop - 1].possessive
        ):
            match.stop += 1  # "Odesa region" is Odesa
        found[i] = match
        i = match.stop
    return found


def gazetteer_town(match: Match) -> bool:
    """A one-word match known only to geonames (no hand-kept place, country or actor)."""
    return match.stop - match.start == 1 and all(
        e.kind == PLACE and e.origin > HAND and e.population < BIG_CITY for e in match.entities
    )


def fake_token(text: str) -> Token:
    return Token(text, fold(text), 0, len(text), text[:1].isupper(), False, False, False)


def case_fits(surface: str, span: list[Token]) -> bool:
    """Acronyms match exactly; names need a capital where the spelling has one."""
    first = span[0].text
    if len(span) == 1:
        if surface.isupper() and len(surface) > 1 or not surface[:1].isupper():
            return first == surface
        return first[:1].isupper() and (first == surface or first.isupper() or fold(first) == fold(surface))
    if surface[:1].isupper():
        return first[:1].isupper() and span[-1].text[:1].isupper() == _last_word(surface)[:1].isupper()
    return first == surface.split()[0]


def _last_word(surface: str) -> str:
    return surface.split()[-1]

"""Resolving one article's scan: which candidates are people, organisations and places.

Resolution needs the whole article: "Mr Trump" in one entry is the "Donald Trump" of another,
and a small town counts only when the article's countries make it plausible.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from unidecode import unidecode

from articles.extract.acronyms import expansions, is_fragment
from articles.extract.gazetteer import COUNTRY, DB, DEMONYM, HAND, ORG, WIDE, Entity, Gazetteer
from articles.extract.matching import BIG_CITY
from articles.extract.mentions import ActorMention, EntryEntities, LocationMention
from articles.extract.names import FIRST_NAME_HONORIFICS, PERSONAL_HONORIFICS, TITLES
from articles.extract.scan import ArticleScan
from articles.extract.spelling import plain_form, without_articles
from articles.extract.tokens import fold, phrase_key, without_arabic_article

# How alike (0..1, difflib's ratio of plain forms) the text's spelling and a wide place's name must be.
MIN_LIKENESS = 0.7


@dataclass
class Resolution:
    """Counts per text while an article is resolved; texts 0 and 1 are the headline and standfirst."""

    scan: ArticleScan
    gaz: Gazetteer
    person_aliases: dict[str, str]
    actors: list[Counter[tuple[str, str]]] = field(default_factory=list)
    # Keys are (name, kind, country, geonames id, latitude, longitude): tuples hash faster than mentions.
    locations: list[Counter[tuple]] = field(default_factory=list)
    dropped: set[tuple[str, int]] = field(default_factory=set)  # places that proved to be a first name
    by_surname: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_first: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    first_names: set[str] = field(default_factory=set)
    person_words: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)  # the article's countries
    why: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))  # (name, kind)

    def note(self, name: str, kind: str, evidence: str) -> None:
        self.why[(name, kind)].add(evidence)

    def __post_init__(self) -> None:
        self.actors = [Counter() for _ in self.scan.texts]
        self.locations = [Counter() for _ in self.scan.texts]


def resolve_article(
    scan: ArticleScan, gaz: Gazetteer, person_aliases: dict[str, str], entry_count: int
) -> list[EntryEntities]:
    """Entities per entry: full names, then lone words, organisations, countries, places."""
    state = Resolution(scan, gaz, person_aliases)
    _full_names(state)
    _single_words(state)
    org_countries = _organisations(state)
    _expanded_acronyms(state)
    _countries(state, org_countries)
    _places(state)
    return _per_entry(state, entry_count)


def _full_names(state: Resolution) -> None:
    """People with a full name somewhere in the article, under their best spelling."""
    scan, person_aliases = state.scan, state.person_aliases
    single_words = {fold(s.word) for s in scan.singles}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    accepted: list[tuple[int, str, str]] = []
    for name in scan.full_names:
        if name.needs_evidence and not (
            name.evidence
            or fold(name.words[-1]) in scan.honoured_words
            or fold(name.words[-1]) in single_words
            or phrase_key(" ".join(name.words)) in person_aliases
        ):
            continue
        if name.shadow is not None:
            state.dropped.add(name.shadow)
        key = name_key(name.words)
        spellings[key][" ".join(name.words)] += 1
        accepted.append((name.text_index, key, "title or speech verb" if name.needs_evidence else "full name"))
    canonical: dict[str, str] = {}
    for key, forms in spellings.items():
        known = next((person_aliases[phrase_key(f)] for f in forms if phrase_key(f) in person_aliases), None)
        canonical[key] = known or best_spelling(forms)
    for text_index, key, evidence in accepted:
        name = canonical[key]
        state.actors[text_index][(name, "person")] += 1
        state.note(name, "person", "known person" if name in person_aliases.values() else evidence)
        for surname in surname_keys(name):
            state.by_surname[surname][name] += 1
        first = name_key(name.split(maxsplit=1)[:1])
        state.by_first[first][name] += 1
        state.first_names.add(first)
    state.person_words = set(state.by_surname) | state.first_names


def _single_words(state: Resolution) -> None:
    """Lone capitalised words: a known person's surname or first name, or a titled stranger."""
    for single in state.scan.singles:
        key = name_key([single.word])
        word = single.word
        # "El-Burhan", "Al-Sharif": the article may be written with either vowel or dropped.
        bare = without_arabic_article(key)
        if bare and key not in state.by_surname and phrase_key(word) not in state.person_aliases:
            key, word = bare, word.split("-", 1)[1]
        name = _single_name(state, single, key, word)
        if name:
            state.actors[single.text_index][(name, "person")] += 1
            if single.honorific:
                state.note(name, "person", f"title {single.honorific}")
            if name != single.word:
                state.note(name, "person", f"{single.word} is {name}")
            state.person_words.add(key)


def _single_name(state: Resolution, single, key: str, word: str) -> str:
    by_surname, by_first, person_aliases = state.by_surname, state.by_first, state.person_aliases
    if single.honorific in FIRST_NAME_HONORIFICS and key in by_first:
        return by_first[key].most_common(1)[0][0]
    if key in by_surname:
        name = by_surname[key].most_common(1)[0][0]
        if single.known and single.known not in by_surname[key] and single.honorific in TITLES:
            return single.known  # "President Assad" is the president, not his brother named earlier
        return name
    if single.honorific in PERSONAL_HONORIFICS and len(by_first.get(key, ())) == 1:
        # "Dr Tedros", "Sheikh Tamim": patronymic naming, the honorific goes with the given name.
        return next(iter(by_first[key]))
    if single.known and key not in state.first_names:
        return single.known
    if phrase_key(word) in person_aliases and key not in state.first_names:
        return person_aliases[phrase_key(word)]
    if (
        single.honorific in PERSONAL_HONORIFICS
        and single.word not in state.gaz.common_words
        and fold(single.word) not in state.scan.lowercase_words
    ):
        return single.word
    return ""


def _organisations(state: Resolution) -> list[tuple[int, Entity]]:
    """Organisations under their canonical name; the countries their names open with."""
    org_countries: list[tuple[int, Entity]] = []
    for text_index, name in state.scan.orgs:
        canonical = _org_name(name, state.scan, state.gaz)
        state.actors[text_index][(canonical, "organisation")] += 1
        state.note(
            canonical,
            "organisation",
            "known organisation" if canonical != name else f"name ending in {name.split()[-1]}",
        )
        # "the Sudanese army", "Lebanese Armed Forces": the country the name opens with is named too.
        first = name.split()[0] if name.split() else ""
        for entity in state.gaz.phrases.get(phrase_key(first), []) if first[:1].isupper() else []:
            if entity.kind in (COUNTRY, DEMONYM) and entity.origin <= HAND and entity.country_code:
                org_countries.append((text_index, entity))
                break
    return org_countries


def _expanded_acronyms(state: Resolution) -> None:
    """ "Full Name (ACR)": one organisation, counted wherever ACR or Acr is written, and the
    pieces of its name found as persons or organisations dropped."""
    found = [e for text in state.scan.texts if "(" in text for e in expansions(text)]
    if not found:
        return
    for expansion in found:
        name = _known_org(expansion.name, state) or _known_org(expansion.acronym, state) or expansion.name
        written = re.compile(rf"\b(?:{re.escape(expansion.acronym)}|{re.escape(expansion.acronym.title())})\b")
        for text, actors in zip(state.scan.texts, state.actors, strict=True):
            count = len(written.findall(text))
            if count:
                actors[(name, "organisation")] = max(actors[(name, "organisation")], count)
                state.note(name, "organisation", f"{expansion.name} ({expansion.acronym})")
    for actors in state.actors:
        for name, kind in list(actors):
            if any(is_fragment(name, e) for e in found):
                del actors[(name, kind)]


def _known_org(name: str, state: Resolution) -> str:
    org = _org_name(name, state.scan, state.gaz)
    return org if org != name or any(e.kind == ORG for e in state.gaz.phrases.get(phrase_key(name), [])) else ""


def _org_name(name: str, scan: ArticleScan, gaz: Gazetteer) -> str:
    for entity in scan.overlay.get(phrase_key(name), []) or gaz.phrases.get(phrase_key(name), []):
        if entity.kind == ORG:
            return entity.name
    return name


def _countries(state: Resolution, org_countries: list[tuple[int, Entity]]) -> None:
    """Countries first: they are the context that makes a small town plausible."""
    countries = [(("countries", p), ti, e) for p, (ti, e) in enumerate(state.scan.countries)]
    countries += [(None, ti, e) for ti, e in org_countries]
    for position, text_index, entity in countries:
        if position in state.dropped:
            continue
        state.context.add(entity.country_code)
        name = state.gaz.country_names.get(entity.country_code, entity.name)
        state.locations[text_index][(name, "country", entity.country_code, None, None, None)] += 1
    # Hand-kept places that name one country only add to the context ("Tripoli" names two).
    for _, candidates, _, _ in state.scan.places:
        hand = {e.country_code for e in candidates if e.origin <= HAND}
        if len(hand) == 1:
            state.context |= hand


def _places(state: Resolution) -> None:
    gaz = state.gaz
    for position, (text_index, candidates, single_word, cue) in enumerate(state.scan.places):
        if ("places", position) in state.dropped:
            continue
        place = place_choice(candidates, state.context)
        if place is None:
            continue
        if (
            place.origin > HAND
            and single_word
            and (place.name in gaz.common_words or name_key([place.name]) in state.person_words)
        ):
            continue
        key = (place.name, place.place_kind or "city", place.country_code, place.geonames_id)
        state.locations[text_index][(*key, place.latitude, place.longitude)] += 1
        for evidence in _place_evidence(place, cue, state):
            state.note(place.name, place.country_code, evidence)


def _place_evidence(place: Entity, cue: str, state: Resolution) -> list[str]:
    source = {DB: "editors' alias", HAND: "hand-kept place", WIDE: "wide gazetteer"}.get(place.origin, "gazetteer")
    evidence = [source] + ([cue] if cue else [])
    if place.country_code in state.context:
        evidence.append(f"{state.gaz.country_names.get(place.country_code, place.country_code)} in the article")
    return evidence


def _per_entry(state: Resolution, entry_count: int) -> list[EntryEntities]:
    """The headline and standfirst belong to no entry; the opening entry carries them."""
    actors, locations = state.actors, state.locations
    if entry_count:
        for text_index in (0, 1):
            actors[2] += actors[text_index]
            locations[2] += locations[text_index]
    results = []
    for text_index in range(2, 2 + entry_count):
        results.append(
            EntryEntities(
                actors=[
                    ActorMention(name, kind, count, why=tuple(sorted(state.why.get((name, kind), ()))))
                    for (name, kind), count in actors[text_index].items()
                ],
                locations=[
                    LocationMention(
                        name, kind, code, count, geonames_id, latitude, longitude, why=_location_why(state, name, code)
                    )
                    for (name, kind, code, geonames_id, latitude, longitude), count in locations[text_index].items()
                ],
            )
        )
    return results


def _location_why(state: Resolution, name: str, code: str) -> tuple[str, ...]:
    return tuple(sorted(state.why.get((name, code), ())))


def name_key(words: list[str]) -> str:
    """Spelling-insensitive identity of a name: "Ursula Von der Leyen" == "Ursula von der Leyen"."""
    return " ".join(_word_key(w) for w in words)


@functools.lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    return unidecode(word).lower().replace("’", "'")


@functools.lru_cache(maxsize=65536)
def surname_keys(name: str) -> frozenset[str]:
    """The keys a lone word may use for this full name: "Leyen", "von der Leyen", "Assad"."""
    words = name.split()
    last = unidecode(words[-1]).lower()
    keys = {last}
    bare = without_arabic_article(last)
    if bare:
        keys.add(bare)
    lowered = [unidecode(w).lower() for w in words]
    for i in range(1, len(words) - 1):
        if words[i][:1].islower() or words[i] in ("Von", "Van", "Bin", "Al", "El"):
            keys.add(" ".join(lowered[i:]))
            break
    return frozenset(keys)


def best_spelling(spellings: Counter[str]) -> str:
    """The most frequent spelling; on a tie, the one with lowercase particles ("von der")."""
    if len(spellings) == 1:
        return next(iter(spellings))  # the usual case
    return max(spellings.items(), key=lambda kv: (kv[1], sum(c.islower() for w in kv[0].split() for c in w[:1])))[0]


def place_choice(candidates: list[Entity], context: set[str]) -> Entity | None:
    """Pick among same-named places: hand-kept first, then the article's countries, then size."""
    if candidates and candidates[0].origin == WIDE:
        return _wide_choice(candidates, context)
    hand = [e for e in candidates if e.origin <= HAND]
    if hand:
        in_context = [e for e in hand if e.country_code in context]
        return (in_context or hand)[0]
    in_context = [e for e in candidates if e.country_code in context]
    biggest = max(candidates, key=lambda e: e.population, default=None)
    if in_context:
        local = max(in_context, key=lambda e: e.population)
        # A metropolis outweighs a small namesake in a country the article happens to name
        # ("pressure on Moscow" in an article that names the US is not Moscow, Idaho).
        if biggest.population >= BIG_CITY and biggest.population >= 50 * max(local.population, 1):
            return biggest
        return local
    if biggest is not None and biggest.population >= BIG_CITY:
        return biggest
    return None


def _wide_choice(candidates: list[Entity], context: set[str]) -> Entity | None:
    """A place found by its spelling's skeleton: in one of the article's countries, and spelled
    most like the text ("Hrodivka" before "Hradivka"), then the biggest."""
    written = without_articles(e.surface for e in candidates[:1])
    ranked = [
        (_likeness(e.surface, e.name), e.population, e)
        for e in candidates
        if e.country_code in context and without_articles([e.name])[:1] == written[:1]
    ]
    ranked = [r for r in ranked if r[0] >= MIN_LIKENESS]
    return max(ranked, key=lambda r: r[:2])[2] if ranked else None


def _likeness(written: str, name: str) -> float:
    return round(SequenceMatcher(None, plain_form(written), plain_form(name)).ratio(), 1)

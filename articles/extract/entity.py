"""What the gazetteer knows a phrase to be: its kinds, sources and ranking."""

from __future__ import annotations

from dataclasses import dataclass

COUNTRY, DEMONYM, PLACE, ORG, PERSON, NOT_PLACE = "country", "demonym", "place", "organisation", "person", "not_place"
# Where a name comes from, most trusted first: editors' database aliases, hand-kept files, geonames.
# The wide gazetteer's towns come last: they need evidence in the text (articles.extract.wide_places).
DB, HAND, GEO, WIDE = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class Entity:
    kind: str  # one of the constants above
    name: str  # canonical
    surface: str  # the spelling this key came from (case rules apply to it)
    country_code: str = ""
    place_kind: str = ""  # city | region | other, for places
    population: int = 0
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    origin: int = GEO


KIND_ORDER = {NOT_PLACE: 0, ORG: 1, COUNTRY: 2, DEMONYM: 3, PERSON: 4, PLACE: 5}


def entity_rank(entity: Entity) -> tuple[int, int, int]:
    """Which reading of a phrase wins: the database's, then by kind, then the most trusted source."""
    return (0 if entity.origin == DB else 1, KIND_ORDER[entity.kind], entity.origin)

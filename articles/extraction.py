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

from dataclasses import dataclass, field


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
    """Finds entities in articles. Placeholder until the Extraction work lands: finds nothing."""

    def __init__(self, aliases: AliasTable | None = None):
        self.aliases = aliases or AliasTable()

    def extract_article(
        self, *, headline: str, standfirst: str, entries: list[tuple[str | None, str]]
    ) -> list[EntryEntities]:
        return [EntryEntities() for _ in entries]

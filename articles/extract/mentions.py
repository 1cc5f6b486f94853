"""What extraction hands the importer: mentions per entry, and the editors' alias table."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ActorMention:
    name: str
    kind: str  # "person" | "organisation"
    count: int = 1
    why: tuple[str, ...] = field(default=(), compare=False)  # the evidence: "given name", "in <place>" ...


@dataclass(frozen=True)
class LocationMention:
    name: str
    kind: str  # "country" | "region" | "city" | "other"
    country_code: str  # ISO 3166-1 alpha-2
    count: int = 1
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    why: tuple[str, ...] = field(default=(), compare=False)


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

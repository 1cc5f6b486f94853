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

from articles.extract.gazetteer import Entity, gazetteer
from articles.extract.mentions import ActorMention, AliasRecord, AliasTable, EntryEntities, LocationMention
from articles.extract.overlay import alias_overlay
from articles.extract.resolve import resolve_article
from articles.extract.scan import ArticleScan, is_terminal

__all__ = [
    "MAX_NAME_CHARS",
    "ActorMention",
    "AliasRecord",
    "AliasTable",
    "EntryEntities",
    "Extractor",
    "LocationMention",
]

# The name columns of Actor and Location (articles/models.py): a longer "name" is a run of
# text the scanner misread, and storing it would fail where a dry run said it was fine.
MAX_NAME_CHARS = 300


class Extractor:
    """Finds people, organisations, places and countries in an article's entries."""

    def __init__(self, aliases: AliasTable | None = None):
        self.aliases = aliases or AliasTable()
        self.gaz = gazetteer()
        self.overlay, self.overlay_max, self.person_aliases = alias_overlay(self.aliases, self.gaz)
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
        return [_storable(found) for found in resolve_article(scan, self.gaz, self.person_aliases, len(entries))]


def _storable(found: EntryEntities) -> EntryEntities:
    """Without names longer than their column (the same for a dry run, an import and reextract)."""
    return EntryEntities(
        actors=[a for a in found.actors if len(a.name) <= MAX_NAME_CHARS],
        locations=[loc for loc in found.locations if len(loc.name) <= MAX_NAME_CHARS],
    )

"""The editors' alias table as phrases: they win over the packaged gazetteer."""

from __future__ import annotations

from collections import defaultdict

from articles.extract.gazetteer import COUNTRY, DB, ORG, PERSON, PLACE, Entity, Gazetteer, entity_rank
from articles.extract.mentions import AliasTable
from articles.extract.tokens import phrase_key


def alias_overlay(
    aliases: AliasTable, gaz: Gazetteer
) -> tuple[dict[str, list[Entity]], dict[str, int], dict[str, str]]:
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

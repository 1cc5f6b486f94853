"""Copy the hand-kept spellings (articles/data/*.tsv) into the alias tables editors curate.

Idempotent: existing actors, places and aliases are found by name or alias (any case), slug or
geonames id and left as they are, so editors' renames survive; only what is missing is added (an
alias an editor deletes comes back while it is still in the file). `reextract` runs it first
(and `manage.py sync_aliases` runs it alone).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower

from articles.extract.gazetteer import PLACE, HandKeptName, gazetteer, hand_kept_names
from articles.extract.tokens import phrase_key
from articles.models import Actor, ActorAlias, Location, LocationAlias
from articles.services.entities import name_slug


@dataclass
class AliasSyncResult:
    actors_created: int = 0
    locations_created: int = 0
    aliases_created: int = 0


@transaction.atomic
def alias_files_sync() -> AliasSyncResult:
    """Create the canonical actors and places of the hand-kept files and add their aliases.

    In bulk (a dozen queries for some 300 records, not one round trip per lookup): every import
    run starts with it.
    """
    result = AliasSyncResult()
    records = hand_kept_names()
    actors = [r for r in records if r.kind in (Actor.Kind.PERSON, Actor.Kind.ORGANISATION)]
    places = [r for r in records if r.kind not in (Actor.Kind.PERSON, Actor.Kind.ORGANISATION)]
    actor_by_record = _actors_find_or_create(actors, result)
    result.aliases_created += _aliases_add(ActorAlias, "actor", actor_by_record)
    location_by_record = _locations_find_or_create(places, result)
    result.aliases_created += _aliases_add(LocationAlias, "location", location_by_record)
    return result


def _actors_find_or_create(records: list[HandKeptName], result: AliasSyncResult) -> list[tuple[HandKeptName, Actor]]:
    """Each record's actor: by name (any case) and kind, else by an alias (an editor may have
    renamed it, keeping the old name as an alias), else by slug, else a new one."""
    names = {r.canonical.lower() for r in records}
    by_name: dict[tuple[str, str], Actor] = {}
    for actor in Actor.objects.annotate(lname=Lower("name")).filter(lname__in=names):
        by_name.setdefault((actor.lname, actor.kind), actor)
    by_alias: dict[tuple[str, str], Actor] = {}
    aliases = ActorAlias.objects.annotate(lname=Lower("name")).filter(lname__in=names).select_related("actor")
    for alias in aliases.order_by("id"):
        by_alias.setdefault((alias.lname, alias.actor.kind), alias.actor)
    found = {}
    for record in records:
        key = (record.canonical.lower(), record.kind)
        if (actor := by_name.get(key) or by_alias.get(key)) is not None:
            found[record] = actor
    missing = [r for r in records if r not in found]
    by_slug = _by_slug(
        Actor,
        {name_slug(r.canonical): Actor(slug=name_slug(r.canonical), name=r.canonical, kind=r.kind) for r in missing},
    )
    result.actors_created += by_slug.created
    return [(r, found.get(r) or by_slug.rows[name_slug(r.canonical)]) for r in records]


def _locations_find_or_create(
    records: list[HandKeptName], result: AliasSyncResult
) -> list[tuple[HandKeptName, Location]]:
    """Each record's place: the country's own row, or a place of that name in that country, else the
    gazetteer's place by geonames id, else by slug, else a new one."""
    codes = {r.country_code for r in records}
    names = {r.canonical.lower() for r in records}
    countries: dict[str, Location] = {}
    by_name: dict[tuple[str, str], Location] = {}
    rows = Location.objects.annotate(lname=Lower("name")).filter(country_code__in=codes)
    for location in rows.filter(Q(kind=Location.Kind.COUNTRY) | Q(lname__in=names)):
        if location.kind == Location.Kind.COUNTRY:
            countries.setdefault(location.country_code, location)
        if location.lname in names:
            by_name.setdefault((location.lname, location.country_code), location)
    entities = {r: _gazetteer_place(r) for r in records}
    geonames_ids = {e.geonames_id for e in entities.values() if e is not None and e.geonames_id}
    by_geonames = {row.geonames_id: row for row in Location.objects.filter(geonames_id__in=geonames_ids)}
    found = {}
    for record in records:
        if record.kind == Location.Kind.COUNTRY:
            location = countries.get(record.country_code)
        else:
            location = by_name.get((record.canonical.lower(), record.country_code))
        entity = entities[record]
        if location is None and entity is not None and entity.geonames_id:
            location = by_geonames.get(entity.geonames_id)
        if location is not None:
            found[record] = location
    new = {}
    for record in records:
        if record not in found:
            entity = entities[record]
            new.setdefault(
                _location_slug(record),
                Location(
                    slug=_location_slug(record),
                    name=record.canonical,
                    kind=record.kind,
                    country_code=record.country_code,
                    geonames_id=entity.geonames_id if entity else None,
                    latitude=entity.latitude if entity else None,
                    longitude=entity.longitude if entity else None,
                ),
            )
    by_slug = _by_slug(Location, new)
    result.locations_created += by_slug.created
    return [(r, found.get(r) or by_slug.rows[_location_slug(r)]) for r in records]


def _location_slug(record: HandKeptName) -> str:
    return name_slug(record.canonical if record.kind == "country" else f"{record.canonical} {record.country_code}")


@dataclass
class _SlugRows:
    rows: dict
    created: int


def _by_slug(model, new_by_slug: dict) -> _SlugRows:
    """The rows with these slugs: existing ones as they are, the others inserted (a concurrent
    import may insert the same slug first: then its row is used)."""
    if not new_by_slug:
        return _SlugRows({}, 0)
    existing = set(model.objects.filter(slug__in=new_by_slug).values_list("slug", flat=True))
    to_create = [row for slug, row in new_by_slug.items() if slug not in existing]
    model.objects.bulk_create(to_create, ignore_conflicts=True)
    rows = {row.slug: row for row in model.objects.filter(slug__in=new_by_slug)}
    created = sum(1 for row in to_create if row.slug in rows and rows[row.slug].name == row.name)
    return _SlugRows(rows, created)


def _aliases_add(alias_model, field: str, pairs: list[tuple[HandKeptName, object]]) -> int:
    """Add each record's spellings its row does not have yet (nor as its own name); return how many."""
    known: dict[int, set[str]] = {}
    for owner_id, name in alias_model.objects.filter(**{f"{field}__in": {row.pk for _, row in pairs}}).values_list(
        field, "name"
    ):
        known.setdefault(owner_id, set()).add(name.lower())
    new = []
    for record, row in pairs:
        names = known.setdefault(row.pk, set())
        names.add(row.name.lower())
        for alias in _unique(record.aliases):
            if alias.lower() not in names:
                names.add(alias.lower())
                new.append(alias_model(**{field: row, "name": alias}))
    alias_model.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _gazetteer_place(record: HandKeptName):
    for entity in gazetteer().phrases.get(phrase_key(record.canonical), []):
        if entity.kind == PLACE and entity.country_code == record.country_code and entity.name == record.canonical:
            return entity
    return None


def _unique(aliases: tuple[str, ...]) -> list[str]:
    seen: dict[str, str] = {}
    for alias in aliases:
        seen.setdefault(alias.lower(), alias)
    return list(seen.values())

"""Store what extraction found: actors, locations and the entries' mentions of them.

Editors' work survives: mentions they added (`manual`) or struck out (`rejected`) are never
replaced; only `auto` mentions are rewritten. Actors and locations are found by current name,
alias or slug before a new one is made, and creation relies on unique slugs (safe when two
imports run at once).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models.functions import Lower
from django.utils.text import slugify
from unidecode import unidecode

from articles.extraction import ActorMention, EntryEntities, LocationMention
from articles.models import (
    Actor,
    ActorAlias,
    EntryActor,
    EntryLocation,
    Location,
    LocationAlias,
    MentionSource,
)
from articles.services.denorm import entry_denorm_refresh


def name_slug(name: str) -> str:
    return slugify(unidecode(name))[:300] or "unnamed"


def location_slug(mention: LocationMention) -> str:
    if mention.kind == Location.Kind.COUNTRY:
        return name_slug(mention.name)
    return name_slug(f"{mention.name} {mention.country_code}")


class ResolveCache:
    """Actors and places already resolved in this command run: {lower-cased key: row}.

    Rows enter the cache only when the file's transaction commits (a rolled-back file must not
    leave ids of rows that were never stored); creation stays race-safe through the unique slugs.
    """

    def __init__(self) -> None:
        self.actors: dict[tuple[str, str], Actor] = {}
        self.locations: dict[tuple[str, str, str], Location] = {}

    def __bool__(self) -> bool:
        return bool(self.actors or self.locations)

    def clear(self) -> None:
        """Forget every row (one of them was deleted since)."""
        self.actors.clear()
        self.locations.clear()

    def add_on_commit(self, *, actors: Mapping, locations: Mapping) -> None:
        """Remember these rows once the current transaction commits."""
        new_actors = {(name.lower(), kind): row for (name, kind), row in actors.items()}
        new_locations = {(name.lower(), kind, code): row for (name, kind, code), row in locations.items()}
        transaction.on_commit(lambda: (self.actors.update(new_actors), self.locations.update(new_locations)))


def _cached(wanted, cache: dict, key) -> tuple[dict, set]:
    hits = {w: row for w in wanted if (row := cache.get(key(w))) is not None}
    return hits, {w for w in wanted if w not in hits}


def actors_resolve(
    *, mentions: Iterable[ActorMention], cache: ResolveCache | None = None
) -> dict[tuple[str, str], Actor]:
    """Map (name, kind) to Actor rows, creating the missing ones."""
    wanted = {(m.name, m.kind) for m in mentions}
    if cache is not None:
        hits, wanted = _cached(wanted, cache.actors, lambda w: (w[0].lower(), w[1]))
        return hits | actors_resolve(mentions=(ActorMention(n, k) for n, k in wanted))
    if not wanted:
        return {}
    lowered = {name.lower() for name, _ in wanted}
    by_name: dict[tuple[str, str], Actor] = {}
    for actor in Actor.objects.annotate(lname=Lower("name")).filter(lname__in=lowered):
        by_name.setdefault((actor.name.lower(), actor.kind), actor)
    for alias in ActorAlias.objects.annotate(lname=Lower("name")).filter(lname__in=lowered).select_related("actor"):
        by_name.setdefault((alias.name.lower(), alias.actor.kind), alias.actor)

    missing = {(n, k) for n, k in wanted if (n.lower(), k) not in by_name}
    if missing:
        slugs = {(n, k): name_slug(n) for n, k in missing}
        # In slug order: concurrent importers then take the unique index's locks in one order.
        Actor.objects.bulk_create(
            [Actor(name=n, kind=k, slug=slugs[(n, k)]) for n, k in sorted(missing, key=slugs.get)],
            ignore_conflicts=True,
        )
        for actor in Actor.objects.filter(slug__in=set(slugs.values())):
            for key, slug in slugs.items():
                if slug == actor.slug:
                    by_name[(key[0].lower(), key[1])] = actor
    return {(n, k): by_name[(n.lower(), k)] for n, k in wanted if (n.lower(), k) in by_name}


def locations_resolve(
    *, mentions: Iterable[LocationMention], cache: ResolveCache | None = None
) -> dict[tuple[str, str, str], Location]:
    """Map (name, kind, country_code) to Location rows, creating the missing ones."""
    wanted = {(m.name, m.kind, m.country_code): m for m in mentions}
    if cache is not None:
        hits, missing = _cached(wanted, cache.locations, lambda w: (w[0].lower(), w[1], w[2]))
        return hits | locations_resolve(mentions=(wanted[key] for key in missing))
    if not wanted:
        return {}
    found: dict[tuple[str, str, str], Location] = {}
    countries = {m.country_code for m in wanted.values() if m.kind == Location.Kind.COUNTRY}
    country_rows = {c.country_code: c for c in Location.objects.countries().filter(country_code__in=countries)}
    lowered = {name.lower() for name, kind, _ in wanted if kind != Location.Kind.COUNTRY}
    named = {
        (loc.name.lower(), loc.country_code): loc
        for loc in Location.objects.annotate(lname=Lower("name")).filter(lname__in=lowered)
    }
    for alias in (
        LocationAlias.objects.annotate(lname=Lower("name")).filter(lname__in=lowered).select_related("location")
    ):
        named.setdefault((alias.name.lower(), alias.location.country_code), alias.location)

    to_create = []
    for key, mention in wanted.items():
        name, kind, code = key
        row = country_rows.get(code) if kind == Location.Kind.COUNTRY else named.get((name.lower(), code))
        if row is not None:
            found[key] = row
        else:
            to_create.append(
                Location(
                    name=name,
                    kind=kind,
                    country_code=code,
                    slug=location_slug(mention),
                    geonames_id=mention.geonames_id,
                    latitude=mention.latitude,
                    longitude=mention.longitude,
                )
            )
    if to_create:
        Location.objects.bulk_create(sorted(to_create, key=lambda loc: loc.slug), ignore_conflicts=True)
        by_slug = {loc.slug: loc for loc in Location.objects.filter(slug__in=[loc.slug for loc in to_create])}
        by_geo = {
            loc.geonames_id: loc
            for loc in Location.objects.filter(geonames_id__in=[x.geonames_id for x in to_create if x.geonames_id])
        }
        for key, mention in wanted.items():
            if key in found:
                continue
            row = by_geo.get(mention.geonames_id) or by_slug.get(location_slug(mention))
            if row is None and mention.kind == Location.Kind.COUNTRY:
                row = Location.objects.countries().filter(country_code=mention.country_code).first()
            if row is not None:
                found[key] = row
    return found


@dataclass
class ResolvedEntities:
    """One entry's mentions as row ids: {actor id: count}, {location id: count}, their countries."""

    actors: dict[int, int] = field(default_factory=dict)
    locations: dict[int, int] = field(default_factory=dict)
    countries: set[str] = field(default_factory=set)

    def denorm(self) -> tuple[list[int], list[int], list[str]]:
        """The arrays `entry_denorm_refresh` computes for an entry with only these (auto) mentions."""
        return sorted(self.actors), sorted(self.locations), sorted(c for c in self.countries if c)


def entities_resolve(*, entities: Sequence[EntryEntities], cache: ResolveCache | None = None) -> list[ResolvedEntities]:
    """Resolve each entry's mentions to actor/location ids (creating missing rows), in order."""
    actors = actors_resolve(mentions=(m for e in entities for m in e.actors), cache=cache)
    locations = locations_resolve(mentions=(m for e in entities for m in e.locations), cache=cache)
    if cache is not None:
        cache.add_on_commit(actors=actors, locations=locations)
    resolved = []
    for found in entities:
        row = ResolvedEntities()
        for mention in found.actors:
            if (actor := actors.get((mention.name, mention.kind))) is not None:
                row.actors[actor.pk] = row.actors.get(actor.pk, 0) + mention.count
        for mention in found.locations:
            location = locations.get((mention.name, mention.kind, mention.country_code))
            if location is not None:
                row.locations[location.pk] = row.locations.get(location.pk, 0) + mention.count
                row.countries.add(location.country_code)
        resolved.append(row)
    return resolved


def entry_mentions_write(*, resolved_by_entry: Mapping[int, ResolvedEntities], fresh: bool = False) -> None:
    """Write the entries' automatic mentions: one INSERT per table.

    `fresh` entries were inserted in this transaction and have no mentions yet; otherwise the
    old `auto` rows are replaced and editors' `manual`/`rejected` rows are kept as they are.
    """
    entry_ids = list(resolved_by_entry)
    kept_actor: set[tuple[int, int]] = set()
    kept_location: set[tuple[int, int]] = set()
    if not fresh and entry_ids:
        kept_actor = set(
            EntryActor.objects.filter(entry_id__in=entry_ids)
            .exclude(source=MentionSource.AUTO)
            .values_list("entry_id", "actor_id")
        )
        kept_location = set(
            EntryLocation.objects.filter(entry_id__in=entry_ids)
            .exclude(source=MentionSource.AUTO)
            .values_list("entry_id", "location_id")
        )
        EntryActor.objects.filter(entry_id__in=entry_ids, source=MentionSource.AUTO).delete()
        EntryLocation.objects.filter(entry_id__in=entry_ids, source=MentionSource.AUTO).delete()
    actor_rows = [
        (entry_id, actor_id, count)
        for entry_id, row in resolved_by_entry.items()
        for actor_id, count in row.actors.items()
        if (entry_id, actor_id) not in kept_actor
    ]
    location_rows = [
        (entry_id, location_id, count)
        for entry_id, row in resolved_by_entry.items()
        for location_id, count in row.locations.items()
        if (entry_id, location_id) not in kept_location
    ]
    _mentions_insert(EntryActor, "actor_id", actor_rows)
    _mentions_insert(EntryLocation, "location_id", location_rows)


def _mentions_insert(model, target: str, rows: list[tuple[int, int, int]]) -> None:
    """Insert (entry id, target id, count) rows as automatic mentions.

    Plain SQL with one array per column, sent as array literals ("{1,2}"): an import writes ~100
    mentions per article, and model instances (or psycopg adapting lists element by element)
    cost more Python time than PostgreSQL needs to store them.
    """
    if not rows:
        return
    entry_ids, target_ids, counts = ("{" + ",".join(map(str, column)) + "}" for column in zip(*rows, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {model._meta.db_table} (entry_id, {target}, count, source)"
            " SELECT e, t, c, %s FROM unnest(%s::bigint[], %s::bigint[], %s::integer[]) AS v(e, t, c)",
            [MentionSource.AUTO.value, entry_ids, target_ids, counts],
        )


def entry_entities_store(*, entities_by_entry: Mapping[int, EntryEntities]) -> None:
    """Replace the automatic mentions of these entries with what extraction found now."""
    if not entities_by_entry:
        return
    resolved = entities_resolve(entities=list(entities_by_entry.values()))
    entry_mentions_write(resolved_by_entry=dict(zip(entities_by_entry, resolved, strict=True)))
    entry_denorm_refresh(entry_ids=list(entities_by_entry))

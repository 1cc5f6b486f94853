"""Store what extraction found: actors, locations and the entries' mentions of them.

Editors' work survives: mentions they added (`manual`) or struck out (`rejected`) are never
replaced; only `auto` mentions are rewritten. Actors and locations are found by current name,
alias or slug before a new one is made, and creation relies on unique slugs (safe when two
imports run at once).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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


def actors_resolve(*, mentions: Iterable[ActorMention]) -> dict[tuple[str, str], Actor]:
    """Map (name, kind) to Actor rows, creating the missing ones."""
    wanted = {(m.name, m.kind) for m in mentions}
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
        Actor.objects.bulk_create(
            [Actor(name=n, kind=k, slug=slugs[(n, k)]) for n, k in missing], ignore_conflicts=True
        )
        for actor in Actor.objects.filter(slug__in=set(slugs.values())):
            for key, slug in slugs.items():
                if slug == actor.slug:
                    by_name[(key[0].lower(), key[1])] = actor
    return {(n, k): by_name[(n.lower(), k)] for n, k in wanted if (n.lower(), k) in by_name}


def locations_resolve(*, mentions: Iterable[LocationMention]) -> dict[tuple[str, str, str], Location]:
    """Map (name, kind, country_code) to Location rows, creating the missing ones."""
    wanted = {(m.name, m.kind, m.country_code): m for m in mentions}
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
        Location.objects.bulk_create(to_create, ignore_conflicts=True)
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


def entry_entities_store(*, entities_by_entry: Mapping[int, EntryEntities]) -> None:
    """Replace the automatic mentions of these entries with what extraction found now."""
    if not entities_by_entry:
        return
    entry_ids = list(entities_by_entry)
    actors = actors_resolve(mentions=(m for e in entities_by_entry.values() for m in e.actors))
    locations = locations_resolve(mentions=(m for e in entities_by_entry.values() for m in e.locations))

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

    actor_rows: dict[tuple[int, int], EntryActor] = {}
    location_rows: dict[tuple[int, int], EntryLocation] = {}
    for entry_id, entities in entities_by_entry.items():
        for mention in entities.actors:
            actor = actors.get((mention.name, mention.kind))
            if actor is None or (entry_id, actor.pk) in kept_actor:
                continue
            row = actor_rows.setdefault((entry_id, actor.pk), EntryActor(entry_id=entry_id, actor=actor, count=0))
            row.count += mention.count
        for mention in entities.locations:
            location = locations.get((mention.name, mention.kind, mention.country_code))
            if location is None or (entry_id, location.pk) in kept_location:
                continue
            row = location_rows.setdefault(
                (entry_id, location.pk), EntryLocation(entry_id=entry_id, location=location, count=0)
            )
            row.count += mention.count
    EntryActor.objects.bulk_create(actor_rows.values())
    EntryLocation.objects.bulk_create(location_rows.values())
    entry_denorm_refresh(entry_ids=entry_ids)

"""Copy the hand-kept spellings (articles/data/*.tsv) into the alias tables editors curate.

Idempotent: existing actors, places and aliases are found by name or alias (any case), slug or
geonames id and left as they are, so editors' renames survive; only what is missing is added (an
alias an editor deletes comes back while it is still in the file). `reextract` runs it first
(and `manage.py sync_aliases` runs it alone).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
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
    """Create the canonical actors and places of the hand-kept files and add their aliases."""
    result = AliasSyncResult()
    for record in hand_kept_names():
        if record.kind in (Actor.Kind.PERSON, Actor.Kind.ORGANISATION):
            _actor_sync(record, result)
        else:
            _location_sync(record, result)
    return result


def _actor_sync(record: HandKeptName, result: AliasSyncResult) -> None:
    actor = Actor.objects.annotate(lname=Lower("name")).filter(lname=record.canonical.lower(), kind=record.kind).first()
    if actor is None:  # an editor may have renamed it, keeping the old name as an alias
        alias = (
            ActorAlias.objects.annotate(lname=Lower("name"))
            .filter(lname=record.canonical.lower(), actor__kind=record.kind)
            .select_related("actor")
            .first()
        )
        actor = alias.actor if alias else None
    if actor is None:
        actor, created = Actor.objects.get_or_create(
            slug=name_slug(record.canonical), defaults={"name": record.canonical, "kind": record.kind}
        )
        result.actors_created += created
    known = {name.lower() for name in actor.aliases.values_list("name", flat=True)} | {actor.name.lower()}
    new = [ActorAlias(actor=actor, name=alias) for alias in _unique(record.aliases) if alias.lower() not in known]
    ActorAlias.objects.bulk_create(new)
    result.aliases_created += len(new)


def _location_sync(record: HandKeptName, result: AliasSyncResult) -> None:
    rows = Location.objects.filter(country_code=record.country_code)
    if record.kind == Location.Kind.COUNTRY:
        location = rows.filter(kind=Location.Kind.COUNTRY).first()
    else:
        location = rows.annotate(lname=Lower("name")).filter(lname=record.canonical.lower()).first()
    if location is None:
        entity = _gazetteer_place(record)
        if entity is not None and entity.geonames_id:
            location = Location.objects.filter(geonames_id=entity.geonames_id).first()
    if location is None:
        entity = _gazetteer_place(record)
        slug = name_slug(record.canonical if record.kind == "country" else f"{record.canonical} {record.country_code}")
        location, created = Location.objects.get_or_create(
            slug=slug,
            defaults={
                "name": record.canonical,
                "kind": record.kind,
                "country_code": record.country_code,
                "geonames_id": entity.geonames_id if entity else None,
                "latitude": entity.latitude if entity else None,
                "longitude": entity.longitude if entity else None,
            },
        )
        result.locations_created += created
    known = {name.lower() for name in location.aliases.values_list("name", flat=True)} | {location.name.lower()}
    new = [
        LocationAlias(location=location, name=alias) for alias in _unique(record.aliases) if alias.lower() not in known
    ]
    LocationAlias.objects.bulk_create(new)
    result.aliases_created += len(new)


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

"""A place's page: the place with its spellings."""

from __future__ import annotations

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q

from articles.models import Location, LocationAlias
from articles.selectors.actors import slugified


def place_with_aliases(*, slug: str) -> Location | None:
    """The place and its alias names (`alias_names`, sorted), in one query."""
    return (
        Location.objects.filter(slug=slug)
        .annotate(
            alias_names=ArrayAgg("aliases__name", order_by="aliases__name", filter=Q(aliases__isnull=False), default=[])
        )
        .first()
    )


def place_moved_to(*, slug: str) -> Location | None:
    """The place a known alias's address leads to (`/places/odessa-ua/` -> Odesa): a place's slug
    is its name and country (`services.entities.location_slug`), so the alias is read the same way."""
    name, _, code = slug.rpartition("-")
    if not name or len(code) != 2:
        name, code = slug, ""
    aliases = LocationAlias.objects.annotate(alias_slug=slugified("name")).filter(alias_slug=name)
    if code:
        aliases = aliases.filter(location__country_code__iexact=code)
    alias = aliases.select_related("location").order_by("-location__mention_count", "location_id").first()
    return alias.location if alias is not None else None

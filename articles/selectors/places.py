"""A place's page: the place with its spellings."""

from __future__ import annotations

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q

from articles.models import Location


def place_with_aliases(*, slug: str) -> Location | None:
    """The place and its alias names (`alias_names`, sorted), in one query."""
    return (
        Location.objects.filter(slug=slug)
        .annotate(
            alias_names=ArrayAgg("aliases__name", order_by="aliases__name", filter=Q(aliases__isnull=False), default=[])
        )
        .first()
    )

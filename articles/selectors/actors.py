"""A person's or organisation's page: aliases, mentions over time, company kept."""

from __future__ import annotations

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q

from articles.models import Actor


def actor_with_aliases(*, slug: str) -> Actor | None:
    """The actor and its alias names (`alias_names`, sorted), in one query."""
    return (
        Actor.objects.filter(slug=slug)
        .annotate(
            alias_names=ArrayAgg("aliases__name", order_by="aliases__name", filter=Q(aliases__isnull=False), default=[])
        )
        .first()
    )

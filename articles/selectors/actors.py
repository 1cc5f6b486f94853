"""A person's or organisation's page: aliases, mentions over time, company kept."""

from __future__ import annotations

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Func, Q, Value
from django.db.models.functions import Lower

from articles.models import Actor, ActorAlias, ActorRedirect


def actor_with_aliases(*, slug: str) -> Actor | None:
    """The actor and its alias names (`alias_names`, sorted), in one query."""
    return (
        Actor.objects.filter(slug=slug)
        .annotate(
            alias_names=ArrayAgg("aliases__name", order_by="aliases__name", filter=Q(aliases__isnull=False), default=[])
        )
        .first()
    )


def slugified(field: str) -> Func:
    """SQL for `slugify()` of ASCII text: runs of anything but letters and digits become one hyphen."""
    dashed = Func(Lower(field), Value("[^a-z0-9]+"), Value("-"), Value("g"), function="regexp_replace")
    return Func(dashed, Value("-"), function="btrim")


def actor_moved_to(*, slug: str) -> Actor | None:
    """The actor an address that is no longer one leads to: an old slug, or a known alias's slug."""
    redirect = ActorRedirect.objects.filter(old_slug=slug).select_related("actor").first()
    if redirect is not None:
        return redirect.actor
    alias = (
        ActorAlias.objects.annotate(alias_slug=slugified("name"))
        .filter(alias_slug=slug)
        .select_related("actor")
        .order_by("-actor__mention_count", "actor_id")
        .first()
    )
    return alias.actor if alias is not None else None

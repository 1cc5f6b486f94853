"""Editors' corrections to actors: merging two records of one person or organisation."""

from __future__ import annotations

from django.db import transaction
from django.db.models.functions import Lower

from articles.history import operation_history
from articles.models import Actor, ActorAlias, ActorRedirect, Entry, EntryActor, MentionSource
from articles.services.denorm import entry_denorm_refresh
from articles.services.facets import facet_counts_invalidate

# When both actors are linked to one entry, the editor's decision wins over extraction's.
_SOURCE_STRENGTH = {MentionSource.AUTO: 0, MentionSource.MANUAL: 1, MentionSource.REJECTED: 2}


def actor_merge(*, source: Actor, target: Actor) -> Actor:
    """Move every mention and alias of `source` to `target`, keep its name as an alias, delete it."""
    with operation_history("merge", merged=source.pk, into=target.pk), transaction.atomic():
        return _merge(source=source, target=target)


def _merge(*, source: Actor, target: Actor) -> Actor:
    if source.pk == target.pk:
        raise ValueError(f"cannot merge actor {source.pk} ({source.name}) into itself")
    if source.kind != target.kind:
        raise ValueError(
            f"cannot merge {source.get_kind_display().lower()} {source.name!r} into"
            f" {target.get_kind_display().lower()} {target.name!r}: they are different kinds"
        )
    Actor.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk").exists()

    moved = EntryActor.objects.filter(actor=source)
    entry_ids = list(moved.values_list("entry_id", flat=True))
    clashing = {m.entry_id: m for m in EntryActor.objects.filter(actor=target, entry_id__in=entry_ids)}
    for mention in moved.filter(entry_id__in=clashing):
        kept = clashing[mention.entry_id]
        kept.count += mention.count
        if _SOURCE_STRENGTH[mention.source] > _SOURCE_STRENGTH[kept.source]:
            kept.source = mention.source
        kept.save(update_fields=["count", "source"])
    moved.filter(entry_id__in=clashing).delete()
    moved.update(actor=target)

    taken = set(ActorAlias.objects.filter(actor=target).annotate(lname=Lower("name")).values_list("lname", flat=True))
    taken.add(target.name.lower())
    for alias in ActorAlias.objects.filter(actor=source):
        if alias.name.lower() in taken:
            alias.delete()
        else:
            alias.actor = target
            alias.save(update_fields=["actor"])
            taken.add(alias.name.lower())
    if source.name.lower() not in taken:
        ActorAlias.objects.create(actor=target, name=source.name)
    # The source's address (and the ones it inherited) keep leading to the survivor.
    ActorRedirect.objects.filter(actor=source).update(actor=target)
    ActorRedirect.objects.get_or_create(old_slug=source.slug, defaults={"actor": target})
    source.delete()

    entry_denorm_refresh(entry_ids=entry_ids)
    facet_counts_invalidate()
    target.mention_count = Entry.objects.canonical().filter(actor_ids__contains=[target.pk]).count()
    target.save(update_fields=["mention_count"])
    return target


def actor_slug_changed(*, actor: Actor, old_slug: str) -> None:
    """An editor renamed an actor's address: the old one redirects to it from now on."""
    if old_slug and old_slug != actor.slug:
        ActorRedirect.objects.update_or_create(old_slug=old_slug, defaults={"actor": actor})
    ActorRedirect.objects.filter(old_slug=actor.slug).delete()  # a live address is not a redirect

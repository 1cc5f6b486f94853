"""Undo an editor's change: every update one admin save made, put back as it was before."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from articles.history import operation_history
from articles.models import (
    Actor,
    ActorAlias,
    ActorRedirect,
    Article,
    Entry,
    EntryActor,
    EntryLocation,
    Location,
    LocationAlias,
)
from articles.selectors.history import context_changes
from articles.services.denorm import entry_denorm_refresh
from articles.services.facets import facet_counts_invalidate

REVERTIBLE = (Article, Entry, Actor, ActorAlias, ActorRedirect, Location, LocationAlias, EntryActor, EntryLocation)


@dataclass
class RevertResult:
    restored: dict[str, int] = field(default_factory=dict)  # model name: rows put back
    # Fields changed again since (by anyone): left as they are now, named here.
    kept: list[str] = field(default_factory=list)


def change_revert(*, context_id) -> RevertResult:
    """Put back what the updates of one context changed; the revert is itself recorded.

    A field changed again since is left alone (reported in `kept`): the revert never undoes
    a later correction. Rows the change inserted or deleted are not touched.
    """
    result = RevertResult()
    with operation_history("revert", reverts=str(context_id)), transaction.atomic():
        for model in REVERTIBLE:
            restored = [
                change.metadata["obj_id"]
                for change in context_changes(model=model, context_id=context_id)
                if _restore(model, change, result)
            ]
            if restored:
                result.restored[model._meta.verbose_name] = len(restored)
            if restored and model is Entry:
                entry_denorm_refresh(entry_ids=restored)  # its text may be back: the search vector too
        if result.restored:
            facet_counts_invalidate()
    return result


def _restore(model, change, result: RevertResult) -> bool:
    """Put back one event's old values where they still stand; whether anything was."""
    obj_id = change.metadata["obj_id"]
    current = model.objects.filter(pk=obj_id).values(*change.changes).first()
    if current is None:
        return False  # deleted since
    values = {}
    for name, (old, new) in change.changes.items():
        if current[name] == new:
            values[name] = old
        else:
            result.kept.append(f"{model._meta.verbose_name} {obj_id} {name}")
    if values:
        model.objects.filter(pk=obj_id).update(**values)
    return bool(values)

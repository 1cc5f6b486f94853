"""Reads of the recorded history: who changed what, which fields an editor corrected.

The triggers store a snapshot of the row after each insert and update (and before a delete);
what changed is the difference from the object's previous snapshot. Who changed it is in the
event's context (`articles/history.py`): an editor (`user`), a command, an operation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models.functions import MD5

from articles.history import COMMAND, OPERATION, REVERTS, USER

# What readers are told was corrected, and what a re-import leaves as an editor set it.
CORRECTABLE = {
    "article": ("headline", "standfirst", "published_on", "date_precision"),
    "entry": ("title", "body", "published_on", "date_precision"),
}
# Long text is compared by its digest: history reads never ship whole bodies.
_DIGESTED = {"body", "standfirst"}
_EVENT_FIELDS = {"pgh_id", "pgh_created_at", "pgh_label", "pgh_obj", "pgh_context", "id"}


def event_model(model: type[models.Model]) -> type[models.Model]:
    """The history table pghistory keeps for a tracked model (`ArticleEvent` for `Article`)."""
    return apps.get_model(model._meta.app_label, f"{model.__name__}Event")


def tracked_fields(model: type[models.Model]) -> list[str]:
    """The model's fields its history snapshots (attnames: `article_id`, not `article`)."""
    events = event_model(model)
    return [f.attname for f in events._meta.concrete_fields if f.name not in _EVENT_FIELDS]


@dataclass
class Change:
    """One recorded event of one object, with the fields it changed (old → new)."""

    event_id: int
    at: dt.datetime
    label: str  # insert | update | delete
    context_id: object
    metadata: dict
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)

    @property
    def by_editor(self) -> bool:
        return self.metadata.get(USER) is not None

    @property
    def is_revert(self) -> bool:
        return self.metadata.get(OPERATION) == "revert"

    @property
    def source(self) -> str:
        """Who made it, without naming an editor: editor, import, reextract, merge, shell…"""
        if self.by_editor:
            return "editor"
        return self.metadata.get(COMMAND) or self.metadata.get(OPERATION) or "unrecorded"


def _changes(rows: list[dict], names: list[str]) -> list[Change]:
    """Consecutive snapshots of one object (oldest first) turned into what each event changed."""
    result, previous = [], None
    for row in rows:
        change = Change(
            event_id=row["pgh_id"],
            at=row["pgh_created_at"],
            label=row["pgh_label"],
            context_id=row["pgh_context_id"],
            metadata=row["pgh_context__metadata"] or {},
        )
        if row["pgh_label"] == "update" and previous is not None:
            change.changes = {n: (previous[n], row[n]) for n in names if previous[n] != row[n]}
        result.append(change)
        previous = row
    return result


def _event_rows(model, obj_ids: Iterable[int], names: list[str], *, digest: bool):
    events = event_model(model).objects.filter(pgh_obj_id__in=list(obj_ids))
    if digest:
        events = events.annotate(**{f"{n}_digest": MD5(n) for n in names if n in _DIGESTED})
    columns = [f"{n}_digest" if digest and n in _DIGESTED else n for n in names]
    rows = events.order_by("pgh_obj_id", "pgh_id").values(
        "pgh_obj_id", "pgh_id", "pgh_created_at", "pgh_label", "pgh_context_id", "pgh_context__metadata", *columns
    )
    by_obj: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        for name, column in zip(names, columns, strict=True):
            row[name] = row[column]
        by_obj[row["pgh_obj_id"]].append(row)
    return by_obj


def object_history(*, model: type[models.Model], obj_id: int, limit: int = 30) -> list[Change]:
    """The latest `limit` events of one object, newest first, with old → new values."""
    names = tracked_fields(model)
    events = event_model(model).objects.filter(pgh_obj_id=obj_id).order_by("-pgh_id")
    newest = list(events.values_list("pgh_id", flat=True)[: limit + 1])
    if not newest:
        return []
    rows = (
        event_model(model)
        .objects.filter(pgh_obj_id=obj_id, pgh_id__gte=newest[-1])
        .order_by("pgh_id")
        .values("pgh_id", "pgh_created_at", "pgh_label", "pgh_context_id", "pgh_context__metadata", *names)
    )
    changes = _changes(list(rows), names)
    return list(reversed(changes[-limit:] if len(newest) > limit else changes))


def _editor_touched_ids(model, obj_ids: list[int]) -> list[int]:
    """The objects an editor wrote at least once (most were never touched: skip them cheaply)."""
    return list(
        event_model(model)
        .objects.filter(pgh_obj_id__in=obj_ids, pgh_context__metadata__has_key=USER)
        .exclude(pgh_context__metadata__user=None)
        .values_list("pgh_obj_id", flat=True)
        .distinct()
    )


def editor_corrections(*, model: type[models.Model], obj_ids: Iterable[int]) -> dict[int, dict[str, dt.datetime]]:
    """{object id: {field: when}} for the correctable fields whose latest change an editor made.

    A field an editor changed and later reverted (or that a later import changed back) is not
    listed: what stands is no longer the editor's.
    """
    names = list(CORRECTABLE[model._meta.model_name])
    ids = _editor_touched_ids(model, list(obj_ids))
    if not ids:
        return {}
    result: dict[int, dict[str, dt.datetime]] = {}
    for obj_id, rows in _event_rows(model, ids, names, digest=True).items():
        standing: dict[str, dt.datetime] = {}
        for change in _changes(rows, names):
            for name in change.changes:
                if change.by_editor and not change.is_revert:
                    standing[name] = change.at
                else:
                    standing.pop(name, None)
        if standing:
            result[obj_id] = standing
    return result


def context_changes(*, model: type[models.Model], context_id) -> list[Change]:
    """The updates one context (one admin save, one import) made to this model's rows."""
    names = tracked_fields(model)
    events = event_model(model).objects.filter(pgh_context_id=context_id, pgh_label="update")
    obj_ids = set(events.values_list("pgh_obj_id", flat=True))
    rows_by_obj = _event_rows(model, obj_ids, names, digest=False)
    found = []
    for obj_id, rows in rows_by_obj.items():
        for change in _changes(rows, names):
            if change.context_id == context_id and change.label == "update":
                change.metadata = {**change.metadata, "obj_id": obj_id}
                found.append(change)
    return found


def reverted_contexts(*, context_ids: Iterable[object]) -> set[str]:
    """Which of these contexts a later revert undid (their ids as strings)."""
    wanted = [str(c) for c in context_ids]
    Context = apps.get_model("pghistory", "Context")
    return set(
        Context.objects.filter(**{f"metadata__{REVERTS}__in": wanted}).values_list(f"metadata__{REVERTS}", flat=True)
    )

"""The history section of the admin's change forms, and its Revert button."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.text import Truncator

from articles.selectors.history import Change, object_history, reverted_contexts
from articles.services.revert import change_revert

_SHOWN = 20


@dataclass
class HistoryRow:
    change: Change
    who: str
    changes: list[tuple[str, str, str]]
    revert_url: str | None
    reverted: bool


def _shown(value) -> str:
    return "—" if value in (None, "") else Truncator(str(value)).chars(80)


def _who(change: Change, usernames: dict) -> str:
    if change.by_editor:
        name = usernames.get(change.metadata["user"], f"user {change.metadata['user']}")
        return f"{name} (revert)" if change.is_revert else name
    return change.source


class HistoryAdminMixin:
    """Lists an object's recorded changes on its change form; an editor's update can be reverted."""

    def history_rows(self, request, obj_id: int) -> list[HistoryRow]:
        changes = object_history(model=self.model, obj_id=obj_id, limit=_SHOWN)
        users = {c.metadata["user"] for c in changes if c.by_editor}
        usernames = dict(get_user_model().objects.filter(pk__in=users).values_list("pk", "username"))
        done = reverted_contexts(context_ids=[c.context_id for c in changes if c.by_editor and c.context_id])
        can_revert = self.has_change_permission(request)
        opts = self.model._meta
        rows = []
        for change in changes:
            revertible = can_revert and change.by_editor and change.label == "update" and not change.is_revert
            revertible = revertible and change.context_id is not None
            route = f"admin:{opts.app_label}_{opts.model_name}_revert"
            url = reverse(route, args=[obj_id, change.context_id]) if revertible else None
            rows.append(
                HistoryRow(
                    change=change,
                    who=_who(change, usernames),
                    changes=[(name, _shown(old), _shown(new)) for name, (old, new) in change.changes.items()],
                    revert_url=url if str(change.context_id) not in done else None,
                    reverted=str(change.context_id) in done,
                )
            )
        return rows

    def get_urls(self):
        opts = self.model._meta
        revert = path(
            "<int:object_id>/revert/<uuid:context_id>/",
            self.admin_site.admin_view(self.revert_view),
            name=f"{opts.app_label}_{opts.model_name}_revert",
        )
        return [revert, *super().get_urls()]

    def revert_view(self, request, object_id, context_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, str(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            return HttpResponseRedirect(reverse("admin:index"))
        result = change_revert(context_id=context_id)
        if result.restored:
            done = ", ".join(f"{n} {name}" for name, n in result.restored.items())
            self.message_user(request, f"Reverted: {done} put back as before.", messages.SUCCESS)
        else:
            self.message_user(request, "Nothing to revert: every field was changed again since.", messages.WARNING)
        if result.kept:
            self.message_user(request, "Changed again since, so kept: " + "; ".join(result.kept), messages.WARNING)
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[object_id]))

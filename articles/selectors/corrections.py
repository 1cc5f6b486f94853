"""What readers are told about corrections: dated notes, and an article's public history.

Editors are never named here: the public sees "an editor", the admin sees who.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max

from articles.history import COMMAND, OPERATION, USER
from articles.models import ArticleEvent, EntryEvent
from articles.selectors.reading import read_cursor

# One query: the latest time an editor changed the headline, standfirst or date of the article,
# or the title, text or date of its entries (an event differing from the row's previous one).
# Only entries an editor ever wrote are windowed, so the cost follows the corrections, not the
# article's size.
_CORRECTED_SQL = """
SELECT ev.kind, ev.obj, max(ev.at) FROM (
    SELECT 'article' AS kind, pgh_obj_id AS obj, pgh_created_at AS at, pgh_label, pgh_context_id,
        (headline IS DISTINCT FROM lag(headline) OVER w
         OR md5(standfirst) IS DISTINCT FROM lag(md5(standfirst)) OVER w
         OR published_on IS DISTINCT FROM lag(published_on) OVER w
         OR date_precision IS DISTINCT FROM lag(date_precision) OVER w) AS changed
    FROM articles_articleevent WHERE pgh_obj_id = %(article)s
    WINDOW w AS (ORDER BY pgh_id)
    UNION ALL
    SELECT 'entry', pgh_obj_id, pgh_created_at, pgh_label, pgh_context_id,
        (title IS DISTINCT FROM lag(title) OVER w
         OR md5(body) IS DISTINCT FROM lag(md5(body)) OVER w
         OR published_on IS DISTINCT FROM lag(published_on) OVER w
         OR date_precision IS DISTINCT FROM lag(date_precision) OVER w)
    FROM articles_entryevent
    WHERE pgh_obj_id IN (
        SELECT e.pgh_obj_id FROM articles_entryevent e JOIN pghistory_context c ON c.id = e.pgh_context_id
        WHERE (e.article_id = %(article)s OR e.pgh_obj_id = %(entry)s) AND c.metadata ->> 'user' IS NOT NULL)
    WINDOW w AS (PARTITION BY pgh_obj_id ORDER BY pgh_id)
) ev JOIN pghistory_context c ON c.id = ev.pgh_context_id
WHERE ev.changed AND ev.pgh_label = 'update' AND c.metadata ->> 'user' IS NOT NULL
GROUP BY ev.kind, ev.obj
"""


@dataclass
class CorrectionNotes:
    """When an editor last corrected the article, and each of its entries that was."""

    article: dt.datetime | None = None
    entries: dict[int, dt.datetime] = field(default_factory=dict)

    @property
    def latest(self) -> dt.datetime | None:
        return max([*self.entries.values(), *([self.article] if self.article else [])], default=None)

    @property
    def summary(self) -> str:
        """What the article page's note says was corrected ("this article and 2 of its entries")."""
        parts = (["this article"] if self.article else []) + (
            [f"{len(self.entries)} of its entries" if len(self.entries) > 1 else "one of its entries"]
            if self.entries
            else []
        )
        return " and ".join(parts)


def correction_notes(*, article_id: int | None = None, entry_id: int | None = None) -> CorrectionNotes:
    """The "Corrected" notes of an article page (the article and its entries) or of an entry page."""
    notes = CorrectionNotes()
    with read_cursor(ArticleEvent) as cursor:
        cursor.execute(_CORRECTED_SQL, {"article": article_id, "entry": entry_id})
        for kind, obj_id, at in cursor.fetchall():
            if kind == "article":
                notes.article = at
            else:
                notes.entries[obj_id] = at
    return notes


@dataclass
class HistoryLine:
    """One thing that happened to an article: an import, a re-import, an editor's correction."""

    at: dt.datetime
    what: str  # imported | updated | corrected | reverted | other
    by: str  # "the importer", "an editor", a command's name
    article_changed: bool = False
    entries: dict[str, int] = field(default_factory=dict)  # insert/update/delete: how many entries

    @property
    def summary(self) -> str:
        """The line readers see ("Updated by a re-import: 2 entries added, 1 removed")."""
        added, removed, changed = (self.entries.get(label, 0) for label in ("insert", "delete", "update"))
        if self.what == "imported":
            return f"Imported with {_entries(added)}"
        if self.what == "updated":
            parts = [f"{_entries(added)} added" if added else "", f"{_entries(removed)} removed" if removed else ""]
            return "Updated by a re-import of its file" + (
                ": " + ", ".join(p for p in parts if p) if any(parts) else ""
            )
        if self.what in ("corrected", "reverted"):
            touched = (["the article"] if self.article_changed else []) + ([_entries(changed)] if changed else [])
            verb = "Corrected by an editor" if self.what == "corrected" else "An editor reverted a correction"
            return verb + (": " + " and ".join(touched) if touched else "")
        return f"Changed by {self.by}"


def _entries(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


_LIMIT = 200  # contexts shown: a lifetime of corrections; an import is one


def _what(metadata: dict, article_labels: set[str]) -> tuple[str, str]:
    if metadata.get(USER) is not None:
        return ("reverted" if metadata.get(OPERATION) == "revert" else "corrected"), "an editor"
    if metadata.get(OPERATION) == "import":
        return ("imported" if "insert" in article_labels else "updated"), "the importer"
    return "other", metadata.get(COMMAND) or metadata.get(OPERATION) or "the database"


def article_history(*, article_id: int) -> list[HistoryLine]:
    """What happened to an article and its entries, newest first, one line per change."""
    grouped: dict[object, dict] = {}
    for model, filters in ((ArticleEvent, {"pgh_obj_id": article_id}), (EntryEvent, {"article_id": article_id})):
        rows = (
            model.objects.filter(**filters)
            .values("pgh_context_id", "pgh_label", "pgh_context__metadata")
            .annotate(n=Count("pgh_id"), at=Max("pgh_created_at"))
            .order_by("-at")[: _LIMIT * 3]
        )
        for row in rows:
            key = row["pgh_context_id"] or (model, row["pgh_label"], row["at"])
            group = grouped.setdefault(key, {"at": row["at"], "metadata": row["pgh_context__metadata"] or {}})
            group["at"] = max(group["at"], row["at"])
            group.setdefault(model, {})[row["pgh_label"]] = row["n"]
    lines = []
    for group in grouped.values():
        article_labels = set(group.get(ArticleEvent, {}))
        what, by = _what(group["metadata"], article_labels)
        lines.append(HistoryLine(group["at"], what, by, bool(article_labels), group.get(EntryEvent, {})))
    return sorted(lines, key=lambda line: line.at, reverse=True)[:_LIMIT]

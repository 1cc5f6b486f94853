"""A re-import leaves what editors corrected as they left it; the history says what that is."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from articles.models import Article, Entry
from articles.parsing import ParsedArticle
from articles.selectors.history import editor_corrections


@dataclass
class ImportCorrections:
    """The fields editors corrected (history says which) that a re-import must not overwrite."""

    article: set[str]
    entries: dict[int, set[str]]  # entry id: fields
    positions: dict[int, int]  # entry id: position before this import

    def kept(self, *, entry_ids: set[int]) -> list[dict[str, Any]]:
        """The report's `corrections_kept`: the article's, and those of the entries still in the file."""
        kept: list[dict[str, Any]] = [{"entry_id": None, "position": None, "field": n} for n in sorted(self.article)]
        for entry_id, names in sorted(self.entries.items()):
            if entry_id in entry_ids:
                position = self.positions[entry_id]
                kept += [{"entry_id": entry_id, "position": position, "field": n} for n in sorted(names)]
        return kept

    def lost(self, *, entry_ids: set[int]) -> list[str]:
        """Warnings for corrected entries the new file no longer has (they are removed with it)."""
        return [
            f"entry {entry_id} (position {self.positions[entry_id]}) had an editor's correction"
            f" of {', '.join(sorted(names))} and is no longer in the file"
            for entry_id, names in sorted(self.entries.items())
            if entry_id not in entry_ids
        ]


def import_corrections(*, article: Article) -> ImportCorrections:
    """What editors corrected in this article and its entries, by field."""
    positions = dict(Entry.objects.filter(article=article).values_list("id", "position"))
    entries = editor_corrections(model=Entry, obj_ids=positions)
    return ImportCorrections(
        article=set(editor_corrections(model=Article, obj_ids=[article.pk]).get(article.pk, {})),
        entries={entry_id: set(fields) for entry_id, fields in entries.items()},
        positions=positions,
    )


def dated_as_corrected(*, parsed: ParsedArticle, article: Article, corrected: set[str]) -> ParsedArticle:
    """The file as parsed, but dated as an editor dated the article (its entries follow)."""
    if not corrected & {"published_on", "date_precision"}:
        return parsed
    return dataclasses.replace(parsed, published_on=article.published_on, date_precision=article.date_precision)

"""Exports in capped pages: at most `limit` rows a response, the next page found by keyset.

A million-row CSV cannot finish inside one worker's time, so an export stops after `limit` rows
and names where the next one starts (`after=<date>.<id>`, or `undated.<id>`). For the date sorts
a page reads the date index from that key on, dated entries first and then the undated ones
(the order of `/entries/`), so its cost does not grow with how far into the result it starts.
Relevance ranks every match, so it has no key to continue from: its export is the first `limit`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import BooleanField, F, QuerySet
from django.db.models.expressions import RawSQL

from articles.models import Entry
from articles.querysets import UNDATED_EXCLUDE, UNDATED_ONLY
from articles.selectors.entries import EntryFilters, entries_filter, entries_ordered

EXPORT_FIELDS = (
    "id",
    "published_on",
    "date_precision",
    "published_time",
    "time_zone",
    "title",
    "body",
    "article_id",
    "article_headline",
    "article_publisher",
    "article_byline",
    "people",
    "organisations",
    "places",
    "countries",
    "duplicate_of_id",
)


def _names_sql(table: str, column: str, condition: str = "") -> RawSQL:
    # A correlated array per row keeps the export one streaming query, whatever its size.
    return RawSQL(
        f"ARRAY(SELECT t.name FROM {table} t WHERE t.id = ANY(articles_entry.{column}) {condition} ORDER BY t.name)",
        [],
    )


_TOKEN = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2}|undated)\.(?P<id>\d{1,18})")
# The date index's order, as a row comparison PostgreSQL reads as an index range. Fixed text:
# only the key's values are parameters.
_AFTER_SQL = {
    "newest": "(articles_entry.published_on, articles_entry.id) < (%s, %s)",
    "oldest": "(articles_entry.published_on, articles_entry.id) > (%s, %s)",
}
_BAD_KEY = "must be the value of a previous export's next link, e.g. after=2024-03-01.1234."


@dataclass(frozen=True)
class ExportKey:
    """Where an export page ended: the last row's date (None: undated) and id."""

    published_on: datetime.date | None
    id: int

    @property
    def token(self) -> str:
        day = self.published_on.isoformat() if self.published_on else "undated"
        return f"{day}.{self.id}"


def export_key_parse(raw: str) -> ExportKey:
    """`2024-03-01.123` or `undated.123` as a key; ValueError with a message otherwise."""
    match = _TOKEN.fullmatch(raw.strip())
    if not match:
        raise ValueError(_BAD_KEY)
    try:
        day = None if match["day"] == "undated" else datetime.date.fromisoformat(match["day"])
    except ValueError:  # 2024-02-30
        raise ValueError(_BAD_KEY) from None
    return ExportKey(published_on=day, id=int(match["id"]))


@dataclass
class ExportPage:
    rows: Iterator[dict]
    # The key to continue from (None: this page ends the export) and whether rows were left out.
    next_key: ExportKey | None
    truncated: bool


def _export_values(entries: QuerySet[Entry]) -> QuerySet:
    return entries.annotate(
        article_headline=F("article__headline"),
        article_publisher=F("article__publisher"),
        article_byline=F("article__byline"),
        people=_names_sql("articles_actor", "actor_ids", "AND t.kind = 'person'"),
        organisations=_names_sql("articles_actor", "actor_ids", "AND t.kind <> 'person'"),
        places=_names_sql("articles_location", "location_ids"),
        countries=F("country_codes"),
    ).values(*EXPORT_FIELDS)


def _date_parts(filters: EntryFilters, after: ExportKey | None) -> list[QuerySet[Entry]]:
    """The dated then the undated matches after `after`, each in index order."""
    sort = filters.effective_sort
    newest = sort == "newest"
    entries = entries_filter(filters=filters)
    dated = entries.filter(published_on__isnull=False).order_by(
        *(("-published_on", "-id") if newest else ("published_on", "id"))
    )
    undated = entries.filter(published_on__isnull=True).order_by("-id" if newest else "id")
    if after is not None and after.published_on is None:
        return [undated.filter(**{"id__lt" if newest else "id__gt": after.id})]
    if after is not None:
        beyond = RawSQL(_AFTER_SQL[sort], [after.published_on, after.id], output_field=BooleanField())
        dated = dated.filter(beyond)
    # A part the filters leave empty is not queried at all.
    if filters.undated == UNDATED_ONLY:
        return [undated]
    if filters.has_dates or filters.undated == UNDATED_EXCLUDE:
        return [dated]
    return [dated, undated]


def _more_than(parts: list[QuerySet[Entry]], limit: int) -> bool:
    """Whether the parts hold more than `limit` rows (one query, reading `limit` + 1 at most)."""
    keys = [part.values_list("id")[: limit + 1] for part in parts]
    return (keys[0].union(*keys[1:], all=True) if len(keys) > 1 else keys[0]).count() > limit


def _key_at(parts: list[QuerySet[Entry]], index: int) -> ExportKey | None:
    """The key of the row at `index` of the parts read one after another (offset `index` at most)."""
    for part in parts:
        keys = part.values_list("published_on", "id")
        found = list(keys[index : index + 1])
        if found:
            return ExportKey(*found[0])
        index -= keys[:index].count()
    return None


def _chained(parts: list[QuerySet[Entry]], limit: int, chunk_size: int) -> Iterator[dict]:
    left = limit
    for part in parts:
        for row in _export_values(part)[:left].iterator(chunk_size=chunk_size):
            left -= 1
            yield row
        if left <= 0:
            return


def export_page(*, filters: EntryFilters, after: ExportKey | None, limit: int, chunk_size: int = 2000) -> ExportPage:
    """The first `limit` matching rows from `after` on (streamed), and the key of the next page."""
    if filters.effective_sort == "relevance":
        ranked = entries_ordered(entries=entries_filter(filters=filters), filters=filters)
        truncated = ranked[limit : limit + 1].exists()
        rows = _export_values(ranked)[:limit].iterator(chunk_size=chunk_size)
        return ExportPage(rows=rows, next_key=None, truncated=truncated)
    parts = _date_parts(filters, after)
    if not _more_than(parts, limit):
        return ExportPage(rows=_chained(parts, limit, chunk_size), next_key=None, truncated=False)
    return ExportPage(rows=_chained(parts, limit, chunk_size), next_key=_key_at(parts, limit - 1), truncated=True)

"""Stream the filtered entries as CSV or JSON, row by row (bounded memory), and the Atom feed."""

from __future__ import annotations

import csv
import datetime
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError
from django.http import HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from articles.filters import EntryFilterSet
from articles.links import entries_url
from articles.querystring import querystring_set
from articles.selectors.entries import EntryFilters, EntryRow, entry_page
from articles.selectors.export_pages import EXPORT_FIELDS, ExportKey, export_key_parse

logger = logging.getLogger("articles.exports")

CSV_COLUMNS = (*EXPORT_FIELDS, "url")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A CSV cell: lists joined by "; ", dates ISO, formula-like text prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


class _Echo:
    """csv.writer needs a file; this one hands each line straight back."""

    def write(self, value: str) -> str:
        return value


INCOMPLETE = "EXPORT INCOMPLETE: the database stopped this export here; the rows above are not all of them."


def rows_started(rows: Iterable[dict]) -> Iterator[dict]:
    """Run the export's query now, before the response starts, so that its failure (a timeout,
    a value the database refuses) still gets an error status instead of a 200 with a header."""
    rows = iter(rows)
    first = next(rows, None)
    return _then(first, rows)


def _then(first: dict | None, rows: Iterator[dict]) -> Iterator[dict]:
    # A generator, so that closing the response (a client gone) closes the database cursor now.
    try:
        if first is not None:
            yield first
        yield from rows
    finally:
        if hasattr(rows, "close"):
            rows.close()


def _fail_loudly(lines: Iterator[str], failure_line: str) -> Iterator[str]:
    # Once the status is sent a failure cannot change it: end the body with a line no valid
    # export has, then let the error abort the transfer (no closing chunk: clients report it).
    try:
        yield from lines
    except DatabaseError:
        logger.exception("Export failed after it had started")
        yield failure_line
        raise


def _csv_lines(rows: Iterable[dict], entry_url_prefix: str) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)  # BOM: spreadsheets then read UTF-8 correctly
    for row in rows:
        cells = [csv_cell(row[name]) for name in EXPORT_FIELDS]
        yield writer.writerow([*cells, f"{entry_url_prefix}{row['id']}/"])


def csv_lines(*, rows: Iterable[dict], entry_url_prefix: str) -> Iterator[str]:
    """The header, then one CSV line per row, produced lazily; a failure ends it with INCOMPLETE."""
    return _fail_loudly(_csv_lines(rows, entry_url_prefix), f"\r\n# {INCOMPLETE}\r\n")


def _json_chunks(rows: Iterable[dict], entry_url_prefix: str) -> Iterator[str]:
    yield "["
    separator = "\n"
    for row in rows:
        row = {**row, "url": f"{entry_url_prefix}{row['id']}/"}
        yield separator + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def json_chunks(*, rows: Iterable[dict], entry_url_prefix: str) -> Iterator[str]:
    """A JSON array of entry objects, produced lazily; a failure leaves it unclosed, INCOMPLETE."""
    return _fail_loudly(_json_chunks(rows, entry_url_prefix), f"\n{INCOMPLETE}\n")


def filters_or_error(filterset: EntryFilterSet) -> tuple[EntryFilters | None, str]:
    """The validated filters, or a plain-text message naming each bad parameter."""
    filters = filterset.entry_filters
    if filters is not None:
        return filters, ""
    lines = [f"{name}: {message}" for name, messages in filterset.form.errors.items() for message in messages]
    return None, "Invalid query string:\n" + "\n".join(lines) + "\n"


def export_key_or_error(raw: str | None, filters: EntryFilters) -> tuple[ExportKey | None, str]:
    """The `after=` key of a continued export, or a plain-text message naming the parameter."""
    if raw is None:
        return None, ""
    if filters.effective_sort == "relevance":
        return None, "Invalid query string:\nafter: only an export sorted by date (newest or oldest) continues.\n"
    try:
        return export_key_parse(raw), ""
    except ValueError as error:
        return None, f"Invalid query string:\nafter: {error}\n"


class EntriesFeed(Feed):
    """The latest entries of the filtered view as Atom (same query string as /entries/)."""

    feed_type = Atom1Feed
    limit = 50

    def __call__(self, request, *args, **kwargs):
        # Django's own 400 page drops the message: a feed reader's user needs the parameter named.
        try:
            return super().__call__(request, *args, **kwargs)
        except BadRequest as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")

    def get_object(self, request):
        filters, error = filters_or_error(EntryFilterSet(request.GET))
        if filters is None:
            raise BadRequest(error)
        self.request = request
        return filters

    def title(self, obj: EntryFilters) -> str:
        return "Conflict news archive — latest entries"

    def subtitle(self, obj: EntryFilters) -> str:
        return "Entries matching the filters of the page this feed was linked from."

    def link(self, obj: EntryFilters) -> str:
        query = querystring_set(self.request.GET)
        return entries_url() + (query if query != "?" else "")

    def items(self, obj: EntryFilters) -> list[EntryRow]:
        # A feed is always the latest entries, whatever the page's sort.
        return entry_page(filters=replace(obj, sort="newest"), offset=0, limit=self.limit)

    def item_title(self, item: EntryRow) -> str:
        return item.entry.title or Truncator(item.entry.body).words(12) or f"Entry {item.entry.pk}"

    def item_description(self, item: EntryRow) -> str:
        # Atom summaries are HTML: the untrusted text is escaped so it shows as text.
        return escape(Truncator(item.entry.body).chars(600))

    def item_link(self, item: EntryRow) -> str:
        return item.entry.get_absolute_url()

    def item_pubdate(self, item: EntryRow):
        day = item.entry.published_on
        return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC) if day else None

    def item_updateddate(self, item: EntryRow):
        # Atom requires <updated> on every entry; an undated entry uses its article's last change.
        return self.item_pubdate(item) or item.entry.article.updated_at

    def item_categories(self, item: EntryRow) -> list[str]:
        return [a.name for a in item.people + item.organisations] + [p.name for p in item.places]

"""Stream the filtered entries as CSV or JSON, row by row (bounded memory), and the Atom feed."""

from __future__ import annotations

import csv
import datetime
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from articles.display import lead
from articles.filters import EntryFilterSet
from articles.links import entries_url, view_description
from articles.parse.dates import zone_offset
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


# Characters XML 1.0 cannot hold (a query string may carry them).
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class PlainTextSummaryFeed(Atom1Feed):
    """Atom whose summaries are marked as the plain text they hold (Django marks them as HTML)."""

    def add_item_elements(self, handler, item):
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


@dataclass(frozen=True)
class FeedSubject:
    """What one request's feed follows: its filters, their description and its query string."""

    filters: EntryFilters
    description: str
    query: str  # "" or "?…", without empty parameters


class EntriesFeed(Feed):
    """The latest entries of the filtered view as Atom (same query string as /entries/)."""

    feed_type = PlainTextSummaryFeed
    limit = 50

    def __call__(self, request, *args, **kwargs):
        # Django's own 400 page drops the message: a feed reader's user needs the parameter named.
        try:
            return super().__call__(request, *args, **kwargs)
        except BadRequest as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")

    def get_object(self, request):
        # The feed object is shared by every request: per-request state lives in the subject.
        filterset = EntryFilterSet(request.GET)
        filters, error = filters_or_error(filterset)
        if filters is None:
            raise BadRequest(error)
        query = querystring_set(request.GET)
        description = _NOT_XML_RE.sub("", view_description(form=filterset.form))  # q is the reader's text
        return FeedSubject(filters, description, query if query != "?" else "")

    def title(self, obj: FeedSubject) -> str:
        return f"{obj.description} — Conflict news archive"

    def subtitle(self, obj: FeedSubject) -> str:
        return f"The latest {self.limit} {obj.description[0].lower()}{obj.description[1:]}, newest first."

    def link(self, obj: FeedSubject) -> str:
        return entries_url() + obj.query

    def feed_url(self, obj: FeedSubject) -> str:
        return reverse("articles:entry-feed") + obj.query

    def items(self, obj: FeedSubject) -> list[EntryRow]:
        # A feed is always the latest entries, whatever the page's sort.
        return entry_page(filters=replace(obj.filters, sort="newest"), offset=0, limit=self.limit)

    def item_title(self, item: EntryRow) -> str:
        return item.entry.title or lead(item.entry.body)[0] or f"Entry {item.entry.pk}"

    def item_description(self, item: EntryRow) -> str:
        # Plain text (type="text"): the XML writer escapes it; readers show it as text.
        return Truncator(item.entry.body).chars(600)

    def item_link(self, item: EntryRow) -> str:
        return item.entry.get_absolute_url()

    def item_pubdate(self, item: EntryRow):
        entry = item.entry
        if entry.published_on is None:
            return None
        zone = zone_offset(entry.time_zone)
        if entry.published_time is not None and zone is not None:
            return datetime.datetime.combine(entry.published_on, entry.published_time, tzinfo=zone)
        # A time without a known zone cannot be placed on the world's clock: the day only.
        return datetime.datetime.combine(entry.published_on, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, item: EntryRow):
        # Atom requires <updated> on every entry; an undated entry uses its article's last change.
        return self.item_pubdate(item) or item.entry.article.updated_at

    def item_categories(self, item: EntryRow) -> list[str]:
        return [a.name for a in item.people + item.organisations] + [p.name for p in item.places]

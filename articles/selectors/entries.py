"""The filtered set of entries, its pages (ranked, with snippets) and its export rows.

Everything filters `articles_entry` alone: its date, `duplicate_of_id IS NULL`, the GIN arrays
`actor_ids` / `country_codes` and the stored weighted `search_vector`.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import Left, Substr
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.lookups import Ids
from articles.models import Entry
from articles.paths import detail_path
from articles.querysets import UNDATED_ONLY
from articles.selectors.counts import only_if, planner_estimate
from articles.selectors.names import entity_names
from articles.selectors.reading import read_cursor
from articles.timeline import in_time_order

# Same text-search configuration as services/denorm.py SEARCH_VECTOR_SQL.
SEARCH_CONFIG = "english"
SORTS = ("newest", "oldest", "relevance")
# SearchHeadline marks matches with characters no article uses, so the snippet can be
# escaped as plain text first and only then given <mark> tags.
_MARK_START, _MARK_STOP = "\ue000", "\ue001"
# Snippets come from this many leading characters of a body: ts_headline's cost grows with the
# text (measured ~75 ms for a 200 000-character body, ~10 ms for 20 000), and a page has 50.
SNIPPET_SOURCE_CHARS = 20_000


@dataclass(frozen=True)
class EntryFilters:
    """Validated filters for /entries/ and its exports (see `articles.filters`)."""

    q: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    countries: tuple[str, ...] = ()
    person_ids: tuple[int, ...] = ()
    org_ids: tuple[int, ...] = ()
    place_ids: tuple[int, ...] = ()
    article_id: int | None = None
    undated: str = ""
    include_duplicates: bool = False
    sort: str = ""
    # Other spellings of `q` when it names a known person, organisation or place (see
    # `selectors.spellings`): the search matches any of them.
    q_spellings: tuple[str, ...] = ()

    @property
    def actor_ids(self) -> tuple[int, ...]:
        return self.person_ids + self.org_ids

    @property
    def has_dates(self) -> bool:
        return bool(self.date_from or self.date_to)

    @property
    def is_unfiltered(self) -> bool:
        """No filter at all: the whole (canonical) archive."""
        return self == EntryFilters(sort=self.sort)

    @property
    def effective_sort(self) -> str:
        if self.sort == "relevance" and not self.q:
            return "newest"
        return self.sort or ("relevance" if self.q else "newest")


@dataclass
class EntryRow:
    """An entry as a list shows it: the model plus its named people and places."""

    entry: Entry
    people: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    places: list = field(default_factory=list)
    snippet: str = ""

    @property
    def original_url(self) -> str:
        """The canonical copy of a repeated entry."""
        return detail_path("articles:entry-detail", self.entry.duplicate_of_id) if self.entry.duplicate_of_id else ""


# A full-text search with more than SAMPLE_SIZE dated matches is summarised over its newest
# SAMPLE_SIZE matches (facets, chart, relevance ranking) and its total is the planner's estimate:
# counting or ranking every match reads each one from the 1.5 GB heap (~0.5 s per query at a
# million entries). The newest matches are fetched once per page (a walk of the date index that
# stops early) and the other queries read only those rows by primary key.
SAMPLE_SIZE = 2_000


@dataclass(frozen=True)
class ResultScope:
    """How a result is counted: exactly, or (big full-text results) over its newest matches."""

    estimate: int = 0
    # Ids of the newest `sample` matches that facets, chart and ranking count; empty: exact.
    sample_ids: tuple[int, ...] = ()

    @property
    def sample(self) -> int:
        return len(self.sample_ids)

    @cached_property
    def sample_array(self) -> Ids:
        """The sample as one array literal, written once for the page's queries."""
        return Ids.of(self.sample_ids)


EXACT = ResultScope()


def result_scope(*, filters: EntryFilters) -> ResultScope:
    """Exact unless a full-text search has more than SAMPLE_SIZE dated matches.

    With `q` three queries, whatever the result size: the planner's estimates (EXPLAIN) of the
    matches and of the entries matching the other filters, and the ids of the newest
    SAMPLE_SIZE + 1 matches; without `q`, none.
    """
    if not filters.q:
        return EXACT
    entries = entries_filter(filters=filters)
    estimate = planner_estimate(entries)
    others = entries_filter(filters=dataclasses.replace(filters, q="", q_spellings=()))
    walk_over = others if _walk_pays(estimate, planner_estimate(others)) else None
    ids = _newest_match_ids(filters, SAMPLE_SIZE + 1, walk_over=walk_over)
    if len(ids) <= SAMPLE_SIZE or filters.undated == UNDATED_ONLY:
        return ResultScope(estimate=estimate)
    return ResultScope(estimate=estimate, sample_ids=ids[:SAMPLE_SIZE])


# How many of the newest entries matching the other filters are tested against `q` before
# asking the planner instead (about 60 ms warm at a million entries).
WALK_CANDIDATES = 25_000


def _walk_pays(matches: int, others: int) -> bool:
    """Whether walking the newest candidates should find SAMPLE_SIZE matches (with a margin),
    by the planner's estimates: else the walk would test every candidate and then ask the
    planner anyway (e.g. a rarer term within a big country: 3 000 matches among 140 000)."""
    expected = min(others, WALK_CANDIDATES) * matches / max(others, 1)
    return expected >= 1.5 * SAMPLE_SIZE


# The newest matches of a search: walk the newest entries matching the other filters (the
# planner picks the date index or, for a narrow filter, its bitmap and a top-N sort) testing
# `q` on each row read, stopping at `limit` hits. A common term finds them within the first
# WALK_CANDIDATES; otherwise (the uncorrelated counts are one-time filters: only one branch
# runs) the planner's own plan (GIN bitmap, top-N sort).
_NEWEST_MATCHES_SQL = """
WITH walk AS MATERIALIZED (SELECT c.id, c.published_on FROM ({candidates}) c WHERE c.hit LIMIT %s)
SELECT id, published_on FROM walk WHERE (SELECT count(*) FROM walk) >= %s
UNION ALL
"""


def _newest_match_ids(filters: EntryFilters, limit: int, *, walk_over: QuerySet[Entry] | None) -> tuple[int, ...]:
    """Ids of the newest `limit` dated entries matching every filter (one query), newest first;
    found by walking `walk_over` (the entries matching the other filters) when given."""
    planned = entries_newest(entries_filter(filters=filters), limit=limit)
    planned_only = dataclasses.replace(filters, q="", q_spellings=(), sort="") == EntryFilters()
    if planned_only or walk_over is None:
        # No other filter: PostgreSQL itself walks the date index for a common term (heap order
        # follows dates) or reads a rare term's GIN bitmap; a small result: the GIN bitmaps.
        return tuple(planned.values_list("pk", flat=True))
    hit = ExpressionWrapper(Q(search_vector=filters_search_query(filters)), output_field=BooleanField())
    candidates, candidate_params = (
        entries_newest(walk_over.annotate(hit=hit), limit=WALK_CANDIDATES)
        .values("id", "published_on", "hit")
        .query.sql_with_params()
    )
    planned_sql, planned_params = planned.values("id", "published_on").query.sql_with_params()
    sql = _NEWEST_MATCHES_SQL.format(candidates=candidates) + only_if("(SELECT count(*) FROM walk) < %s", planned_sql)
    with read_cursor(Entry) as cursor:
        cursor.execute(sql, [*candidate_params, limit, limit, *planned_params, limit])
        rows = cursor.fetchall()
    rows.sort(key=lambda row: (row[1], row[0]), reverse=True)
    return tuple(pk for pk, _day in rows)


def entries_newest(entries: QuerySet[Entry], *, limit: int) -> QuerySet[Entry]:
    """The newest `limit` dated entries of a set, read in the order of the date index."""
    return entries.filter(published_on__isnull=False).order_by("-published_on", "-id")[:limit]


def search_query(q: str, spellings: Iterable[str] = ()) -> SearchQuery:
    """Websearch syntax: "quoted phrases", OR, -excluded words; or any of the other `spellings`
    of the name `q` is (each as a phrase)."""
    query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
    for spelling in spellings:
        query |= SearchQuery(spelling, search_type="phrase", config=SEARCH_CONFIG)
    return query


def filters_search_query(filters: EntryFilters) -> SearchQuery:
    """The full-text query of the filters (`q` and its spellings)."""
    return search_query(filters.q, filters.q_spellings)


def entries_filter(*, filters: EntryFilters, ignore: Iterable[str] = ()) -> QuerySet[Entry]:
    """Entries matching the filters; names in `ignore` ("country", "date") are left out (for facets)."""
    ignore = set(ignore)
    entries = Entry.objects.all() if filters.include_duplicates else Entry.objects.canonical()
    if filters.q:
        entries = entries.filter(search_vector=filters_search_query(filters))
    if "date" not in ignore:
        entries = entries.published_between(filters.date_from, filters.date_to, undated=filters.undated)
    if filters.countries and "country" not in ignore:
        entries = entries.mentioning_countries(filters.countries)
    if filters.actor_ids:
        entries = entries.mentioning_actors(filters.actor_ids)
    if filters.place_ids:
        entries = entries.mentioning_places(filters.place_ids)
    if filters.article_id is not None:
        entries = entries.filter(article_id=filters.article_id)
    return entries


def entries_ordered(*, entries: QuerySet[Entry], filters: EntryFilters) -> QuerySet[Entry]:
    """Apply the requested order; relevance ranks by the weighted vector (title above body)."""
    sort = filters.effective_sort
    if sort == "relevance":
        rank = SearchRank(F("search_vector"), filters_search_query(filters))
        return entries.annotate(rank=rank).order_by("-rank", F("published_on").desc(nulls_last=True), "-id")
    if sort == "oldest":
        return entries.order_by(F("published_on").asc(nulls_last=True), "id")
    return entries.newest_first()


def entry_page(
    *, filters: EntryFilters, offset: int, limit: int, dated_total: int | None = None, scope: ResultScope = EXACT
) -> list[EntryRow]:
    """One page of entries with article, snippet, people and places (two queries).

    `dated_total` (the number of dated matches, known from the histogram) lets a date-sorted
    page read the date index in order instead of sorting every match (see `_date_sorted_slice`).
    With a sampled `scope`, relevance ranks only the newest matches (read by primary key).
    """
    entries = entries_filter(filters=filters)
    relevance = filters.effective_sort == "relevance"
    if relevance:
        if scope.sample:
            entries = entries.filter(pk__any=scope.sample_array)
        # The page's ids ranked first, then only those read with their article and snippet:
        # joining every ranked match (2 000 when sampled) cost ~7 ms at a million entries.
        page_ids = entries_ordered(entries=entries, filters=filters)[offset : offset + limit].values("pk")
        entries, offset = Entry.objects.filter(pk__in=page_ids), 0
    entries = entries.select_related("article").defer("search_vector", "article__standfirst")
    if filters.q:
        entries = entries.annotate(
            snippet=SearchHeadline(
                Left("body", SNIPPET_SOURCE_CHARS),
                filters_search_query(filters),
                config=SEARCH_CONFIG,
                start_sel=_MARK_START,
                stop_sel=_MARK_STOP,
                max_words=35,
                min_words=15,
                short_word=1,
            )
        )
    if relevance or dated_total is None:
        return entry_rows(entries=entries_ordered(entries=entries, filters=filters)[offset : offset + limit])
    return entry_rows(entries=_date_sorted_slice(entries, filters, offset, limit, dated_total))


def _date_sorted_slice(entries, filters: EntryFilters, offset: int, limit: int, dated_total: int) -> list[Entry]:
    # Undated entries come last. "published_on DESC NULLS LAST" cannot walk the (published_on
    # DESC, id DESC) index, so it would sort every match; dated and undated entries are read
    # as two index-ordered parts instead, joined with UNION ALL when a page straddles them.
    newest = filters.effective_sort == "newest"
    dated = entries.filter(published_on__isnull=False).order_by(
        *(("-published_on", "-id") if newest else ("published_on", "id"))
    )
    undated = entries.filter(published_on__isnull=True).order_by("-id" if newest else "id")
    parts = []
    if offset < dated_total:
        parts.append(dated[offset : min(offset + limit, dated_total)])
    if offset + limit > dated_total:
        start = max(0, offset - dated_total)
        parts.append(undated[start : start + limit - max(0, dated_total - offset)])
    rows = list(parts[0].union(parts[1], all=True)) if len(parts) == 2 else list(parts[0])

    def key(entry):
        day = entry.published_on.toordinal() if entry.published_on else 0
        return (entry.published_on is None, -day if newest else day, -entry.pk if newest else entry.pk)

    return sorted(rows, key=key)


def entry_rows(*, entries: Iterable[Entry]) -> list[EntryRow]:
    """Wrap entries with their people and places, fetched for the whole list in one query."""
    entries = list(entries)
    actors, places = entity_names(
        actor_ids=(i for e in entries for i in e.actor_ids),
        location_ids=(i for e in entries for i in e.location_ids),
    )
    rows = []
    for entry in entries:
        row_actors = sorted((actors[i] for i in entry.actor_ids if i in actors), key=lambda a: a.name)
        rows.append(
            EntryRow(
                entry=entry,
                people=[a for a in row_actors if a.kind == "person"],
                organisations=[a for a in row_actors if a.kind != "person"],
                places=sorted((places[i] for i in entry.location_ids if i in places), key=lambda p: p.name),
                snippet=snippet_html(getattr(entry, "snippet", "")),
            )
        )
    return rows


def snippet_html(snippet: str) -> str:
    """Escape the untrusted snippet text, then turn the match markers into <mark>."""
    if not snippet:
        return ""
    html = escape(snippet).replace(_MARK_START, "<mark>").replace(_MARK_STOP, "</mark>")
    # An unbalanced marker (one the text itself contained) must not leave a tag open.
    if html.count("<mark>") != html.count("</mark>"):
        html = escape(snippet.replace(_MARK_START, "").replace(_MARK_STOP, ""))
    return mark_safe(html)  # noqa: S308 - escaped above


def entry_get(*, pk: int) -> Entry | None:
    """One entry with its article and, for a duplicate, the canonical entry and its article."""
    return (
        Entry.objects.select_related("article", "duplicate_of__article")
        .defer("search_vector", "duplicate_of__search_vector", "duplicate_of__body")
        .filter(pk=pk)
        .first()
    )


def entry_duplicates(*, entry: Entry, limit: int) -> list[Entry]:
    """Other snapshots of the same story (entries that duplicate this one): the first `limit`,
    plus one more when there are more (so the page can say so without counting them all)."""
    return list(
        entry.duplicates.select_related("article")
        .defer("search_vector", "body", "article__standfirst")
        .order_by("article__published_on", "id")[: limit + 1]
    )


def entry_neighbours(*, entry: Entry) -> tuple[Entry | None, Entry | None]:
    """The entries just above and below this one in its article (one query, on the unique
    (article, position) index); their bodies cut to the words a link needs."""
    around = {
        neighbour.position: neighbour
        for neighbour in Entry.objects.filter(
            article_id=entry.article_id, position__in=(entry.position - 1, entry.position + 1)
        )
        .annotate(opening=Substr("body", 1, NEIGHBOUR_OPENING_CHARS))
        .only("id", "position", "title", "article_id")
    }
    return around.get(entry.position - 1), around.get(entry.position + 1)


NEIGHBOUR_OPENING_CHARS = 300


def article_entry_ids(*, article_id: int, order: str) -> list[int]:
    """Every entry id of an article in reading order ("page", "oldest", "newest"), from the
    stamps alone: the clock order is decided over the whole article, then pages are cut."""
    stamps = (
        Entry.objects.filter(article_id=article_id)
        .order_by("position")
        .values_list("id", "published_on", "published_time")
    )
    ordered = in_time_order(list(stamps), stamp=lambda row: (row[1], row[2]), order=order)
    return [entry_id for entry_id, _, _ in ordered]


def _article_entries_queryset(*, article_id: int) -> QuerySet[Entry]:
    return (
        Entry.objects.filter(article_id=article_id)
        .select_related("duplicate_of__article")
        .defer("search_vector", "duplicate_of__search_vector", "duplicate_of__body")
        .order_by("position")
    )


def article_entries(*, article_id: int, offset: int = 0, limit: int | None = None) -> list[EntryRow]:
    """An article's entries in order (a page of them), with duplicates' canonical entries and the
    names linked."""
    entries = _article_entries_queryset(article_id=article_id)
    return entry_rows(entries=entries[offset : None if limit is None else offset + limit])


def article_entries_in_order(*, article_id: int, order: str, offset: int, limit: int) -> list[EntryRow]:
    """One page of an article's entries in reading order ("page", "oldest" or "newest")."""
    if order == "page":
        return article_entries(article_id=article_id, offset=offset, limit=limit)
    ids = article_entry_ids(article_id=article_id, order=order)[offset : offset + limit]
    by_id = {entry.pk: entry for entry in _article_entries_queryset(article_id=article_id).filter(pk__in=ids)}
    return entry_rows(entries=[by_id[entry_id] for entry_id in ids])

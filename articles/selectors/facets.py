"""Facet counts and the date histogram of a filtered set of entries.

Each facet is one `unnest(array) … GROUP BY … LIMIT` query (unnest in the select list: a
ProjectSet, ~1/3 cheaper than a lateral function scan per row) over the filtered entries, so a
page runs the same number of queries whatever it shows. Counts respect every other active
filter: the country facet ignores the country filter itself (countries are "any of", so the
other countries stay addable), people and organisations are "all of", so their counts are
what adding them would give.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet

from articles.models import Entry
from articles.querysets import UNDATED_EXCLUDE, UNDATED_ONLY
from articles.selectors.countries import country_name
from articles.selectors.counts import PRECOMPUTED_FRESH_SQL, only_if
from articles.selectors.entries import (
    EXACT,
    EntryFilters,
    ResultScope,
    entries_filter,
)
from articles.selectors.facet_days import days_scope
from articles.selectors.names import ActorRef, PlaceRef
from articles.selectors.reading import read_cursor


@dataclass(frozen=True)
class FacetItem:
    value: str
    label: str
    count: int
    selected: bool = False
    ref: ActorRef | PlaceRef | None = None


@dataclass
class ActorFacets:
    people: list[FacetItem] = field(default_factory=list)
    organisations: list[FacetItem] = field(default_factory=list)
    # True when counts come from the precomputed `mention_count` (unfiltered archive).
    precomputed: bool = False


def _sql(entries: QuerySet, column: str, scope: ResultScope = EXACT) -> tuple[str, tuple]:
    if scope.sample:
        # The newest matches only, read by primary key (see `result_scope`). They match every
        # filter already, and re-testing `q` would read each one's search vector again.
        entries = Entry.objects.filter(pk__any=scope.sample_array)
    return entries.order_by().values(column).query.sql_with_params()


def _precomputed_scope(filters: EntryFilters, ignore: set[str]) -> tuple[str, list] | None:
    """SQL condition and params selecting the precomputed counts of this filtered set, if it has any.

    The whole archive (`articles_facet_counts`) or one country or actor (`articles_facet_pairs`,
    kept for those with many entries) once the ignored filters are set aside; see
    `services.facets`. Queries below read them when present and count live otherwise, in the
    same single query (an uncorrelated NOT EXISTS is a one-time filter: the live scan never runs).
    """
    cleared = {"sort": ""}
    if "country" in ignore:
        cleared["countries"] = ()
    if "date" in ignore:
        cleared.update(date_from=None, date_to=None, undated="")
    base = dataclasses.replace(filters, **cleared)
    fresh = PRECOMPUTED_FRESH_SQL
    if base == EntryFilters():
        return f"articles_facet_counts WHERE {fresh} AND", []
    if len(base.countries) == 1 and base == EntryFilters(countries=base.countries):
        return (
            f"articles_facet_pairs WHERE {fresh} AND filter_facet = 'country' AND filter_value = %s AND",
            [base.countries[0]],
        )
    if len(base.actor_ids) == 1 and base == EntryFilters(person_ids=base.person_ids, org_ids=base.org_ids):
        return (
            f"articles_facet_pairs WHERE {fresh} AND filter_facet = 'actor' AND filter_value = %s AND",
            [str(base.actor_ids[0])],
        )
    return None


_COUNTRY_FACET_SQL = """
SELECT c.code, c.n,
       (SELECT l.name FROM articles_location l WHERE l.kind = 'country' AND l.country_code = c.code LIMIT 1)
FROM ({counts}) c
ORDER BY c.code = ANY(%s) DESC, c.n DESC, c.code
LIMIT %s
"""
_COUNTRY_LIVE_SQL = (
    "SELECT u.code, count(*) AS n FROM (SELECT unnest(f.country_codes) AS code FROM ({inner}) f) u GROUP BY u.code"
)
_COUNTRY_PRECOMPUTED_SQL = """
WITH pre AS MATERIALIZED (SELECT value AS code, n FROM {scope} facet = 'country')
SELECT code, n FROM pre
UNION ALL
""" + only_if("NOT EXISTS (SELECT 1 FROM pre)", _COUNTRY_LIVE_SQL)


def _country_query(filters: EntryFilters, limit: int, scope: ResultScope, base: str = "") -> tuple[str, list]:
    """SQL and params of the country facet; `base` reads the entries from a shared CTE instead."""
    selected = list(filters.countries)
    if base:
        counts = _COUNTRY_LIVE_SQL.format(inner=f"SELECT country_codes FROM {base}")
        return _COUNTRY_FACET_SQL.format(counts=counts), [selected, limit]
    inner, params = _sql(entries_filter(filters=filters, ignore={"country"}), "country_codes", scope)
    if days := days_scope(filters, {"country"}):
        counts, params = days.counts("country", _COUNTRY_LIVE_SQL.format(inner=inner), params)
    elif pre := _precomputed_scope(filters, {"country"}):
        counts, params = _COUNTRY_PRECOMPUTED_SQL.format(scope=pre[0], inner=inner), [*pre[1], *params]
    else:
        counts = _COUNTRY_LIVE_SQL.format(inner=inner)
    return _COUNTRY_FACET_SQL.format(counts=counts), [*params, selected, limit]


def _country_items(rows, filters: EntryFilters) -> list[FacetItem]:
    selected = set(filters.countries)
    return [FacetItem(code, country_name(code) or stored or code, n, code in selected) for code, n, stored in rows]


def country_facet(*, filters: EntryFilters, limit: int = 12, scope: ResultScope = EXACT) -> list[FacetItem]:
    """Countries of the entries matching every filter but the country one, most frequent first."""
    sql, params = _country_query(filters, limit, scope)
    with read_cursor(Entry) as cursor:
        cursor.execute(sql, params)
        return _country_items(cursor.fetchall(), filters)


# The top counts per kind first (rank keeps ties at the edge), then names order the ties: sorting
# thousands of co-mentioned actors by name costs more than counting them.
_ACTOR_FACET_SQL = """
SELECT kind, id, slug, name, n FROM (
    SELECT t.kind, t.id, t.slug, t.name, t.n,
           row_number() OVER (PARTITION BY t.kind ORDER BY t.n DESC, t.name) AS r
    FROM (
        SELECT a.kind, a.id, a.slug, a.name, c.n, rank() OVER (PARTITION BY a.kind ORDER BY c.n DESC) AS top
        FROM ({counts}) c JOIN articles_actor a ON a.id = c.id
    ) t
    WHERE t.top <= %s
) ranked
WHERE r <= %s
ORDER BY kind, n DESC, name
"""
_ACTOR_LIVE_SQL = "SELECT u.id, count(*) AS n FROM (SELECT unnest(f.actor_ids) AS id FROM ({inner}) f) u GROUP BY u.id"

# The top of each kind by count first (ties at the edge kept), then those few sorted by name:
# sorting all ~20 000 actors by name cost ~45 ms at a million entries.
_ACTOR_PRECOMPUTED_SQL = """
SELECT kind, id, slug, name, n FROM (
    SELECT top.kind, top.id, top.slug, top.name, top.n,
           row_number() OVER (PARTITION BY top.kind ORDER BY top.n DESC, top.name) AS r
    FROM unnest(ARRAY['person', 'organisation']) AS k(kind)
    CROSS JOIN LATERAL (
        SELECT a.kind, a.id, a.slug, a.name, a.mention_count AS n FROM articles_actor a
        WHERE a.kind = k.kind AND a.mention_count > 0
        ORDER BY a.mention_count DESC FETCH FIRST %s ROWS WITH TIES
    ) top
) ranked
WHERE r <= %s
ORDER BY kind, n DESC, name
"""


_ACTOR_PAIRS_SQL = """
WITH pre AS MATERIALIZED (
    SELECT top.value::bigint AS id, top.n
    FROM unnest(ARRAY['person', 'organisation']) AS k(kind)
    CROSS JOIN LATERAL (SELECT value, n FROM {scope} facet = k.kind ORDER BY n DESC LIMIT %s) AS top
)
SELECT id, n FROM pre
UNION ALL
""" + only_if("NOT EXISTS (SELECT 1 FROM pre)", _ACTOR_LIVE_SQL)


def actor_facets(
    *, filters: EntryFilters, limit: int = 10, exclude_ids: tuple[int, ...] = (), scope: ResultScope = EXACT
) -> ActorFacets:
    """Top people and organisations of the filtered entries (one query for both kinds)."""
    sql, params = _actor_query(filters, limit + len(exclude_ids), scope)
    with read_cursor(Entry) as cursor:
        cursor.execute(sql, params)
        return _actor_items(cursor.fetchall(), filters, limit, exclude_ids)


def _actor_query(filters: EntryFilters, limit: int, scope: ResultScope, base: str = "") -> tuple[str, list]:
    """SQL and params of the people/organisation facets; `base` reads a shared CTE instead."""
    if base:
        counts = _ACTOR_LIVE_SQL.format(inner=f"SELECT actor_ids FROM {base} WHERE hit")
        return _ACTOR_FACET_SQL.format(counts=counts), [limit, limit]
    # Over the whole archive an exact count would scan every entry; the counts refreshed
    # after each import (`mention_count`, canonical entries) are the same numbers, fast.
    if filters.is_unfiltered:
        return _ACTOR_PRECOMPUTED_SQL, [limit, limit]
    inner, params = _sql(entries_filter(filters=filters), "actor_ids", scope)
    if days := days_scope(filters, set()):
        counts, params = days.counts("actor", _ACTOR_LIVE_SQL.format(inner=inner), params)
    elif pre := _precomputed_scope(filters, set()):
        # A margin past the limit so ties at the edge still sort by name as the live query does.
        counts, params = _ACTOR_PAIRS_SQL.format(scope=pre[0], inner=inner), [*pre[1], limit + 10, *params]
    else:
        counts = _ACTOR_LIVE_SQL.format(inner=inner)
    return _ACTOR_FACET_SQL.format(counts=counts), [*params, limit, limit]


def _actor_items(rows, filters: EntryFilters, limit: int, exclude_ids: tuple[int, ...] = ()) -> ActorFacets:
    selected = set(filters.actor_ids)
    facets = ActorFacets(precomputed=filters.is_unfiltered)
    for kind, pk, slug, name, n in rows:
        if pk in exclude_ids:
            continue
        items = facets.people if kind == "person" else facets.organisations
        if len(items) < limit:
            items.append(FacetItem(slug, name, n, pk in selected, ActorRef(pk, slug, name, kind)))
    return facets


_PLACE_LIVE_SQL = (
    "SELECT u.id, count(*) AS n FROM (SELECT unnest(f.location_ids) AS id FROM ({inner}) f) u GROUP BY u.id"
)
_PLACE_FACET_SQL = """
SELECT l.id, l.slug, l.name, l.kind, l.country_code, c.n FROM (
    {live}
) c JOIN articles_location l ON l.id = c.id
ORDER BY c.n DESC, l.name
LIMIT %s
"""


_PLACE_PAIRS_SQL = """
WITH pre AS MATERIALIZED (SELECT value::bigint AS id, n FROM {scope} facet = 'place' ORDER BY n DESC LIMIT %s)
SELECT l.id, l.slug, l.name, l.kind, l.country_code, c.n FROM (
    SELECT id, n FROM pre
    UNION ALL
    {live}
) c JOIN articles_location l ON l.id = c.id
ORDER BY c.n DESC, l.name
LIMIT %s
"""


def place_facet(*, filters: EntryFilters, limit: int = 10) -> list[FacetItem]:
    """Places most often mentioned by the filtered entries."""
    inner, params = _sql(entries_filter(filters=filters), "location_ids")
    scope = _precomputed_scope(filters, set())
    with read_cursor(Entry) as cursor:
        if scope:
            live = only_if("NOT EXISTS (SELECT 1 FROM pre)", _PLACE_LIVE_SQL.format(inner=inner))
            sql = _PLACE_PAIRS_SQL.format(scope=scope[0], live=live)
            cursor.execute(sql, [*scope[1], limit + 10, *params, limit])
        else:
            cursor.execute(_PLACE_FACET_SQL.format(live=_PLACE_LIVE_SQL.format(inner=inner)), [*params, limit])
        rows = cursor.fetchall()
    return [
        FacetItem(slug, name, n, False, PlaceRef(pk, slug, name, kind, code)) for pk, slug, name, kind, code, n in rows
    ]


# Entries per dated day within the date filters (bars outside them are never drawn), and the
# undated entries matching the other filters (NULL): the date range bounds the index scan;
# a few thousand rows at most; bucketing happens in Python.
_DAILY_LIVE_SQL = "SELECT f.published_on, count(*) FROM ({dated}) f GROUP BY f.published_on"
_UNDATED_COUNT_SQL = "SELECT NULL, count(*) FROM ({undated}) u"
_DAILY_COUNTS_SQL = "{dated_counts}\nUNION ALL\n" + _UNDATED_COUNT_SQL

# The same from the precomputed counts when they cover the set (undated = total - dated).
_DAILY_PRECOMPUTED_SQL = """
WITH pre AS MATERIALIZED (SELECT facet, value, n FROM {scope} facet IN ('day', 'total'))
SELECT value::date, n FROM pre WHERE facet = 'day'
UNION ALL
SELECT NULL, (SELECT sum(n) FROM pre WHERE facet = 'total') - coalesce((SELECT sum(n) FROM pre WHERE facet = 'day'), 0)
WHERE EXISTS (SELECT 1 FROM pre)
UNION ALL
""" + only_if("NOT EXISTS (SELECT 1 FROM pre)", _DAILY_LIVE_SQL)


@dataclass(frozen=True)
class Bucket:
    start: datetime.date
    end: datetime.date
    count: int


@dataclass
class Histogram:
    unit: str = "day"
    buckets: list[Bucket] = field(default_factory=list)
    # Entries without a date that match every other filter (shown or not, never silently dropped).
    undated: int = 0
    # Entries matching all the filters, dates included: the result count.
    total: int = 0
    # Set when the bars count only the newest `sample` matches of a big full-text result;
    # `total` is then the planner's estimate and `dated` derives from it.
    sample: int = 0
    estimated_dated: int | None = None
    # Dated entries in the result whose date is before PLAUSIBLE_FIRST or over a year ahead: counted, not drawn.
    off_chart: int = 0

    @property
    def dated(self) -> int:
        if self.estimated_dated is not None:
            return self.estimated_dated
        return sum(b.count for b in self.buckets) + self.off_chart

    @property
    def exact(self) -> bool:
        return not self.sample

    @property
    def max_count(self) -> int:
        return max((b.count for b in self.buckets), default=0)


def _bucket_start(day: datetime.date, unit: str) -> datetime.date:
    if unit == "week":
        return day - datetime.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def _bucket_next(start: datetime.date, unit: str) -> datetime.date:
    if unit == "week":
        return start + datetime.timedelta(days=7)
    if unit == "month":
        return (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    if unit == "year":
        return start.replace(year=start.year + 1)
    return start + datetime.timedelta(days=1)


def _unit_for(span_days: int) -> str:
    """Days up to ~3 months, weeks up to ~18 months, then months, then years."""
    if span_days > 2200:
        return "year"
    if span_days > 550:
        return "month"
    if span_days > 100:
        return "week"
    return "day"


def _daily_query(filters: EntryFilters, scope: ResultScope, base: str = "") -> tuple[str, list]:
    """SQL and params of {day: entries} (newest matches only when sampled) plus {None: undated}."""
    pre = None if scope.sample or base else _precomputed_scope(filters, {"date"})
    if pre:
        inner, params = _sql(entries_filter(filters=filters, ignore={"date"}), "published_on")
        return _DAILY_PRECOMPUTED_SQL.format(scope=pre[0], dated=inner), [*pre[1], *params]
    others = entries_filter(filters=filters, ignore={"date"})
    undated, undated_params = _sql(others.filter(published_on__isnull=True), "published_on")
    if filters.undated == UNDATED_ONLY:
        return _UNDATED_COUNT_SQL.format(undated=undated), undated_params
    if base:
        dated, params = f"SELECT published_on FROM {base} WHERE hit AND published_on IS NOT NULL", []
    else:
        in_range = entries_filter(filters=dataclasses.replace(filters, undated=""))
        dated, params = _sql(in_range.filter(published_on__isnull=False), "published_on", scope)
    if days := days_scope(filters, {"date"}):
        counts, params = days.counts("daily", _DAILY_LIVE_SQL.format(dated=dated), params)
    else:
        counts = _DAILY_LIVE_SQL.format(dated=dated)
    return _DAILY_COUNTS_SQL.format(dated_counts=counts, undated=undated), [*params, *undated_params]


def date_histogram(*, filters: EntryFilters, scope: ResultScope = EXACT) -> Histogram:
    """Entries per day/week/month/year (chosen by the span), the undated ones and the total, in one query.

    With `scope.sample` the bars count the newest matches only and the total is `scope.estimate`
    (unless fewer matches than the sample exist: then everything is exact).
    """
    sql, params = _daily_query(filters, scope)
    with read_cursor(Entry) as cursor:
        cursor.execute(sql, params)
        return _histogram(dict(cursor.fetchall()), filters, scope)


# The bars span the plausible dates only: one entry dated 0001-01-01 or 9999-12-31 (a typo, a
# placeholder) would otherwise stretch every chart to thousands of bars and a megabyte of SVG.
PLAUSIBLE_FIRST = datetime.date(1900, 1, 1)
PLAUSIBLE_AHEAD = datetime.timedelta(days=366)


def _on_chart(daily: dict, filters: EntryFilters) -> tuple[dict, int]:
    """The plausible days, and how many entries within the requested range the chart leaves out."""
    latest = datetime.date.today() + PLAUSIBLE_AHEAD
    plausible = {day: n for day, n in daily.items() if PLAUSIBLE_FIRST <= day <= latest}
    first, last = filters.date_from or datetime.date.min, filters.date_to or datetime.date.max
    left_out = sum(n for day, n in daily.items() if first <= day <= last and day not in plausible)
    return plausible, left_out


def _histogram(daily: dict, filters: EntryFilters, scope: ResultScope) -> Histogram:
    histogram = Histogram(undated=daily.pop(None, 0))
    if scope.sample and sum(daily.values()) >= scope.sample:
        histogram.sample = scope.sample
        histogram.total = max(scope.estimate, scope.sample)
        if filters.has_dates or filters.undated == UNDATED_EXCLUDE:
            histogram.estimated_dated = histogram.total
        else:
            histogram.estimated_dated = max(histogram.total - histogram.undated, scope.sample)
            histogram.total = histogram.estimated_dated + histogram.undated
    if daily and filters.undated != UNDATED_ONLY:
        daily, histogram.off_chart = _on_chart(daily, filters)
    if daily and filters.undated != UNDATED_ONLY:
        # The span is the requested range clipped to the (plausible) data.
        lo = max(filters.date_from or datetime.date.min, min(daily))
        hi = min(filters.date_to or datetime.date.max, max(daily))
        histogram.unit = _unit_for((hi - lo).days)
        counts: dict[datetime.date, int] = {}
        for day, n in daily.items():
            if lo <= day <= hi:
                start = _bucket_start(day, histogram.unit)
                counts[start] = counts.get(start, 0) + n
        # Every bucket of the span, empty ones too, so the bars keep a true time scale.
        start = _bucket_start(lo, histogram.unit)
        while start <= hi:
            try:
                following = _bucket_next(start, histogram.unit)
            except (ValueError, OverflowError):  # the last representable date
                following = datetime.date.max
            end = following - datetime.timedelta(days=1)
            histogram.buckets.append(Bucket(start, end, counts.get(start, 0)))
            if following == datetime.date.max:
                break
            start = following
    if histogram.sample:
        pass  # the estimate, set above
    elif filters.undated == UNDATED_ONLY:
        histogram.total = histogram.undated
    elif filters.has_dates or filters.undated == UNDATED_EXCLUDE:
        histogram.total = histogram.dated
    else:
        histogram.total = histogram.dated + histogram.undated
    return histogram


@dataclass
class Summary:
    """What /entries/ shows beside its rows: the histogram (and total) and the facets."""

    histogram: Histogram
    countries: list[FacetItem]
    actors: ActorFacets


_SUMMARY_SQL = """
{with_base}
SELECT 'day', d.day::text, NULL, NULL, NULL, d.n FROM ({daily}) AS d(day, n)
UNION ALL
SELECT 'country', c.code, c.name, NULL, NULL, c.n FROM ({countries}) AS c(code, n, name)
UNION ALL
SELECT 'actor', a.kind, a.id::text, a.slug, a.name, a.n FROM ({actors}) AS a(kind, id, slug, name, n)
"""

# Entries matching every filter but the country one, read once; `hit`: they also match it.
_BASE_SQL = "WITH base AS MATERIALIZED (SELECT b.*, {hit} AS hit FROM ({inner}) b)"


def _shared_base(filters: EntryFilters, scope: ResultScope) -> tuple[str, list] | None:
    """When every part counts live, one scan of the filtered entries feeds them all."""
    parts = ({"date"}, {"country"}, set())
    if filters.is_unfiltered or any(_precomputed_scope(filters, i) or days_scope(filters, i) for i in parts):
        return None
    entries = entries_filter(filters=filters, ignore={"country"})
    if scope.sample:
        entries = Entry.objects.filter(pk__any=scope.sample_array)  # they match every filter
    inner, params = entries.order_by().values("published_on", "country_codes", "actor_ids").query.sql_with_params()
    if filters.countries:
        return _BASE_SQL.format(hit="b.country_codes && %s::varchar[]", inner=inner), [list(filters.countries), *params]
    return _BASE_SQL.format(hit="true", inner=inner), list(params)


def entry_summary(
    *, filters: EntryFilters, scope: ResultScope = EXACT, country_limit: int = 12, actor_limit: int = 10
) -> Summary:
    """Histogram, country facet and people/organisation facets in one query.

    The same numbers as `date_histogram`, `country_facet` and `actor_facets`; when none of them
    has precomputed counts, the filtered entries are scanned once for all three (a materialized
    CTE) instead of three times.
    """
    shared = _shared_base(filters, scope)
    with_base, params = shared or ("", [])
    base = "base" if shared else ""
    daily_sql, daily_params = _daily_query(filters, scope, base)
    country_sql, country_params = _country_query(filters, country_limit, scope, base)
    actor_sql, actor_params = _actor_query(filters, actor_limit, scope, base)
    sql = _SUMMARY_SQL.format(with_base=with_base, daily=daily_sql, countries=country_sql, actors=actor_sql)
    with read_cursor(Entry) as cursor:
        cursor.execute(sql, [*params, *daily_params, *country_params, *actor_params])
        rows = cursor.fetchall()
    daily = {(datetime.date.fromisoformat(a) if a else None): n for tag, a, _b, _c, _d, n in rows if tag == "day"}
    countries = [(a, n, b) for tag, a, b, _c, _d, n in rows if tag == "country"]
    actors = [(a, int(b), c, d, n) for tag, a, b, c, d, n in rows if tag == "actor"]
    return Summary(
        histogram=_histogram(daily, filters, scope),
        countries=_country_items(countries, filters),
        actors=_actor_items(actors, filters, actor_limit),
    )

"""Counts within one big actor over a date range, from the per-day table `articles_facet_days`.

A person or organisation in a fifth of the archive, within a year and one country, is a few
hundred thousand entries to scan and aggregate live; summed from per-day rows it is a few
thousand index entries. The table covers the actors that have precomputed pairs (filled in the
same transaction by `services.facets`); each query checks that, with the counts' freshness, and
falls back to its live count in the same statement (an uncorrelated condition: one-time filter).
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from articles.querysets import UNDATED_ONLY
from articles.selectors.counts import PRECOMPUTED_FRESH_SQL, only_if
from articles.selectors.entries import EntryFilters

_COVERED_SQL = (
    "EXISTS (SELECT 1 FROM articles_facet_pairs WHERE "
    + PRECOMPUTED_FRESH_SQL
    + " AND filter_facet = 'actor' AND filter_value = %s AND facet = 'total')"
)
# co_actor_id 0 is the actor's own row: its entries (the partial index of totals holds them).
_DAY_ROWS_SQL = """
SELECT {select}, sum(d.n) AS n FROM articles_facet_days d
WHERE {covered} AND d.actor_id = %s AND {rows}
    AND d.day BETWEEN coalesce(%s::date, '-infinity') AND coalesce(%s::date, 'infinity')
GROUP BY 1
UNION ALL
"""


# What each part of /entries/ sums, and which day rows: (select list, row condition).
_PARTS = {
    # (day, entries) of the set.
    "daily": ("d.day", "d.co_actor_id = 0 AND d.country = %(country)s"),
    # (country code, entries) of the actor's entries in the range, whatever the country filter.
    "country": ("d.country AS code", "d.co_actor_id = 0 AND d.country <> ''"),
    # (actor id, entries) of the set: every actor mentioned with this one, itself included.
    "actor": ("CASE d.co_actor_id WHEN 0 THEN d.actor_id ELSE d.co_actor_id END AS id", "d.country = %(country)s"),
}


@dataclass(frozen=True)
class DaysScope:
    """One actor, one country or none (''), a date range: a set `articles_facet_days` can count."""

    actor_id: int
    country: str
    date_from: datetime.date | None
    date_to: datetime.date | None

    def counts(self, part: str, live: str, live_params: list) -> tuple[str, list]:
        """SQL and params of one part ("daily", "country" or "actor") from the day rows, with
        `live` as the fallback when they do not cover the actor."""
        select, rows = _PARTS[part]
        covered = [str(self.actor_id)]
        rows_params = [self.country] if "%(country)s" in rows else []
        sql = _DAY_ROWS_SQL.format(select=select, covered=_COVERED_SQL, rows=rows.replace("%(country)s", "%s"))
        # Concatenated, not formatted: the live SQL may hold braces of its own.
        sql += only_if(f"NOT {_COVERED_SQL}", live)
        return sql, [*covered, self.actor_id, *rows_params, self.date_from, self.date_to, *live_params, *covered]


def days_scope(filters: EntryFilters, ignore: set[str]) -> DaysScope | None:
    """The scope when the filters (less those in `ignore`, but with the dates, which bound the
    histogram's bars) are one actor, at most one country and a date range over canonical entries."""
    countries = () if "country" in ignore else filters.countries
    # Nothing else may narrow the set: no text, article, repeated entries.
    others = dataclasses.replace(
        filters, countries=(), person_ids=(), org_ids=(), date_from=None, date_to=None, undated="", sort=""
    )
    if (
        len(filters.actor_ids) != 1
        or len(countries) > 1
        or not filters.has_dates
        or filters.undated == UNDATED_ONLY
        or others != EntryFilters()
    ):
        return None
    return DaysScope(filters.actor_ids[0], countries[0] if countries else "", filters.date_from, filters.date_to)

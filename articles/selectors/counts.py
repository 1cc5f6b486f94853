"""Counts that stay fast at a million entries: planner estimates for huge sets, precomputed totals.

An exact `count(*)` must visit every matching row; over hundreds of thousands of entries that
takes hundreds of milliseconds on two cores. Pages therefore show exact counts for sets below a
threshold and the planner's estimate ("about …") above it, and read whole-archive figures from
the `articles_facet_counts` materialized view (refreshed by `services.facets.facet_counts_refresh`).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections

# SQL condition: the precomputed counts are current (made or added to since the last entry was
# added; two index lookups). Editors' changes set the recorded id to -1 (facet_counts_invalidate):
# pages then count live until the next import recounts.
PRECOMPUTED_FRESH_SQL = (
    "(SELECT n FROM articles_facet_counts WHERE facet = 'total') > 0"
    " AND (SELECT n FROM articles_facet_counts WHERE facet = 'max_entry_id')"
    " = (SELECT coalesce(max(id), 0) FROM articles_entry)"
)


def only_if(condition: str, sql: str) -> str:
    """The rows of `sql` when the uncorrelated `condition` holds, else none, without starting it.

    Written as `sql ... WHERE condition`, the planner pushes the condition down to the scan,
    below any parallel Gather, whose workers then start for nothing (~5 ms a Gather at a million
    entries, three per page); OFFSET 0 keeps the condition above the whole query."""
    return f"SELECT * FROM ({sql} OFFSET 0) AS gated WHERE {condition}"


# Below this many (estimated) rows an exact count is cheap: a few milliseconds.
EXACT_COUNT_LIMIT = 20_000


@dataclass(frozen=True)
class ResultCount:
    value: int
    exact: bool

    def __str__(self) -> str:
        return f"{self.value:,}" if self.exact else f"about {self.value:,}"


def planner_estimate(queryset) -> int:
    """The number of rows PostgreSQL's planner expects the queryset to return (no rows are read)."""
    sql, params = queryset.order_by().query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def estimated_count(queryset, *, exact_below: int = EXACT_COUNT_LIMIT) -> ResultCount:
    """Exact count when the planner expects fewer than `exact_below` rows, else the estimate."""
    estimate = planner_estimate(queryset)
    if estimate < exact_below:
        exact = queryset.count()
        # A bad estimate must not produce a slow count twice: trust the exact figure we now have.
        return ResultCount(exact, True)
    return ResultCount(estimate, False)


class EstimatedCountPaginator(Paginator):
    """A Paginator whose total is `estimated_count()`: no page waits for a count of a million rows."""

    @cached_property
    def result_count(self) -> ResultCount:
        return estimated_count(self.object_list)

    @cached_property
    def count(self) -> int:
        return self.result_count.value


def _facet_rows(facet: str, using: str = "default") -> list[tuple[str, int]]:
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT value, n FROM articles_facet_counts WHERE facet = %s ORDER BY n DESC, value", [facet])
        return cursor.fetchall()


def archive_country_counts(*, limit: int | None = None) -> list[tuple[str, int]]:
    """(country code, canonical entries mentioning it), most first, as of the last refresh."""
    rows = _facet_rows("country")
    return rows[:limit] if limit else rows


def archive_actor_counts(*, limit: int | None = None) -> list[tuple[int, int]]:
    """(actor id, canonical entries mentioning it), most first, as of the last refresh."""
    rows = [(int(value), n) for value, n in _facet_rows("actor")]
    return rows[:limit] if limit else rows


def archive_day_counts() -> dict[datetime.date, int]:
    """Canonical entries per day over the whole archive, as of the last refresh."""
    return {datetime.date.fromisoformat(value): n for value, n in sorted(_facet_rows("day"))}


def archive_totals() -> dict[str, int]:
    """{"total": canonical entries, "undated": those without a date}, as of the last refresh."""
    return {facet: dict(_facet_rows(facet)).get("", 0) for facet in ("total", "undated")}


def archive_counts_refreshed_at() -> str:
    """When the precomputed counts were last refreshed (ISO timestamp), for the page's label."""
    rows = _facet_rows("refreshed")
    return rows[0][0] if rows else ""


def precomputed_facets(*, facet: str, value: str | int, limit: int = 20) -> dict[str, list[tuple[str, int]]] | None:
    """Facet counts within the canonical entries of one big country ("country", "UA") or actor
    ("actor", 42): {"country": [...], "person": [...], "organisation": [...]} (top `limit`, most
    first; values are codes and actor ids as text), "day": every day, "total": [("", n)].
    None when that filter is not precomputed (its set is small: count it live)."""
    with connections["default"].cursor() as cursor:
        # One index range per facet (filter, facet, n DESC): a few milliseconds even for big filters.
        cursor.execute(
            """
            SELECT f.facet, top.value, top.n
            FROM unnest(ARRAY['country', 'person', 'organisation', 'total']) AS f(facet)
            CROSS JOIN LATERAL (
                SELECT value, n FROM articles_facet_pairs
                WHERE filter_facet = %(filter)s AND filter_value = %(value)s AND facet = f.facet
                ORDER BY n DESC LIMIT %(limit)s
            ) AS top
            UNION ALL
            SELECT facet, value, n FROM articles_facet_pairs
            WHERE filter_facet = %(filter)s AND filter_value = %(value)s AND facet = 'day'
            """,
            {"filter": facet, "value": str(value), "limit": limit},
        )
        rows = cursor.fetchall()
    if not rows:
        return None
    result: dict[str, list[tuple[str, int]]] = {}
    for name, key, n in sorted(rows, key=lambda row: (row[0], -row[2], row[1])):
        result.setdefault(name, []).append((key, n))
    return result

"""Compare up to four people, organisations, places or countries: timelines on one date axis and
one scale, the entries they share, and who else appears with each.

Every subject's entries per day come from one query (the histograms' own SQL, precomputed where
the subject is big); the buckets are then drawn over the span of all of them, so a bar at the same
position is the same week for everyone and the same height is the same number of entries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection

from articles.selectors.entries import EXACT, EntryFilters, EntryRow, entries_filter, entry_rows

# The histograms' bucketing rules (days, weeks, months or years by the span) and daily SQL.
from articles.selectors.facets import (
    ActorFacets,
    Bucket,
    Histogram,
    _bucket_next,
    _bucket_start,
    _daily_query,
    _unit_for,
    actor_facets,
)

MAX_SUBJECTS = 4
SHARED_ON_PAGE = 10
COMPANY_SIZE = 6


@dataclass(frozen=True)
class Subject:
    """One thing compared: its /entries/ parameter and value, its name and database id."""

    param: str  # "person", "org", "place" or "country"
    value: str  # slug, or country code
    name: str
    id: int | None = None  # none for a country
    url: str = ""

    @property
    def filters(self) -> EntryFilters:
        """Its entries, as /entries/?param=value shows them."""
        if self.param == "person":
            return EntryFilters(person_ids=(self.id,))
        if self.param == "org":
            return EntryFilters(org_ids=(self.id,))
        if self.param == "place":
            return EntryFilters(place_ids=(self.id,))
        return EntryFilters(countries=(self.value,))


class SharedScaleHistogram(Histogram):
    """A histogram drawn to a peak shared with the others it is compared with."""

    def __init__(self, *, peak: int, **kwargs):
        super().__init__(**kwargs)
        self.peak = peak

    @property
    def max_count(self) -> int:
        return self.peak


@dataclass
class Comparison:
    subjects: list[Subject]
    timelines: list[Histogram] = field(default_factory=list)
    shared_total: int = 0
    shared_rows: list[EntryRow] = field(default_factory=list)
    company: list[ActorFacets] = field(default_factory=list)


def _daily_counts(subjects: list[Subject]) -> list[dict]:
    """{day: entries} and {None: undated} for every subject, in one query."""
    parts, params = [], []
    for i, subject in enumerate(subjects):
        sql, part_params = _daily_query(subject.filters, EXACT)
        parts.append(f"SELECT {i}, d.* FROM ({sql}) AS d(day, n)")
        params += part_params
    with connection.cursor() as cursor:
        cursor.execute("\nUNION ALL\n".join(parts), params)
        rows = cursor.fetchall()
    daily: list[dict] = [{} for _ in subjects]
    for i, day, n in rows:
        daily[i][day] = daily[i].get(day, 0) + n
    return daily


def _shared_buckets(daily: dict, lo: datetime.date, hi: datetime.date, unit: str) -> list[Bucket]:
    counts: dict[datetime.date, int] = {}
    for day, n in daily.items():
        if day is not None:
            start = _bucket_start(day, unit)
            counts[start] = counts.get(start, 0) + n
    buckets, start = [], _bucket_start(lo, unit)
    while start <= hi:
        following = _bucket_next(start, unit)
        buckets.append(Bucket(start, following - datetime.timedelta(days=1), counts.get(start, 0)))
        start = following
    return buckets


def shared_timelines(subjects: list[Subject]) -> list[Histogram]:
    """Each subject's entries over the span of them all, bucketed alike and drawn to one peak."""
    daily = _daily_counts(subjects)
    days = [day for counts in daily for day in counts if day is not None]
    if not days:
        return [Histogram(undated=counts.get(None, 0), total=counts.get(None, 0)) for counts in daily]
    lo, hi = min(days), max(days)
    unit = _unit_for((hi - lo).days)
    bucketed = [_shared_buckets(counts, lo, hi, unit) for counts in daily]
    peak = max((b.count for buckets in bucketed for b in buckets), default=0)
    return [
        SharedScaleHistogram(
            peak=peak,
            unit=unit,
            buckets=buckets,
            undated=counts.get(None, 0),
            total=sum(counts.values()),
        )
        for counts, buckets in zip(daily, bucketed, strict=True)
    ]


def shared_entries(subjects: list[Subject]):
    """Canonical entries mentioning every subject (a queryset)."""
    filters = EntryFilters(
        person_ids=tuple(s.id for s in subjects if s.param == "person"),
        org_ids=tuple(s.id for s in subjects if s.param == "org"),
        place_ids=tuple(s.id for s in subjects if s.param == "place"),
    )
    entries = entries_filter(filters=filters)
    codes = [s.value for s in subjects if s.param == "country"]
    # Every country, not any of them (the /entries/ country filter is "any of").
    return entries.filter(country_codes__contains=codes) if codes else entries


def comparison(*, subjects: list[Subject]) -> Comparison:
    """Timelines, shared entries and company of the subjects (4 + one query per subject)."""
    result = Comparison(subjects=subjects, timelines=shared_timelines(subjects))
    shared = shared_entries(subjects)
    result.shared_total = shared.count()
    newest = (
        shared.select_related("article").defer("search_vector", "article__standfirst").newest_first()[:SHARED_ON_PAGE]
    )
    result.shared_rows = entry_rows(entries=newest)
    actor_ids = tuple(s.id for s in subjects if s.param in ("person", "org"))
    result.company = [
        actor_facets(filters=subject.filters, limit=COMPANY_SIZE, exclude_ids=actor_ids) for subject in subjects
    ]
    return result

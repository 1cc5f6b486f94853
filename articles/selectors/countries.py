"""Countries: one display name per code (no query), counts and a country's places."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from articles.country_names import country_name
from articles.models import Location
from articles.paths import detail_path
from articles.selectors.entries import EntryFilters, entries_filter
from articles.selectors.reading import read_cursor


@dataclass(frozen=True)
class CountryCount:
    code: str
    name: str
    count: int
    place_count: int = 0

    @property
    def url(self) -> str:
        return detail_path("articles:country-detail", self.code)


_COUNTRY_LIST_SQL = """
SELECT c.code, c.n,
       (SELECT l.name FROM articles_location l WHERE l.kind = 'country' AND l.country_code = c.code LIMIT 1),
       (SELECT count(*) FROM articles_location l WHERE l.country_code = c.code AND l.kind <> 'country')
FROM (
    SELECT u.code, count(*) AS n
    FROM articles_entry e, unnest(e.country_codes) AS u(code)
    WHERE e.duplicate_of_id IS NULL
    GROUP BY u.code
) c
ORDER BY c.n DESC, c.code
"""


def country_counts() -> list[CountryCount]:
    """Every country the archive mentions, with its number of (canonical) entries."""
    with read_cursor(Location) as cursor:
        cursor.execute(_COUNTRY_LIST_SQL)
        rows = cursor.fetchall()
    return [
        CountryCount(code, country_name(code) or stored_name or code, n, places)
        for code, n, stored_name, places in rows
    ]


def country_places(*, code: str, limit: int = 30) -> tuple[str | None, list[Location]]:
    """The country's stored name (if any) and its most-mentioned places (none never mentioned), in one query."""
    mentioned = Q(kind=Location.Kind.COUNTRY) | Q(mention_count__gt=0)
    rows = list(Location.objects.filter(mentioned, country_code=code).order_by("-mention_count", "name")[: limit + 1])
    stored_name = next((loc.name for loc in rows if loc.kind == Location.Kind.COUNTRY), None)
    places = [loc for loc in rows if loc.kind != Location.Kind.COUNTRY][:limit]
    return stored_name, places


def country_entries(*, code: str):
    """Canonical entries mentioning the country (a queryset)."""
    return entries_filter(filters=EntryFilters(countries=(code,)))

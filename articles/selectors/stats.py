"""The archive at a glance."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F

from articles.models import Article
from articles.selectors.counts import PRECOMPUTED_FRESH_SQL
from articles.selectors.reading import read_cursor


@dataclass(frozen=True)
class ArchiveStats:
    articles: int
    entries: int
    undated_entries: int
    duplicates: int
    first_date: datetime.date | None
    last_date: datetime.date | None
    people: int
    organisations: int
    countries: int


# Whole-archive entry counts come from the precomputed counts when current (a count(*) of a
# million entries takes ~30–50 ms); PostgreSQL runs only the CASE branch it needs.
_STATS_SQL = f"""
SELECT
    (SELECT count(*) FROM articles_article),
    CASE WHEN {PRECOMPUTED_FRESH_SQL}
        THEN (SELECT n FROM articles_facet_counts WHERE facet = 'total')
        ELSE (SELECT count(*) FROM articles_entry WHERE duplicate_of_id IS NULL) END,
    CASE WHEN {PRECOMPUTED_FRESH_SQL}
        THEN (SELECT n FROM articles_facet_counts WHERE facet = 'undated')
        ELSE (SELECT count(*) FROM articles_entry WHERE duplicate_of_id IS NULL AND published_on IS NULL) END,
    (SELECT count(*) FROM articles_entry WHERE duplicate_of_id IS NOT NULL),
    (SELECT min(published_on) FROM articles_entry WHERE duplicate_of_id IS NULL),
    (SELECT max(published_on) FROM articles_entry WHERE duplicate_of_id IS NULL),
    (SELECT count(*) FROM articles_actor WHERE kind = 'person' AND mention_count > 0),
    (SELECT count(*) FROM articles_actor WHERE kind <> 'person' AND mention_count > 0),
    (SELECT count(DISTINCT country_code) FROM articles_location WHERE mention_count > 0 AND country_code <> '')
"""


def archive_stats() -> ArchiveStats:
    """Counts and date span of the archive (one query)."""
    with read_cursor(Article) as cursor:
        cursor.execute(_STATS_SQL)
        return ArchiveStats(*cursor.fetchone())


def latest_articles(*, limit: int = 8) -> list[Article]:
    """The most recently published articles (undated ones last)."""
    return list(Article.objects.defer("standfirst").order_by(F("published_on").desc(nulls_last=True), "-id")[:limit])

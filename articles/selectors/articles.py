"""Articles filtered like entries: by their date, and by what their entries mention or say."""

from __future__ import annotations

from dataclasses import replace

from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet

from articles.models import Article
from articles.selectors.entries import EntryFilters, entries_filter


def articles_filter(*, filters: EntryFilters) -> QuerySet[Article]:
    """Articles dated in the range whose entries (any snapshot) match the text/country/actor filters."""
    articles = Article.objects.published_between(filters.date_from, filters.date_to, undated=filters.undated)
    if filters.q or filters.countries or filters.actor_ids:
        entry_filters = replace(
            filters, date_from=None, date_to=None, undated="", article_id=None, include_duplicates=True
        )
        matching = entries_filter(filters=entry_filters).filter(article_id=OuterRef("pk"))
        articles = articles.filter(Exists(matching))
    if filters.sort == "oldest":
        return articles.order_by(F("published_on").asc(nulls_last=True), "id")
    return articles.order_by(F("published_on").desc(nulls_last=True), "-id")


def article_get(*, pk: int) -> Article | None:
    """One article, or None (also for ids too large to be one)."""
    if not 0 < pk < 2**63:
        return None
    return Article.objects.filter(pk=pk).first()


# The countries an article's entries mention, most mentioned first (one query for a page).
_ARTICLE_COUNTRIES_SQL = """
SELECT e.article_id, u.code, count(*) AS n
FROM articles_entry e, unnest(e.country_codes) AS u(code)
WHERE e.article_id = ANY(%s)
GROUP BY e.article_id, u.code
ORDER BY e.article_id, n DESC, u.code
"""


def article_countries(*, article_ids: list[int]) -> dict[int, list[str]]:
    """{article id: country codes its entries mention, most mentioned first}."""
    if not article_ids:
        return {}
    countries: dict[int, list[str]] = {pk: [] for pk in article_ids}
    with connection.cursor() as cursor:
        cursor.execute(_ARTICLE_COUNTRIES_SQL, [list(article_ids)])
        for article_id, code, _count in cursor.fetchall():
            countries[article_id].append(code)
    return countries

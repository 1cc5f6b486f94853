"""Articles filtered like entries: by their date, and by what their entries mention or say."""

from __future__ import annotations

from dataclasses import replace

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, IntegerField, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Left, NullIf

from articles.models import Article, Entry
from articles.selectors.entries import EntryFilters, entries_filter
from articles.selectors.reading import read_cursor


def articles_filter(*, filters: EntryFilters) -> QuerySet[Article]:
    """Articles dated in the range whose entries (any snapshot) match the text/country/actor/place filters."""
    articles = Article.objects.published_between(filters.date_from, filters.date_to, undated=filters.undated)
    if filters.q or filters.countries or filters.actor_ids or filters.place_ids:
        entry_filters = replace(
            filters, date_from=None, date_to=None, undated="", article_id=None, include_duplicates=True
        )
        matching = entries_filter(filters=entry_filters).filter(article_id=OuterRef("pk"))
        articles = articles.filter(Exists(matching))
    if filters.sort == "oldest":
        return articles.order_by(F("published_on").asc(nulls_last=True), "id")
    return articles.order_by(F("published_on").desc(nulls_last=True), "-id")


def _entry_count(**conditions) -> Coalesce:
    counted = (
        Entry.objects.filter(article_id=OuterRef("pk"), **conditions)
        .order_by()
        .values("article_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def article_get(*, pk: int) -> Article | None:
    """One article with `entries_total` and `entries_repeated` (its entries that repeat earlier
    snapshots), or None (also for ids too large to be one)."""
    if not 0 < pk < 2**63:
        return None
    counts = {"entries_total": _entry_count(), "entries_repeated": _entry_count(duplicate_of__isnull=False)}
    return Article.objects.annotate(**counts).filter(pk=pk).first()


def article_entries_admin_page(*, article_id: int, page: object, per_page: int) -> Page:
    """One page of an article's entries for its admin page (any number of entries, bounded cost)."""
    # A label from the first characters only: a body can be megabytes long.
    entries = (
        Entry.objects.filter(article_id=article_id)
        .only("pk", "article_id", "position", "published_on", "date_precision", "duplicate_of_id")
        .annotate(label=Coalesce(NullIf("title", Value("")), Left("body", 100), output_field=TextField()))
    )
    return Paginator(entries.order_by("position"), per_page).get_page(page)


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
    with read_cursor(Entry) as cursor:
        cursor.execute(_ARTICLE_COUNTRIES_SQL, [list(article_ids)])
        for article_id, code, _count in cursor.fetchall():
            countries[article_id].append(code)
    return countries

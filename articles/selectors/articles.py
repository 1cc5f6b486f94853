"""Articles filtered like entries: by their date, and by what their entries mention or say."""

from __future__ import annotations

from dataclasses import replace

from django.db.models import Exists, F, OuterRef, QuerySet

from articles.models import Article
from articles.selectors.entries import EntryFilters, entries_filter


def articles_filter(*, filters: EntryFilters) -> QuerySet[Article]:
    """Articles dated in the range whose entries (any snapshot) match the text/country/actor/place filters."""
    articles = Article.objects.defer("standfirst").published_between(
        filters.date_from, filters.date_to, undated=filters.undated
    )
    if filters.q or filters.countries or filters.actor_ids or filters.place_ids:
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

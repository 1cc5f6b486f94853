"""An editor dates (or re-dates) an article: its entries that carried the old date follow."""

from __future__ import annotations

import datetime as dt

from articles.models import Article


def article_entries_redate(*, article: Article, old_date: dt.date | None) -> int:
    """Give the article's date to every entry that had its old one; returns how many changed.

    Entries carry the article's date (denormalised for filtering) unless they have their own,
    so an entry dated differently from the old article date keeps its date.
    """
    return (
        article.entries.filter(published_on=old_date)
        .exclude(published_on=article.published_on, date_precision=article.date_precision)
        .update(published_on=article.published_on, date_precision=article.date_precision)
    )

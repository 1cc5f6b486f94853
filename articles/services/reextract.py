"""Run extraction again over stored entries, with the aliases the database holds now."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from articles.extraction import Extractor
from articles.models import Article, Entry
from articles.services.entities import entry_entities_store


@dataclass
class ReextractResult:
    articles: int = 0
    entries: int = 0
    actor_mentions: int = 0
    location_mentions: int = 0


def articles_reextract(
    *,
    extractor: Extractor,
    article_ids: Iterable[int],
    on_article: Callable[[int], None] | None = None,
) -> ReextractResult:
    """Re-extract these articles' entries (one transaction per call); editors' links survive."""
    result = ReextractResult()
    ids = list(article_ids)
    articles = Article.objects.filter(pk__in=ids).only("pk", "headline", "standfirst").order_by("pk")
    entries_by_article: dict[int, list[Entry]] = {}
    for entry in (
        Entry.objects.filter(article_id__in=ids)
        .only("pk", "article_id", "title", "body", "captions")
        .order_by("article_id", "position")
    ):
        entries_by_article.setdefault(entry.article_id, []).append(entry)
    found = {}
    for article in articles:
        entries = entries_by_article.get(article.pk, [])
        per_entry = extractor.extract_article(
            headline=article.headline,
            standfirst=article.standfirst,
            # Captions are read with the body, as at import: people and places named under a photo count.
            entries=[(e.title, "\n\n".join((e.body, e.captions)) if e.captions else e.body) for e in entries],
        )
        for entry, entities in zip(entries, per_entry, strict=True):
            found[entry.pk] = entities
            result.actor_mentions += len(entities.actors)
            result.location_mentions += len(entities.locations)
        result.articles += 1
        result.entries += len(entries)
        if on_article is not None:
            on_article(article.pk)
    with transaction.atomic():
        entry_entities_store(entities_by_entry=found)
    return result

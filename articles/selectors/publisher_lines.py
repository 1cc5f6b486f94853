"""Reads of the per-publisher line table: the lines learned as each publisher's furniture."""

from __future__ import annotations

import datetime as dt
import time

from django.db.models import Q

from articles.models import PublisherLine

# The lines that are furniture: seen in enough articles and not overruled, or confirmed by an editor.
LEARNED = (Q(article_count__gte=PublisherLine.LEARN_AFTER) & ~Q(verdict=PublisherLine.Verdict.NEWS)) | Q(
    verdict=PublisherLine.Verdict.FURNITURE
)


# Every import parses with the learned lines: read them once per `_CACHE_SECONDS` per process, not
# once per file. A line learned in another process reaches this one that much later; what was
# imported meanwhile is put right by `reclean_articles`.
_CACHE_SECONDS = 30.0
_cache: dict[str, tuple[float, dict[str, frozenset[str]]]] = {}


def learned_furniture() -> dict[str, frozenset[str]]:
    """{publisher: fingerprints of its learned furniture lines}, for the parser."""
    cached = _cache.get("learned")
    if cached is not None and time.monotonic() - cached[0] < _CACHE_SECONDS:
        return cached[1]
    found: dict[str, set[str]] = {}
    for publisher, fingerprint in PublisherLine.objects.filter(LEARNED).values_list("publisher", "fingerprint"):
        found.setdefault(publisher, set()).add(fingerprint)
    learned = {publisher: frozenset(fingerprints) for publisher, fingerprints in found.items()}
    _cache["learned"] = (time.monotonic(), learned)
    return learned


def learned_furniture_forget() -> None:
    """Drop this process's copy of the learned lines (the table changed)."""
    _cache.clear()


def learned_lines(*, publisher: str | None = None, since: dt.datetime | None = None):
    """The learned lines (of one publisher; learned or decided since a time), newest first."""
    lines = PublisherLine.objects.filter(LEARNED)
    if publisher is not None:
        lines = lines.filter(publisher=publisher)
    if since is not None:
        lines = lines.filter(learned_at__gte=since)
    return lines.order_by("-learned_at", "id")

"""Delete articles and entries without leaving a story with no canonical entry, or with two.

A duplicate points at its canonical entry (`on_delete=SET_NULL`). Deleting the canonical entry
of a story with two or more duplicates would make them all canonical at once, which the partial
unique index refuses; with one duplicate the story would silently change home. So, first, one
surviving duplicate is promoted and the others point at it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from articles.models import Article, Entry
from articles.services.facets import facet_counts_invalidate


def _canonical_handover(*, canonical_ids: Iterable[int], leaving: set[int]) -> None:
    """Before these canonical entries go, promote one of their duplicates that stays."""
    canonical_ids = list(canonical_ids)
    if not canonical_ids:
        return
    heirs: dict[int, list[int]] = defaultdict(list)
    for entry_id, canonical_id in (
        Entry.objects.filter(duplicate_of_id__in=canonical_ids)
        .exclude(id__in=leaving)
        .order_by("id")
        .values_list("id", "duplicate_of_id")
    ):
        heirs[canonical_id].append(entry_id)
    for canonical_id, (heir, *others) in heirs.items():
        # Order matters: the partial unique index allows one canonical row per story at a time.
        Entry.objects.filter(id__in=[canonical_id, *others]).update(duplicate_of_id=heir)
        Entry.objects.filter(id=heir).update(duplicate_of_id=None)


@transaction.atomic
def entries_delete(*, entry_ids: Iterable[int]) -> None:
    """Delete these entries (and their mentions); their stories keep one canonical entry."""
    leaving = set(entry_ids)
    canonical = Entry.objects.filter(id__in=leaving, duplicate_of__isnull=True).values_list("id", flat=True)
    _canonical_handover(canonical_ids=canonical, leaving=leaving)
    # Repeats first: deleting a canonical entry sets its leaving repeats' link to NULL before
    # they go, which would make them canonical side by side for a moment.
    Entry.objects.filter(id__in=leaving, duplicate_of__isnull=False).delete()
    Entry.objects.filter(id__in=leaving).delete()
    facet_counts_invalidate()


@transaction.atomic
def articles_delete(*, article_ids: Iterable[int]) -> None:
    """Delete these articles with their entries; stories they share with others stay findable."""
    article_ids = list(article_ids)
    entries_delete(entry_ids=Entry.objects.filter(article_id__in=article_ids).values_list("id", flat=True))
    Article.objects.filter(id__in=article_ids).delete()

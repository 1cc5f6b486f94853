"""The synthetic archive generator: deterministic, denormalised like an import, removable."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Actor, Article, Entry, EntryActor, Location
from articles.services.denorm import entry_denorm_refresh, entry_denorm_refresh_range
from articles.services.generate import PUBLISHER, archive_generate, synthetic_clear
from tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def archive_snapshot() -> list[tuple]:
    """What the archive says, independent of the ids the database handed out."""
    entries = Entry.objects.select_related("article", "duplicate_of").order_by("id")
    first_id = entries[0].id
    return [
        (
            e.article.headline,
            e.article.published_on,
            e.position,
            e.title,
            e.body,
            e.published_on,
            e.duplicate_of_id - first_id if e.duplicate_of_id else None,
            sorted(e.actors.values_list("name", flat=True)),
            sorted(e.locations.values_list("name", flat=True)),
            e.country_codes,
        )
        for e in entries
    ]


def denormalised_columns() -> dict[int, tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, actor_ids, location_ids, country_codes, search_vector::text FROM articles_entry")
        return {row[0]: row[1:] for row in cursor.fetchall()}


def test_the_same_seed_gives_the_same_archive():
    archive_generate(entries=300, seed=11)
    first = archive_snapshot()
    synthetic_clear()
    archive_generate(entries=300, seed=11)
    assert archive_snapshot() == first
    synthetic_clear()
    archive_generate(entries=300, seed=12)
    assert archive_snapshot() != first


def test_the_archive_has_the_promised_shape():
    summary = archive_generate(entries=400, seed=3)
    entries = Entry.objects.all()
    assert entries.count() == 400 == summary.entries
    assert Article.objects.filter(publisher=PUBLISHER).count() == summary.articles
    assert all(a.entry_count == a.entries.count() for a in Article.objects.all())
    duplicates = entries.exclude(duplicate_of=None)
    assert 0 < duplicates.count() < 40
    assert all(d.content_hash == d.duplicate_of.content_hash for d in duplicates)
    for entry in entries.filter(duplicate_of=None)[:50]:
        assert 1 <= len(entry.actor_ids) <= 4 and 1 <= len(entry.location_ids) <= 4
        for name in entry.actors.values_list("name", flat=True):
            assert name in entry.body  # bodies name what they mention, so full text finds it
    assert Location.objects.filter(kind="country").count() >= 2
    top = Actor.objects.order_by("-mention_count").first()
    assert top.mention_count == entries.canonical().filter(actor_ids__contains=[top.id]).count()


def test_denormalised_columns_equal_what_entry_denorm_refresh_computes():
    archive_generate(entries=300, seed=4)
    # An editor's rejection must be honoured by both the bulk and the per-entry refresh.
    EntryActor.objects.filter(pk__in=EntryActor.objects.order_by("id")[:25].values("pk")).update(source="rejected")
    ids = list(Entry.objects.values_list("id", flat=True))
    entry_denorm_refresh_range(first_id=min(ids), last_id=max(ids))
    bulk = denormalised_columns()
    Entry.objects.update(actor_ids=[], location_ids=[], country_codes=[], search_vector=None)
    entry_denorm_refresh(entry_ids=ids)
    assert denormalised_columns() == bulk
    assert all(columns[3] for columns in bulk.values())  # every entry has a search vector


def test_clear_removes_only_generated_data():
    real = EntryFactory(body="A real report written for this test.")
    archive_generate(entries=200, seed=2)
    with pytest.raises(CommandError, match="--clear"):
        call_command("generate_archive", entries=10)
    synthetic_clear()
    assert list(Entry.objects.values_list("id", flat=True)) == [real.id]
    assert not Actor.objects.filter(slug__startswith="synthetic-").exists()
    assert not Location.objects.filter(slug__startswith="synthetic-").exists()


def test_bad_sizes_are_refused_with_the_parameter_named():
    with pytest.raises(CommandError, match="--entries"):
        call_command("generate_archive", entries=0)
    with pytest.raises(CommandError, match="--batch"):
        call_command("generate_archive", entries=10, batch=0)


def test_after_clear_pages_no_longer_read_the_generated_counts():
    from articles.selectors.entries import EntryFilters
    from articles.selectors.facets import country_facet, date_histogram
    from articles.services.facets import facet_counts_refresh

    archive_generate(entries=300, seed=8)
    real = EntryFactory(body="A real report imported after the generated archive.", country_codes=["UA"])
    facet_counts_refresh()
    synthetic_clear()
    # The newest entry is still the real one, so only an explicit invalidation tells pages the
    # precomputed counts describe deleted entries.
    assert date_histogram(filters=EntryFilters()).total == 1
    assert [(item.value, item.count) for item in country_facet(filters=EntryFilters())] == [("UA", 1)]
    assert Entry.objects.get() == real

"""An import of new files adds its entries to the precomputed counts instead of recounting the
archive, and the result is what a full recount gives."""

import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from articles.models import Actor, Entry, Location
from articles.services import import_pool
from articles.services.denorm import mention_counts_refresh
from articles.services.facets import facet_counts_add, facet_counts_refresh
from tests.factories import ArticleFactory, EntryFactory

pytestmark = pytest.mark.django_db

SAMPLES = sorted((Path(settings.BASE_DIR) / "sample_data").glob("*.txt"))


def counts() -> set:
    with connection.cursor() as cursor:
        cursor.execute("SELECT facet, value, n FROM articles_facet_counts WHERE facet <> 'refreshed'")
        return set(cursor.fetchall())


def pairs() -> dict[tuple[str, str], set]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT filter_facet, filter_value, facet, value, n FROM articles_facet_pairs")
        by_filter: dict[tuple[str, str], set] = {}
        for filter_facet, filter_value, *row in cursor.fetchall():
            by_filter.setdefault((filter_facet, filter_value), set()).add(tuple(row))
        return by_filter


def import_files(paths: list[Path], folder: Path) -> None:
    folder.mkdir()
    for path in paths:
        shutil.copy(path, folder / path.name)
    call_command("import_articles", str(folder), stdout=io.StringIO(), stderr=io.StringIO())


def mention_counts() -> set:
    return set(Actor.objects.values_list("id", "mention_count")) | {
        ("place", *row) for row in Location.objects.values_list("id", "mention_count")
    }


def test_a_run_of_new_files_adds_exactly_what_a_recount_finds(tmp_path, monkeypatch):
    # Every other sample file, then the others: among them later snapshots of the same live
    # blogs, repeating entries of the first run (they count once).
    import_files(SAMPLES[::2], tmp_path / "first")
    last_id = Entry.objects.order_by("-id").values_list("id", flat=True).first()
    facet_counts_refresh(pairs_from=3)
    big_before = set(pairs())
    assert big_before, "some countries and people must have precomputed pairs"

    def no_recount():
        raise AssertionError("a run of new files must add to the mention counts, not recount them")

    monkeypatch.setattr(import_pool, "mention_counts_refresh", no_recount)
    import_files(SAMPLES[1::2], tmp_path / "then")
    added_counts, added_pairs, added_mentions = counts(), pairs(), mention_counts()
    mention_counts_refresh()
    assert mention_counts() == added_mentions
    assert any(n > 0 for *_, n in added_mentions)
    assert Entry.objects.filter(id__gt=last_id, duplicate_of__id__lte=last_id).exists()

    facet_counts_refresh(pairs_from=3)
    assert added_counts == counts()
    recounted = pairs()
    # Filters that had pairs were added to; one that grew past the threshold gets them at the next
    # recount (until then pages count it live).
    assert set(added_pairs) == big_before
    for key, rows in added_pairs.items():
        assert rows == recounted[key], key


def test_entries_stored_since_the_last_count_make_it_recount(tmp_path):
    import_files(SAMPLES[:3], tmp_path / "first")
    EntryFactory(article=ArticleFactory(), title="Added by hand", country_codes=["UA"])
    new = EntryFactory(article=ArticleFactory(), title="Imported now", country_codes=["UA"])

    assert facet_counts_add(entry_ids=[new.pk]) is False  # the stray entry was never counted

    before = counts()
    facet_counts_refresh()
    assert counts() == before
    assert ("max_entry_id", "", new.pk) in before


def test_an_empty_archive_is_recounted_not_added_to():
    entry = EntryFactory(country_codes=["SD"])
    assert facet_counts_add(entry_ids=[entry.pk]) is False
    assert ("country", "SD", 1) in counts()


def counts_current() -> bool:
    from articles.selectors.counts import PRECOMPUTED_FRESH_SQL

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {PRECOMPUTED_FRESH_SQL}")
        return cursor.fetchone()[0]


def test_an_editors_merge_sends_pages_to_live_counts_until_the_next_import_recounts(tmp_path):
    from articles.services.actors import actor_merge

    import_files(SAMPLES[:4], tmp_path / "first")
    assert counts_current()
    source, target = Actor.objects.people().order_by("-mention_count")[:2]
    source_id = source.pk

    actor_merge(source=source, target=target)

    assert not counts_current()  # the precomputed rows still count the merged-away actor
    import_files(SAMPLES[4:6], tmp_path / "then")
    assert counts_current()
    imported = counts()
    facet_counts_refresh()
    assert counts() == imported
    assert not any(facet == "actor" and value == str(source_id) for facet, value, _ in imported)
    assert any(facet == "actor" and value == str(target.pk) for facet, value, _ in imported)

"""`archive_backup` then `archive_restore` gives back exactly what was there."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from articles.models import Article, Entry
from tests.factories import ActorFactory, ArticleFactory, EntryFactory


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_app_config("articles").get_models()}


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_gives_back_identical_counts(tmp_path):
    for n in range(3):
        article = ArticleFactory(headline=f"Shelling near the river crossing, day {n}")
        for position in range(4):
            EntryFactory(article=article, position=position)
    ActorFactory(name="A Regional Governor", slug="a-regional-governor")
    before = row_counts()
    headlines = sorted(Article.objects.values_list("headline", flat=True))
    assert before["articles.Entry"] == 12

    dump = tmp_path / "archive.dump"
    call_command("archive_backup", output=dump)
    assert dump.stat().st_size > 0

    Entry.objects.all().delete()
    Article.objects.all().delete()
    assert row_counts()["articles.Article"] == 0

    call_command("archive_restore", str(dump), interactive=False)
    assert row_counts() == before
    assert sorted(Article.objects.values_list("headline", flat=True)) == headlines
    # The sequences came back too: a new row does not collide with a restored one.
    ArticleFactory(headline="Filed after the restore")


@pytest.mark.django_db
def test_restore_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such backup file"):
        call_command("archive_restore", str(tmp_path / "nope.dump"), interactive=False)


@pytest.mark.django_db(transaction=True)
def test_restore_of_a_corrupt_file_fails_and_changes_nothing(tmp_path):
    ArticleFactory(headline="Aid convoy reaches the northern villages")
    junk = tmp_path / "junk.dump"
    junk.write_bytes(b"PGDMP this is not really a dump\x00\x01")
    with pytest.raises(CommandError, match="pg_restore failed"):
        call_command("archive_restore", str(junk), interactive=False)
    assert Article.objects.count() == 1

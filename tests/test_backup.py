"""`archive_backup` then `archive_restore` gives back exactly what was there."""

import io
import stat

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

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


# --- What a backup holds and who may read it; what a restore accepts (issue 17, item 16) ---------


@pytest.mark.django_db
def test_a_backup_is_private_and_never_written_through_a_planted_link(tmp_path):
    ArticleFactory(headline="Aid convoy reaches the northern villages")
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file\n")
    dump = tmp_path / "archive.dump"
    (tmp_path / "archive.dump.partial").symlink_to(victim)  # where the partial used to be written

    call_command("archive_backup", output=dump, stdout=io.StringIO())
    assert victim.read_text() == "someone else's file\n"
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600 and not dump.is_symlink()
    assert not list(tmp_path.glob(".archive.dump.*.partial"))

    dump.unlink()
    dump.symlink_to(victim)  # a link at the output itself is replaced, not followed
    call_command("archive_backup", output=dump, stdout=io.StringIO())
    assert victim.read_text() == "someone else's file\n" and not dump.is_symlink()


@pytest.mark.django_db(transaction=True)
def test_sessions_are_left_out_of_a_backup(tmp_path, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.org", "a-long-password-1"))
    ArticleFactory(headline="Aid convoy reaches the northern villages")
    assert Session.objects.count() == 1
    dump = tmp_path / "archive.dump"
    call_command("archive_backup", output=dump, stdout=io.StringIO())
    call_command("archive_restore", str(dump), interactive=False, stdout=io.StringIO())
    assert Article.objects.count() == 1 and django_user_model.objects.count() == 1
    assert Session.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_dump_of_newer_code_is_refused_and_nothing_changes(tmp_path):
    ArticleFactory(headline="Aid convoy reaches the northern villages")
    recorder = MigrationRecorder(connection)
    recorder.record_applied("articles", "9999_from_the_future")
    try:
        dump = tmp_path / "future.dump"
        call_command("archive_backup", output=dump, stdout=io.StringIO())
        ArticleFactory(headline="Filed after the backup")
        with pytest.raises(CommandError, match=r"newer code.*articles\.9999_from_the_future.*Nothing was restored"):
            call_command("archive_restore", str(dump), interactive=False)
        assert Article.objects.count() == 2
    finally:
        recorder.record_unapplied("articles", "9999_from_the_future")


@pytest.mark.django_db(transaction=True)
def test_a_dump_of_older_code_is_restored_and_the_migrate_to_run_is_named(tmp_path):
    ArticleFactory(headline="Aid convoy reaches the northern villages")
    recorder = MigrationRecorder(connection)
    recorder.record_unapplied("articles", "0011_article_byline")
    try:
        dump = tmp_path / "older.dump"
        call_command("archive_backup", output=dump, stdout=io.StringIO())
        out = io.StringIO()
        call_command("archive_restore", str(dump), interactive=False, stdout=out)
        assert "1 migration(s) are not applied yet" in out.getvalue()
        assert "Run: python manage.py migrate" in out.getvalue()
    finally:
        recorder.record_applied("articles", "0011_article_byline")


@pytest.mark.django_db
def test_end_of_input_at_the_prompt_is_a_clean_cancel(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="Restore cancelled; nothing was changed"):
        call_command("archive_restore", str(tmp_path / "any.dump"), stdout=io.StringIO())

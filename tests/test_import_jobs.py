"""`import_articles --jobs N`: worker processes store exactly what one process stores.

The workers are forked processes with their own connections, so the data must be committed
(`transaction=True`).
"""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Actor, Article, Entry, EntryActor, EntryLocation, Location
from articles.services.deletion import articles_delete

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The sample archive (live blogs repeating each other's entries), a file that repeats one of
    them under another name, and one file that cannot be imported."""
    for path in sorted((Path(settings.BASE_DIR) / "sample_data").glob("*.txt")):
        shutil.copy(path, tmp_path / path.name)
    first = sorted(tmp_path.glob("*.txt"))[0]
    shutil.copy(first, tmp_path / "zz_same_text_other_name.txt")
    (tmp_path / "zz_binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    return tmp_path


def run(folder: Path, jobs: str) -> dict:
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of .* file\\(s\\) failed"):
        call_command("import_articles", str(folder), "--json", "--jobs", jobs, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def report_without_ids(document: dict) -> list[dict]:
    """Each file's report minus row ids and which copy of a repeated story is canonical: with
    several workers the copy committed first wins, so that may differ between runs."""
    files = []
    for item in document["files"]:
        item = dict(item, article_id=None)
        item["entries"] = [dict(e, id=None, duplicate_of=None) for e in item.get("entries", [])]
        files.append(item)
    return files


def archive_contents() -> dict:
    """Everything stored, by natural keys (not ids)."""
    entries = Entry.objects.values_list("article__source_file", "position", "title", "published_on", "content_hash")
    return {
        "articles": sorted(Article.objects.values_list("source_file", "headline", "published_on", "entry_count")),
        "entries": sorted(entries, key=str),
        "canonical_per_story": sorted(
            Entry.objects.filter(duplicate_of__isnull=True).values_list("content_hash", flat=True)
        ),
        "actors": sorted(Actor.objects.values_list("name", "slug", "kind", "mention_count")),
        "locations": sorted(Location.objects.values_list("name", "slug", "kind", "country_code", "mention_count")),
        "actor_mentions": sorted(
            EntryActor.objects.values_list("entry__article__source_file", "entry__position", "actor__slug", "count")
        ),
        "location_mentions": sorted(
            EntryLocation.objects.values_list(
                "entry__article__source_file", "entry__position", "location__slug", "count"
            )
        ),
        "vectors_missing": Entry.objects.filter(search_vector__isnull=True).count(),
    }


def archive_empty() -> None:
    articles_delete(article_ids=Article.objects.values_list("pk", flat=True))
    Actor.objects.all().delete()
    Location.objects.all().delete()


def test_two_workers_store_what_one_process_stores(folder):
    one = run(folder, "1")
    stored_by_one = archive_contents()
    archive_empty()

    two = run(folder, "2")

    assert archive_contents() == stored_by_one
    assert stored_by_one["vectors_missing"] == 0
    assert len(stored_by_one["canonical_per_story"]) == len(set(stored_by_one["canonical_per_story"]))
    assert report_without_ids(two) == report_without_ids(one)
    assert [f["file"] for f in two["files"]] == sorted(str(p) for p in folder.glob("*.txt"))
    summary = {k: v for k, v in two["summary"].items() if k != "seconds"}
    assert summary == {k: v for k, v in one["summary"].items() if k != "seconds"}
    assert summary["failed"] == 1 and summary["unchanged"] == 1


def test_a_second_run_with_workers_changes_nothing(folder):
    run(folder, "2")
    stored = archive_contents()

    again = run(folder, "0")  # one worker per CPU

    assert archive_contents() == stored
    assert {f["status"] for f in again["files"]} == {"unchanged", "failed"}


@pytest.mark.parametrize("value", ["-1", "two"])
def test_a_bad_jobs_value_is_a_clear_error(folder, value):
    with pytest.raises((CommandError, SystemExit)) as raised:
        call_command("import_articles", str(folder), "--jobs", value, stdout=io.StringIO(), stderr=io.StringIO())
    if isinstance(raised.value, CommandError):
        assert "--jobs" in str(raised.value)
    assert not Article.objects.exists()

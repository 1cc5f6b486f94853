"""The import service and the `import_articles` command, on real PostgreSQL."""

import io
import json
import random
import string
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles.extraction import ActorMention, EntryEntities, Extractor, LocationMention
from articles.models import Actor, Article, Entry, EntryActor, MentionSource
from articles.selectors.publisher_lines import learned_furniture
from articles.services.import_files import source_files
from articles.services.imports import article_import
from tests.test_parsing import SEEDS, seed_cases
from tests.test_parsing_dates import DATED_BLOG as PARSED_DATED_BLOG

LIVE_BLOG = """\
date 2025-02-03 River crossing live: convoy reaches the northern bank
Negotiators meet again in the capital after a week of pauses
Relief workers said the first lorries crossed the bridge at dawn.
Bridge reopens to civilian traffic
Engineers checked the structure overnight and declared it safe for light vehicles.
Clinics in the valley run short of insulin
Doctors said stocks would last no more than four days.
"""


class NamingExtractor(Extractor):
    """A real extractor subclass with a fixed vocabulary, so tests see mentions stored."""

    def extract_article(self, *, headline, standfirst, entries):
        found = []
        for title, body in entries:
            text = f"{title or ''} {body}"
            actors = [ActorMention("Mira Okafor", "person")] if "Engineers" in text else []
            locations = [LocationMention("Valley Town", "city", "UA")] if "valley" in text else []
            found.append(EntryEntities(actors=actors, locations=locations))
        return found


class BrokenExtractor(Extractor):
    """Returns an actor kind the database cannot hold: the store fails half way."""

    def extract_article(self, *, headline, standfirst, entries):
        return [EntryEntities(actors=[ActorMention("Someone", "x" * 40)]) for _ in entries]


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def run_command(*args) -> tuple[dict, str, int]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import_articles", *map(str, args), "--json", stdout=out, stderr=err)
    except CommandError as error:
        code = error.returncode
    return json.loads(out.getvalue()), err.getvalue(), code


@pytest.mark.django_db
def test_a_new_file_becomes_an_article_with_dated_entries(tmp_path):
    report = article_import(path=write(tmp_path, "river.txt", LIVE_BLOG), extractor=NamingExtractor())
    assert report.status == "new", report.error
    article = Article.objects.get()
    assert (article.source_file, article.entry_count) == ("river.txt", 3)
    entries = list(article.entries.order_by("position"))
    assert [e.title for e in entries] == [
        None,
        "Bridge reopens to civilian traffic",
        "Clinics in the valley run short of insulin",
    ]
    assert {str(e.published_on) for e in entries} == {"2025-02-03"}
    assert entries[1].actor_ids == [Actor.objects.get(name="Mira Okafor").pk]
    assert entries[2].country_codes == ["UA"]
    assert entries[1].search_vector is not None


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = write(tmp_path, "river.txt", LIVE_BLOG)
    first = article_import(path=path, extractor=NamingExtractor())
    second = article_import(path=path, extractor=NamingExtractor())
    assert (first.status, second.status) == ("new", "unchanged")
    assert second.article_id == first.article_id
    assert [e.entry_id for e in second.entries] == [e.entry_id for e in first.entries]
    assert second.entries[1].actors == [{"name": "Mira Okafor", "kind": "person"}]
    assert Article.objects.count() == 1 and Entry.objects.count() == 3


@pytest.mark.django_db
def test_an_unchanged_file_is_not_extracted_again(tmp_path):
    calls = []

    class CountingExtractor(NamingExtractor):
        def extract_article(self, **kwargs):
            calls.append(kwargs["headline"])
            return super().extract_article(**kwargs)

    path = write(tmp_path, "river.txt", LIVE_BLOG)
    article_import(path=path, extractor=CountingExtractor())
    article_import(path=path, extractor=CountingExtractor())
    assert len(calls) == 1


@pytest.mark.django_db
def test_the_same_text_under_another_name_points_to_the_existing_article(tmp_path):
    first = article_import(path=write(tmp_path, "a.txt", LIVE_BLOG), extractor=None)
    copy = article_import(path=write(tmp_path, "b.txt", LIVE_BLOG.replace("\n", "\r\n")), extractor=None)
    assert copy.status == "unchanged"
    assert copy.article_id == first.article_id
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_an_edited_file_updates_in_place_keeping_ids_and_editors_fixes(tmp_path):
    path = write(tmp_path, "river.txt", LIVE_BLOG)
    first = article_import(path=path, extractor=NamingExtractor())
    bridge_id = first.entries[1].entry_id
    clinic_id = first.entries[2].entry_id
    editor_pick = Actor.objects.create(name="Port Authority", slug="port-authority", kind="organisation")
    EntryActor.objects.create(entry_id=bridge_id, actor=editor_pick, source=MentionSource.MANUAL)
    EntryActor.objects.filter(entry_id=bridge_id, actor__name="Mira Okafor").update(source=MentionSource.REJECTED)

    edited = LIVE_BLOG.replace(
        "Clinics in the valley run short of insulin\nDoctors said stocks would last no more than four days.\n",
        "Schools reopen in the valley\nTeachers returned to three schools.\n"
        "Bridge reopens to civilian traffic\n"
        "Engineers checked the structure overnight and declared it safe for light vehicles.\n"
        "A second inspection is due next week.\n",
    )
    write(tmp_path, "river.txt", edited)
    report = article_import(path=path, extractor=NamingExtractor())

    assert report.status == "updated", report.error
    assert report.article_id == first.article_id
    article = Article.objects.get()
    assert article.entry_count == 4
    assert list(article.entries.order_by("position").values_list("title", flat=True)) == [
        None,
        "Bridge reopens to civilian traffic",
        "Schools reopen in the valley",
        "Bridge reopens to civilian traffic",
    ]
    assert report.entries[1].entry_id == bridge_id
    assert not Entry.objects.filter(pk=clinic_id).exists()
    # The repeat inside the file is a duplicate of the kept entry.
    assert report.entries[3].duplicate_of.entry_id == bridge_id
    sources = dict(EntryActor.objects.filter(entry_id=bridge_id).values_list("actor__name", "source"))
    assert sources == {"Port Authority": "manual", "Mira Okafor": "rejected"}
    assert Entry.objects.get(pk=bridge_id).actor_ids == [editor_pick.pk]


@pytest.mark.django_db
def test_a_failure_half_way_leaves_nothing_behind(tmp_path):
    report = article_import(path=write(tmp_path, "river.txt", LIVE_BLOG), extractor=BrokenExtractor())
    assert report.status == "failed"
    assert "river.txt" in report.error
    assert Article.objects.count() == 0 and Entry.objects.count() == 0 and Actor.objects.count() == 0


@pytest.mark.django_db
def test_a_failed_update_keeps_the_previous_version(tmp_path):
    path = write(tmp_path, "river.txt", LIVE_BLOG)
    article_import(path=path, extractor=None)
    write(tmp_path, "river.txt", LIVE_BLOG + "Late news arrives\nA ferry docked at noon.\n")
    assert article_import(path=path, extractor=BrokenExtractor()).status == "failed"
    assert Article.objects.get().entry_count == 3 and Entry.objects.count() == 3


@pytest.mark.django_db
def test_a_story_repeated_across_files_is_stored_once_as_canonical(tmp_path):
    write(tmp_path, "one.txt", LIVE_BLOG)
    later = LIVE_BLOG.replace("date 2025-02-03 River", "date 2025-02-04 River").replace(
        "four days.", "four days.\nA delivery is expected on Friday."
    )
    write(tmp_path, "two.txt", later)
    first = article_import(path=tmp_path / "one.txt", extractor=None)
    second = article_import(path=tmp_path / "two.txt", extractor=None)
    assert [e.duplicate_of.entry_id if e.duplicate_of else None for e in second.entries] == [
        e.entry_id for e in first.entries
    ]
    assert Entry.objects.canonical().count() == 3


@pytest.mark.django_db
def test_deleting_a_canonical_entry_on_update_promotes_a_duplicate(tmp_path):
    write(tmp_path, "one.txt", LIVE_BLOG)
    write(tmp_path, "two.txt", LIVE_BLOG.replace("2025-02-03", "2025-02-04"))
    write(tmp_path, "three.txt", LIVE_BLOG.replace("2025-02-03", "2025-02-05"))
    for name in ("one.txt", "two.txt", "three.txt"):
        article_import(path=tmp_path / name, extractor=None)
    write(tmp_path, "one.txt", "Quiet day on the river\nNothing moved on the water today.\n")
    assert article_import(path=tmp_path / "one.txt", extractor=None).status == "updated"
    bridge = Entry.objects.filter(title="Bridge reopens to civilian traffic").order_by("id")
    canonical = [e for e in bridge if e.duplicate_of_id is None]
    assert len(canonical) == 1
    assert [e.duplicate_of_id for e in bridge if e != canonical[0]] == [canonical[0].pk]


@pytest.mark.django_db
@pytest.mark.skipif(not seed_cases(), reason="seed files are not available")
def test_importing_both_seeds_marks_their_shared_entries_as_duplicates():
    reports = [article_import(path=SEEDS / case["file"], extractor=None) for case in seed_cases()]
    assert [r.status for r in reports] == ["new", "new"]
    first_titles = {e.title: e.entry_id for e in reports[0].entries if e.title}
    shared = [e for e in reports[1].entries if e.title in first_titles]
    assert shared, "the seeds share at least one entry"
    for entry in shared:
        assert entry.duplicate_of is not None and entry.duplicate_of.entry_id == first_titles[entry.title]


@pytest.mark.django_db
def test_import_of_a_new_file_without_extraction_uses_a_fixed_number_of_queries(tmp_path, django_assert_num_queries):
    path = write(tmp_path, "river.txt", LIVE_BLOG)
    learned_furniture()  # read once per 30 s per process, not per file
    # savepoint, article insert, entries insert (search vector included), release
    with django_assert_num_queries(4):
        article_import(path=path, extractor=None)
    assert not Entry.objects.filter(search_vector__isnull=True).exists()
    assert Entry.objects.filter(search_vector="insulin").count() == 1


@pytest.mark.django_db
def test_missing_search_vectors_are_filled_by_the_next_import_of_the_file(tmp_path):
    path = write(tmp_path, "river.txt", LIVE_BLOG)
    article_import(path=path, extractor=None)
    Entry.objects.update(search_vector=None)
    # As if the run had been killed before filling them: the next import repairs it.
    assert article_import(path=path, extractor=None).status == "unchanged"
    assert Entry.objects.filter(search_vector="insulin").count() == 1


@pytest.mark.django_db
def test_a_ten_megabyte_file_with_a_huge_line_imports(tmp_path):
    rng = random.Random(7)
    vocabulary = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9))) for _ in range(150_000)]
    paragraphs = [" ".join(rng.choices(vocabulary, k=30)).capitalize() + "." for _ in range(45_000)]
    text = "A very long file\n" + "y" * 100_000 + "\n" + "\n".join(paragraphs)
    path = write(tmp_path, "huge.txt", text)
    assert path.stat().st_size > 10_000_000
    out = io.StringIO()
    call_command("import_articles", str(path), "--no-extract", stdout=out, stderr=io.StringIO())
    assert "1 new" in out.getvalue()
    # The search vector is built from a bounded prefix: a tsvector is capped at 1 MB.
    assert not Entry.objects.filter(search_vector__isnull=True).exists()


@pytest.mark.django_db
def test_re_import_reads_a_fixed_number_of_queries_whatever_the_entry_count(tmp_path, django_assert_num_queries):
    path = write(
        tmp_path, "river.txt", LIVE_BLOG + "Late news\nA ferry docked.\nMore late news\nA second ferry docked.\n"
    )
    article_import(path=path, extractor=NamingExtractor())
    # savepoint, article claim, lock, entries, actors, locations, duplicates, release
    with django_assert_num_queries(8):
        report = article_import(path=path, extractor=None)
    assert report.status == "unchanged" and len(report.entries) == 5


# --- The command ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_json_report_follows_the_documented_schema(tmp_path):
    write(tmp_path, "river.txt", LIVE_BLOG)
    document, _, code = run_command(tmp_path)
    assert code == 0
    assert set(document) == {"files", "summary"}
    (file_report,) = document["files"]
    assert set(file_report) == {
        "file", "status", "error", "article_id", "headline", "date", "date_precision", "standfirst", "publisher",
        "byline", "entries", "actors", "locations", "countries", "boilerplate_removed", "furniture_removed",
        "warnings", "corrections_kept",
    }  # fmt: skip
    assert file_report["status"] == "new" and file_report["date"] == "2025-02-03"
    assert file_report["date_precision"] == "day"
    entry = file_report["entries"][1]
    assert set(entry) == {"id", "position", "title", "date", "body", "captions", "duplicate_of", "actors", "locations"}
    assert entry["date"] == "2025-02-03"
    assert entry["title"] == "Bridge reopens to civilian traffic"
    assert set(document["summary"]) == {
        "files", "new", "updated", "unchanged", "failed", "entries", "duplicates", "actors", "locations",
        "seconds", "dry_run",
    }  # fmt: skip
    assert document["summary"]["entries"] == 3


@pytest.mark.django_db
def test_dry_run_previews_and_writes_nothing(tmp_path):
    write(tmp_path, "river.txt", LIVE_BLOG)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", str(tmp_path), "--dry-run", "--json", stdout=out, stderr=err)
    document = json.loads(out.getvalue())
    assert document["files"][0]["status"] == "new"
    assert len(document["files"][0]["entries"]) == 3
    assert document["summary"]["dry_run"] is True
    assert "Dry run" in err.getvalue()
    assert Article.objects.count() == 0 and Entry.objects.count() == 0 and Actor.objects.count() == 0


@pytest.mark.django_db
def test_bad_files_fail_with_one_line_errors_while_the_rest_import(tmp_path):
    write(tmp_path, "a-good.txt", LIVE_BLOG)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    write(tmp_path, "no-headline.txt", " date 2024-01-02 \n\n")
    missing = tmp_path / "missing.txt"
    document, err, code = run_command(tmp_path, missing)
    assert code == 1
    by_name = {Path(f["file"]).name: f for f in document["files"]}
    assert by_name["a-good.txt"]["status"] == "new"
    errors = {name: f["error"] for name, f in by_name.items() if f["status"] == "failed"}
    assert set(errors) == {"empty.txt", "image.txt", "no-headline.txt", "missing.txt"}
    assert "file is empty" in errors["empty.txt"]
    assert "binary" in errors["image.txt"]
    assert "no headline" in errors["no-headline.txt"]
    assert "cannot be read" in errors["missing.txt"]
    for name, message in errors.items():
        assert name in message and "\n" not in message
        assert name in err
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_exit_status_is_zero_when_every_file_imports_and_a_summary_is_printed(tmp_path):
    write(tmp_path, "river.txt", LIVE_BLOG)
    out = io.StringIO()
    call_command("import_articles", str(tmp_path), "--date", "2024-05-06", stdout=out, stderr=io.StringIO())
    assert "1 file(s): 1 new, 0 updated, 0 unchanged, 0 failed; 3 entries" in out.getvalue()
    assert Entry.objects.filter(search_vector="engineers").count() == 1


@pytest.mark.django_db
def test_date_option_dates_undated_files_and_rejects_bad_values(tmp_path):
    write(tmp_path, "plain.txt", "Ceasefire holds\nThe ceasefire held for a third day.\n")
    call_command("import_articles", str(tmp_path), "--date", "2024-05-06", stdout=io.StringIO())
    assert str(Entry.objects.get().published_on) == "2024-05-06"
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import_articles", str(tmp_path), "--date", "06/05/2024")


def test_folders_are_walked_for_txt_files_and_symlink_loops_end(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.txt", "x")
    write(tmp_path, "a.txt", "x")
    write(tmp_path, "notes.md", "x")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = source_files([str(tmp_path), str(tmp_path / "a.txt")])
    assert sorted(f.path.name for f in found) == ["a.txt", "b.txt"]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_imports_of_one_file_give_one_article(tmp_path):
    path = write(tmp_path, "river.txt", LIVE_BLOG)
    barrier = threading.Barrier(2)
    reports = []

    def worker():
        try:
            barrier.wait()
            reports.append(article_import(path=path, extractor=NamingExtractor()))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status for r in reports) == ["new", "unchanged"], [r.error for r in reports]
    assert Article.objects.count() == 1
    assert Entry.objects.count() == 3
    assert Entry.objects.canonical().count() == 3


# The parser's dated live blog, with a byline instead of its "Updated …" line.
DATED_BLOG = PARSED_DATED_BLOG.replace("Updated Fri 6 Dec 2024 09.15 GMT\n", "By Ada Lindqvist\n")


@pytest.mark.django_db
def test_entries_keep_the_dates_of_their_time_stamps_and_the_byline_is_stored(tmp_path):
    report, _, code = run_command(write(tmp_path, "strike.txt", DATED_BLOG), "--no-extract")
    assert code == 0
    article = Article.objects.get()
    assert (str(article.published_on), article.byline) == ("2024-12-05", "Ada Lindqvist")
    stored = list(article.entries.order_by("position").values_list("published_on", "date_precision"))
    assert [(str(day), precision) for day, precision in stored] == [
        ("2024-12-05", "day"),
        ("2024-12-06", "day"),
        ("2024-12-05", "day"),
    ]
    (file_report,) = report["files"]
    assert file_report["byline"] == "Ada Lindqvist"
    assert [entry["date"] for entry in file_report["entries"]] == ["2024-12-05", "2024-12-06", "2024-12-05"]
    # Unchanged on a second run: the report reads the stored dates back.
    again, _, _ = run_command(tmp_path / "strike.txt", "--no-extract")
    assert again["files"][0]["status"] == "unchanged"
    assert [entry["date"] for entry in again["files"][0]["entries"]] == ["2024-12-05", "2024-12-06", "2024-12-05"]


@pytest.mark.django_db
def test_an_edited_file_updates_its_entries_dates_and_byline(tmp_path):
    path = write(tmp_path, "strike.txt", DATED_BLOG)
    run_command(path, "--no-extract")
    kept_id = Entry.objects.get(position=1).pk
    write(tmp_path, "strike.txt", DATED_BLOG.replace("Friday 6 December", "Saturday 7 December").replace("Ada", "Eva"))
    report, _, _ = run_command(path, "--no-extract")
    assert report["files"][0]["status"] == "updated"
    entry = Entry.objects.get(pk=kept_id)  # the same story keeps its id and takes the new date
    assert str(entry.published_on) == "2024-12-07"
    assert Article.objects.get().byline == "Eva Lindqvist"


TIMED_BLOG = """\
date 2025-02-04 Harbour live: ferries return
10:21 p.m.: Last ferry of the day docks safely
Passengers cheered as it tied up.
14.05 GMT
Port officials said twelve crossings ran on time.
"""


@pytest.mark.django_db
def test_posts_keep_their_time_of_day_and_zone_through_import_and_update(tmp_path):
    path = write(tmp_path, "harbour.txt", TIMED_BLOG)
    assert article_import(path=path, extractor=NamingExtractor()).status == "new"
    stored = list(Entry.objects.order_by("position").values_list("published_time", "time_zone"))
    assert [(str(t), zone) for t, zone in stored] == [("22:21:00", ""), ("14:05:00", "GMT")]

    write(tmp_path, "harbour.txt", TIMED_BLOG.replace("14.05 GMT", "15.30 BST"))
    assert article_import(path=path, extractor=NamingExtractor()).status == "updated"
    assert Entry.objects.get(position=1).published_time.isoformat() == "15:30:00"
    assert Entry.objects.get(position=1).time_zone == "BST"

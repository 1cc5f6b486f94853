"""An importer that trusts no file (articles/services/import_files.py, articles/parse/limits.py):
links, keys relative to the import root, files changing while read, size and entry caps,
control characters in text and in file names, names longer than their column."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.extraction import MAX_NAME_CHARS, Extractor
from articles.models import Actor, Article, Entry, Location
from articles.parse.limits import body_pieces
from articles.parsing import decode_text
from articles.selectors.entries import SNIPPET_SOURCE_CHARS, EntryFilters, entry_page
from articles.services import import_files
from articles.services.imports import article_import
from tests.factories import ArticleFactory, entry_with_mentions

FERRY_BLOG = """\
date 2025-06-11 Lake ferry live: the northern pier reopens
Harbour staff cleared the wreck overnight
Divers lifted the last timbers out of the channel before sunrise.
Ferries sail again on the morning timetable
The first boat left with forty passengers and a lorry of flour.
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def run_command(*args) -> tuple[dict, str, int]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import_articles", *map(str, args), "--json", "--no-extract", stdout=out, stderr=err)
    except CommandError as error:
        code = error.returncode
    return json.loads(out.getvalue()), err.getvalue(), code


# --- Links (item 6) ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_symlinked_file_is_refused_named_directly_or_found_in_a_folder(tmp_path):
    secret = write(tmp_path / "elsewhere", "secret.txt", "Private notes\nThe door code is written here.\n")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "notes.txt").symlink_to(secret)
    for target in (archive, archive / "notes.txt"):
        document, _, code = run_command(target)
        assert code == 1
        [report] = document["files"]
        assert report["status"] == "failed" and "is a symbolic link" in report["error"]
        assert "notes.txt" in report["error"]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_linked_folder_may_point_inside_the_import_root_but_not_out_of_it(tmp_path):
    archive = tmp_path / "archive"
    write(archive / "2024", "ferry.txt", FERRY_BLOG)
    write(tmp_path / "outside", "leak.txt", "Leaked memo\nNobody meant this to be published.\n")
    (archive / "latest").symlink_to(archive / "2024", target_is_directory=True)
    (archive / "leak").symlink_to(tmp_path / "outside", target_is_directory=True)
    document, _, code = run_command(archive)
    by_file = {Path(r["file"]).name: r for r in document["files"]}
    assert by_file["ferry.txt"]["status"] == "new"  # once: the linked copy is the same real file
    assert by_file["leak.txt"]["status"] == "failed"
    assert "outside the import root" in by_file["leak.txt"]["error"]
    assert code == 1 and Article.objects.count() == 1


# --- Keys relative to the import root (item 7) ----------------------------------------------------


@pytest.mark.django_db
def test_the_same_name_in_two_folders_is_two_articles_that_stay_put(tmp_path):
    write(tmp_path / "2024", "live.txt", FERRY_BLOG)
    write(tmp_path / "2025", "live.txt", FERRY_BLOG.replace("2025-06-11", "2026-01-02").replace("forty", "ninety"))
    first, _, _ = run_command(tmp_path)
    assert [r["status"] for r in first["files"]] == ["new", "new"]
    assert sorted(Article.objects.values_list("source_file", flat=True)) == ["2024/live.txt", "2025/live.txt"]
    ids = sorted(Entry.objects.values_list("id", flat=True))

    again, _, _ = run_command(tmp_path)
    assert [r["status"] for r in again["files"]] == ["unchanged", "unchanged"]
    assert sorted(Entry.objects.values_list("id", flat=True)) == ids


@pytest.mark.django_db
def test_an_article_keyed_by_its_bare_name_moves_to_its_relative_key(tmp_path):
    path = write(tmp_path / "2024", "live.txt", FERRY_BLOG)
    old = article_import(path=path, extractor=None)  # keyed "live.txt", as every import was before
    assert Article.objects.get().source_file == "live.txt"
    write(tmp_path / "2025", "live.txt", FERRY_BLOG.replace("forty", "ninety"))

    dry, _, _ = run_command(tmp_path, "--dry-run")
    document, _, code = run_command(tmp_path)
    assert code == 0
    assert [r["status"] for r in dry["files"]] == [r["status"] for r in document["files"]] == ["unchanged", "new"]
    assert Article.objects.get(pk=old.article_id).source_file == "2024/live.txt"
    assert Article.objects.filter(source_file="2025/live.txt").exists()


# --- A file that changes while it is read (item 14) --------------------------------------------


@pytest.mark.django_db
def test_a_file_that_grows_while_it_is_read_is_refused_for_this_run(tmp_path, monkeypatch):
    path = write(tmp_path, "ferry.txt", FERRY_BLOG)
    real_chunks = import_files._chunks

    def chunks_while_a_writer_appends(fd, *, limit):
        for n, chunk in enumerate(real_chunks(fd, limit=limit)):
            if n == 0:  # another process appends, between two reads
                with path.open("a") as writer:
                    writer.write("A late line arrived while the file was being read.\n")
            yield chunk

    monkeypatch.setattr(import_files, "_chunks", chunks_while_a_writer_appends)
    report = article_import(path=path, extractor=None)
    assert report.failed and "changed while it was read" in report.error and "ferry.txt" in report.error
    assert not Article.objects.exists()

    monkeypatch.undo()
    again = article_import(path=path, extractor=None)
    assert again.status == "new", again.error  # the next run reads it whole


# --- Caps on huge input (item 8) -----------------------------------------------------------------


def test_a_long_body_is_cut_at_paragraph_breaks_then_spaces_then_anywhere():
    assert body_pieces("aaaa bbbb\n\ncccc dddd", 12) == ["aaaa bbbb", "cccc dddd"]
    assert body_pieces("aaaa bbbb cccc", 10) == ["aaaa bbbb", "cccc"]
    assert body_pieces("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert body_pieces("short", 10) == ["short"]


@pytest.mark.django_db
def test_an_entry_over_the_cap_is_split_into_entries_and_nothing_is_lost(tmp_path, settings):
    settings.IMPORT_MAX_ENTRY_CHARS = 120
    paragraphs = [f"Paragraph {n} says the pier crews worked through the night again." for n in range(6)]
    path = write(tmp_path, "long.txt", "Pier works go on\n" + "\n".join(paragraphs) + "\n")
    report = article_import(path=path, extractor=None)
    assert report.status == "new"
    bodies = list(Entry.objects.order_by("position").values_list("body", flat=True))
    assert len(bodies) > 1 and all(len(body) <= 120 for body in bodies)
    assert [p for body in bodies for p in body.split("\n\n")] == paragraphs
    assert any("IMPORT_MAX_ENTRY_CHARS" in warning for warning in report.warnings)
    assert article_import(path=path, extractor=None).status == "unchanged"


@pytest.mark.django_db
def test_a_file_with_too_many_entries_or_bytes_is_refused_naming_the_setting(tmp_path, settings):
    settings.IMPORT_MAX_ENTRIES = 1
    report = article_import(path=write(tmp_path, "ferry.txt", FERRY_BLOG), extractor=None)
    assert report.failed and "IMPORT_MAX_ENTRIES" in report.error and "ferry.txt" in report.error
    settings.IMPORT_MAX_ENTRIES = 100
    settings.IMPORT_MAX_FILE_BYTES = 50
    report = article_import(path=tmp_path / "ferry.txt", extractor=None)
    assert report.failed and "IMPORT_MAX_FILE_BYTES" in report.error
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_snippets_are_built_from_a_bounded_prefix_of_the_body():
    filler = " ".join(f"pier{n % 97} crews" for n in range(SNIPPET_SOURCE_CHARS // 10))
    assert len(filler) > SNIPPET_SOURCE_CHARS
    entry_with_mentions(article=ArticleFactory(), position=0, title=None, body=f"Ceasefire talks. {filler} Ferry.")
    (late,) = entry_page(filters=EntryFilters(q="ferry"), offset=0, limit=10)
    assert "<mark>" not in late.snippet  # found by the search vector, not highlighted past the prefix
    (early,) = entry_page(filters=EntryFilters(q="ceasefire"), offset=0, limit=10)
    assert "<mark>Ceasefire</mark>" in early.snippet


# --- Control characters (items 5 and 17) ---------------------------------------------------------


def test_decoding_drops_c0_controls_but_keeps_tabs_and_line_ends():
    prose = "The pier crews worked through the night. " * 5
    text = decode_text(f"Pier\x1b[2J news\x07\r\ncrews\tworked\x0bon\x00\n{prose}".encode())
    assert text == f"Pier[2J news\r\ncrews\tworked on\n{prose}"
    assert decode_text("Pier\x08 news\n".encode("utf-16")) == "Pier news\n"


@pytest.mark.django_db
def test_an_entry_with_control_characters_does_not_break_the_feed(tmp_path, client):
    article_import(path=write(tmp_path, "ferry.txt", FERRY_BLOG.replace("Divers", "Div\x01ers\x1f")), extractor=None)
    response = client.get("/entries.atom")
    assert response.status_code == 200
    assert b"Divers" in response.content


@pytest.mark.django_db
def test_file_names_with_control_characters_are_printed_escaped(tmp_path):
    write(tmp_path, "bad\x1b]0;owned\x07.txt", "")
    write(tmp_path, "odd\x1b[2K.txt", "date 2024-99-99 A headline\nBody text of the odd file.\n")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path), "--no-extract", stdout=out, stderr=err)
    printed = out.getvalue() + err.getvalue()
    assert "\x1b" not in printed and "\x07" not in printed
    assert "bad\\x1b]0;owned\\x07.txt" in printed


# --- Names longer than their column (item 13) ------------------------------------------------------

LONG_NAME = "Q" + "w" * 400  # read as a surname by the real extractor
LONG_NAME_TEXT = f"""\
date 2025-06-12 Harbour talks resume
Officials said {LONG_NAME} Smith met Anna Kovacs in Kyiv. {LONG_NAME} Smith said later that talks would go on.
"""


def test_the_name_limit_is_the_columns_limit():
    assert MAX_NAME_CHARS == Actor._meta.get_field("name").max_length == Location._meta.get_field("name").max_length


@pytest.mark.django_db
def test_a_name_longer_than_its_column_is_skipped_alike_in_dry_run_import_and_reextract(tmp_path):
    path = write(tmp_path, "talks.txt", LONG_NAME_TEXT)
    extractor = Extractor()
    dry = article_import(path=path, extractor=extractor, dry_run=True)
    real = article_import(path=path, extractor=extractor)
    assert dry.status == real.status == "new"
    assert dry.actors() == real.actors()
    assert all(len(actor["name"]) <= MAX_NAME_CHARS for actor in real.actors())
    assert Actor.objects.exists() and not Actor.objects.filter(name__startswith="Qwww").exists()

    out = io.StringIO()
    call_command("reextract", "--skip-alias-sync", stdout=out, stderr=io.StringIO())
    assert "re-extracted 1 articles" in out.getvalue()

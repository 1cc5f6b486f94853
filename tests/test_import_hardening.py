"""The importer under faults, concurrency and hostile files: nothing partial, nothing twice,
a clear error per bad file, the run goes on, and the exit status says something failed.

The imports run as real `manage.py import_articles` processes against the test database,
so the tests use committed data (`transaction=True`)."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from articles.models import Article, Entry

pytestmark = pytest.mark.django_db(transaction=True)

FAULT_MARKER = "Kestrelmark"


def live_blog(headline: str, sections: int, marker_at: int | None = None) -> str:
    """A small live blog in the importers' input shape, written for these tests."""
    lines = [f"date 2024-03-{sections:02d} {headline}", "", "A short summary of the day's events on the front.", ""]
    for n in range(sections):
        lines += [f"Update {n} from the eastern sector", ""]
        marker = f" The {FAULT_MARKER} convoy was mentioned." if n == marker_at else ""
        lines += [f"Local officials reported item {n} of {headline.lower()} near the river.{marker}", ""]
    return "\n".join(lines)


def database_env() -> dict[str, str]:
    """Environment for a child process that talks to this test's database."""
    config = connection.settings_dict
    url = f"postgres://{quote(config['USER'])}@/{quote(config['NAME'])}?host={quote(str(config['HOST']))}"
    if config.get("PORT"):
        url = f"postgres://{quote(config['USER'])}@{config['HOST']}:{config['PORT']}/{quote(config['NAME'])}"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "archive.settings", "CONN_MAX_AGE": "0"})
    return env


def import_command(*paths: Path, extra: tuple[str, ...] = ()) -> list[str]:
    return [sys.executable, "manage.py", "import_articles", *map(str, paths), "--json", *extra]


def run_import(*paths: Path, extra: tuple[str, ...] = (), timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        import_command(*paths, extra=extra),
        cwd=settings.BASE_DIR,
        env=database_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def report(result: subprocess.CompletedProcess) -> dict:
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return json.loads(result.stdout)


def files_by_name(document: dict) -> dict[str, dict]:
    return {Path(item["file"]).name: item for item in document["files"]}


def assert_whole(article: Article, expected_entries: int) -> None:
    positions = sorted(article.entries.values_list("position", flat=True))
    assert len(positions) == expected_entries, article.headline
    assert positions == list(range(len(positions))), article.headline
    assert article.entry_count == expected_entries


def expected_entry_counts(folder: Path) -> dict[str, int]:
    """What the importer itself would store per file, from its dry-run preview."""
    preview = report(run_import(folder, extra=("--dry-run",)))
    return {Path(item["file"]).name: len(item["entries"]) for item in preview["files"]}


@pytest.fixture
def three_files(tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "a_first.txt").write_text(live_blog("Power cuts in the capital", 3))
    (folder / "b_faulty.txt").write_text(live_blog("Drone strikes on the depot", 5, marker_at=3))
    (folder / "c_last.txt").write_text(live_blog("Prisoner exchange completed", 2))
    return folder


def install_fault(kind: str) -> None:
    """A trigger that hits the importing backend while it stores the marked entry."""
    action = "PERFORM pg_terminate_backend(pg_backend_pid());" if kind == "drop" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            CREATE OR REPLACE FUNCTION hardening_fault() RETURNS trigger AS $$
            BEGIN
                {action}
                PERFORM pg_sleep(30);
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            CREATE TRIGGER hardening_fault BEFORE INSERT OR UPDATE ON articles_entry
                FOR EACH ROW WHEN (NEW.body LIKE '%{FAULT_MARKER}%') EXECUTE FUNCTION hardening_fault();
            """
        )


def remove_fault() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER IF EXISTS hardening_fault ON articles_entry; DROP FUNCTION IF EXISTS hardening_fault();"
        )


def sleeping_backend(timeout: float = 120) -> int:
    """The pid of the importing backend once it sits in the fault trigger's pg_sleep."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND wait_event = 'PgSleep'"
            )
            row = cursor.fetchone()
        if row:
            return row[0]
        time.sleep(0.2)
    raise AssertionError("the import never reached the marked entry")


@pytest.mark.parametrize("fault", ["connection_drops", "process_killed"])
def test_a_fault_mid_file_leaves_nothing_partial_and_a_rerun_finishes(three_files, fault):
    expected = expected_entry_counts(three_files)
    assert expected["b_faulty.txt"] >= 5
    install_fault("drop" if fault == "connection_drops" else "sleep")
    try:
        if fault == "connection_drops":
            result = run_import(three_files)
            assert result.returncode != 0
            document = report(result)
            faulty = files_by_name(document)["b_faulty.txt"]
            assert faulty["status"] == "failed" and faulty["error"]
        else:
            process = subprocess.Popen(
                import_command(three_files),
                cwd=settings.BASE_DIR,
                env=database_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                backend = sleeping_backend()
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=30)
            finally:
                if process.poll() is None:
                    process.kill()
            # The orphaned backend would notice the dead client only when it next writes.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [backend])
    finally:
        remove_fault()

    assert not Article.objects.filter(headline__startswith="Drone strikes").exists()
    assert not Entry.objects.filter(body__contains=FAULT_MARKER).exists()
    for article in Article.objects.all():
        assert_whole(article, expected[Path(article.source_file).name])

    rerun = run_import(three_files)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    report(rerun)
    assert Article.objects.count() == 3
    for article in Article.objects.all():
        assert_whole(article, expected[Path(article.source_file).name])


def test_two_imports_of_one_folder_at_once_store_each_article_once(tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    for n in range(12):
        (folder / f"blog_{n:02d}.txt").write_text(live_blog(f"Frontline roundup number {n}", 4 + n % 3))
    expected = expected_entry_counts(folder)

    processes = [
        subprocess.Popen(
            import_command(folder),
            cwd=settings.BASE_DIR,
            env=database_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outcomes = [process.communicate(timeout=300) for process in processes]
    for process, (stdout, stderr) in zip(processes, outcomes, strict=True):
        assert "Traceback" not in stderr, stderr[-3000:]
        assert process.returncode == 0, stderr[-3000:]
        statuses = {item["status"] for item in json.loads(stdout)["files"]}
        assert statuses <= {"new", "unchanged", "updated"}

    assert Article.objects.count() == 12
    for article in Article.objects.all():
        assert_whole(article, expected[Path(article.source_file).name])


def test_hostile_files_get_clear_errors_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "good.txt").write_text(live_blog("Bridge reopened to traffic", 2))
    (folder / "nul_bytes.txt").write_bytes(b"Shelter opens\x00 in the school\n\nFamilies\x00 arrived at night.\n")
    paragraph = "Reporters counted the lorries waiting at the border crossing again today. " * 20
    with (folder / "twenty_mb.txt").open("w") as big:
        big.write("Twenty megabytes of reporting\n\n")
        while big.tell() < 20 * 1024 * 1024:
            big.write(paragraph + "\n\n")
    (folder / "long_line.txt").write_text("A very long line\n\n" + ("word " * 40_000) + "\n")
    # 0x81 0x8D 0x8F 0x90 0x9D are undefined in Windows-1252 and invalid as UTF-8.
    (folder / "not_utf8_or_cp1252.txt").write_bytes(b"Broken \x81\x8d bytes\n\nText \x8f\x90\x9d here.\n")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    os.mkfifo(folder / "a_fifo.txt")  # opening it for reading would block forever
    (folder / "dangling.txt").symlink_to(tmp_path / "does-not-exist.txt")

    result = run_import(folder, timeout=900)
    assert result.returncode != 0
    document = report(result)
    files = files_by_name(document)

    assert files["good.txt"]["status"] == "new"
    for name in ["a_fifo.txt", "dangling.txt"]:
        assert files[name]["status"] == "failed", name
    for name, item in files.items():
        if item["status"] == "failed":
            assert item["error"] and "Traceback" not in item["error"], name
    for name in ["nul_bytes.txt", "twenty_mb.txt", "long_line.txt", "not_utf8_or_cp1252.txt"]:
        assert files[name]["status"] in {"new", "failed"}, name
    # The symlink loop neither hangs the walk nor imports a file twice.
    assert len(document["files"]) == len(files)
    stored = list(Article.objects.values_list("source_file", flat=True))
    assert len(stored) == len(set(stored)) == sum(item["status"] == "new" for item in files.values())
    undecodable = files["not_utf8_or_cp1252.txt"]
    if undecodable["status"] == "new":
        assert any("neither UTF-8 nor Windows-1252" in warning for warning in undecodable["warnings"])
    # PostgreSQL text cannot hold NUL: stored or refused, no NUL reached the database.
    if files["nul_bytes.txt"]["status"] == "new":
        assert all("\x00" not in entry["body"] for entry in files["nul_bytes.txt"]["entries"])

"""Benchmark import throughput: articles/s with and without extraction, over generated text files.

    python bench/imports.py [--files 300] [--bytes 9400] [--seed 1] [--json]

Writes `--files` live-blog text files of about `--bytes` each (default: the mean size of the two
seed snapshots, i.e. a "seed-sized" article; our own synthetic prose naming real countries and
invented people) to a temporary folder and imports them: parse only; as `import_articles` does
without extraction; with the real Extractor; and both again with one worker process per CPU
(`import_articles --jobs 0`). Each import goes into the
empty tables of a throw-away database the script creates and drops. Prints articles/s by the wall
clock and per CPU core (this process plus its PostgreSQL backend, which other load on a shared
machine does not distort). A last row, the floor, is PostgreSQL's own CPU time for storing the
same rows set-based with no Python at all: the bound on what any importer reaches on these cores.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path


def write_files(folder: Path, *, count: int, seed: int, target_bytes: int) -> int:
    """Write `count` article files of about `target_bytes` each; return the total bytes.

    Shaped like the seed snapshots, not only sized like them: entries of ~800 characters in
    several paragraphs, each naming 3-6 people and 3-6 countries (the seeds: 10 entries of
    ~810 characters and ~88 mention rows per file; the run prints what these files gave).
    """
    import pycountry

    from articles.services import synthetic_text as text

    rng = random.Random(seed)
    prose = text.Prose(rng, pool_size=5000)
    people = text.person_names(rng, 300)
    countries = [getattr(c, "common_name", c.name) for c in pycountry.countries]
    total = 0
    for i in range(count):
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(700))
        lines = [f"date {day.isoformat()} {prose.title(rng.choice(people), rng.choice(countries))}"]
        lines.append(prose.body([rng.choice(people)], [rng.choice(countries)]).split("\n")[0])
        size = sum(len(line) for line in lines)
        while size < target_bytes:
            actors = rng.sample(people, rng.randint(3, 6))
            places = rng.sample(countries, rng.randint(3, 6))
            entry = ["", prose.title(actors[0], places[0]), prose.body(actors, places)]
            lines.extend(entry)
            size += sum(len(line) for line in entry)
        content = "\n".join(lines) + "\n"
        (folder / f"bench_{seed}_{i:05d}.txt").write_text(content, encoding="utf-8")
        total += len(content.encode())
    return total


# The two seed snapshots of a live blog (../shared/seeds) are 10,865 and 7,912 bytes.
SEED_SIZED_BYTES = 9_400


def backend_cpu_seconds() -> float | None:
    """CPU time used so far by this connection's PostgreSQL backend (local server only)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_now() -> float | None:
    """This process's CPU time plus its database backend's: on a shared machine that, not the
    wall clock, says what one core does."""
    backend = backend_cpu_seconds()
    return None if backend is None else time.process_time() + backend


def parse_all(paths: list[Path]) -> dict:
    from articles.parsing import parse_article

    started, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        parse_article(path.read_bytes(), filename=path.name)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "mode": "parse only",
        "extraction": None,
        "jobs": 1,
        "files": len(paths),
        "failed": 0,
        "seconds": round(seconds, 2),
        "setup_seconds": 0.0,
        "articles_per_second": round(len(paths) / seconds, 1),
        "articles_per_cpu_second": round(len(paths) / cpu, 1) if cpu else None,
    }


def tables_empty() -> None:
    """Remove the imported articles, entries, mentions, actors and places (throw-away database)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE articles_publisherlinesighting, articles_publisherline, articles_entryactor,"
            " articles_entrylocation, articles_entry, articles_article, articles_actoralias, articles_actor,"
            " articles_locationalias, articles_location RESTART IDENTITY CASCADE"
        )
        # Their history too (docs/corrections.md): each run starts from the same empty tables.
        cursor.execute(
            "TRUNCATE articles_articleevent, articles_entryevent, articles_entryactorevent,"
            " articles_entrylocationevent, articles_actorevent, articles_actoraliasevent, articles_locationevent,"
            " articles_locationaliasevent, pghistory_context"
        )


def import_all(paths: list[Path], *, extract: bool, jobs: int = 1, then=None, history: bool = True) -> dict:
    """Import every file as `import_articles [--jobs N]` does into empty tables; return timing.

    Same path as the command: the hand-kept aliases synced first (with extraction), each file in
    its own transaction, one extractor and actor/place cache for the run (per worker with
    jobs > 1), then `run_finish` (search vectors, mention and facet counts). `then()` runs on
    the imported tables before they are emptied again.
    `history=False` measures the same import with no history recorded (docs/corrections.md).
    """
    from articles.history import history_off

    if not history and jobs > 1:
        raise ValueError("history can be switched off for one process only")
    tables_empty()
    with contextlib.nullcontext() if history else history_off():
        result = _timed_import(paths, extract=extract, jobs=jobs, then=then)
    if not history:
        result["mode"] += ", no history"
    result["history"] = history
    return result


def _timed_import(paths: list[Path], *, extract: bool, jobs: int, then) -> dict:
    from articles.extraction import Extractor
    from articles.selectors.aliases import alias_table
    from articles.services.aliases import alias_files_sync
    from articles.services.import_pool import files_import, run_finish

    # The workers' own database backends are not visible from here: per-core only for one process.
    started, cpu = time.perf_counter(), cpu_now() if jobs == 1 else None
    if extract:
        alias_files_sync()
    extractor = Extractor(aliases=alias_table()) if extract else None
    setup = time.perf_counter() - started
    reports = list(files_import(paths, jobs=jobs, extractor=extractor))
    run_finish(reports)
    seconds, cpu_end = time.perf_counter() - started, cpu_now()
    cpu = cpu_end - cpu if cpu is not None and cpu_end is not None else None
    if then is not None:
        then()
    tables_empty()
    mode = "with extraction" if extract else "without extraction"
    return {
        "mode": mode if jobs == 1 else f"{mode}, {jobs} jobs",
        "extraction": extract,
        "jobs": jobs,
        "files": len(paths),
        "failed": sum(1 for r in reports if r.failed),
        "seconds": round(seconds, 2),
        "setup_seconds": round(setup, 2),
        "articles_per_second": round(len(paths) / seconds, 1),
        "articles_per_cpu_second": round(len(paths) / cpu, 1) if cpu else None,
        "entries_per_file": round(sum(len(r.entries) for r in reports) / len(paths), 1),
        "mention_rows_per_file": round(
            sum(len(e.actors) + len(e.locations) for r in reports for e in r.entries) / len(paths), 1
        ),
    }


_FLOOR_STEPS = (
    ("articles", "INSERT INTO articles_article SELECT * FROM floor_article"),
    (
        "entries and search vectors",
        "INSERT INTO articles_entry ({columns}, search_vector) SELECT {columns}, {vector} FROM floor_entry e",
    ),
    (
        "mentions",
        "INSERT INTO articles_entryactor (entry_id, actor_id, count, source)"
        " SELECT entry_id, actor_id, count, source FROM floor_actor;"
        " INSERT INTO articles_entrylocation (entry_id, location_id, count, source)"
        " SELECT entry_id, location_id, count, source FROM floor_location",
    ),
)


def database_floor(files: int, results: list[dict]) -> None:
    """What PostgreSQL alone spends storing the imported files, written the cheapest way there
    is: the same rows, copied back from temporary tables in one set-based statement per table and
    one commit (foreign keys checked then), with no Python and no round trips per file.

    No importer of these files into this schema can make the database do less; measured as the
    backend's CPU time, it bounds what any number of workers can reach on this machine's cores.
    Appends its result to `results`.
    """
    from django.db import connection, transaction

    from articles.services.denorm import SEARCH_VECTOR_SQL

    columns = (
        "id, article_id, position, title, body, captions, published_on, date_precision, content_hash,"
        " duplicate_of_id, actor_ids, location_ids, country_codes"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE floor_article AS SELECT * FROM articles_article;"
            f" CREATE TEMP TABLE floor_entry AS SELECT {columns} FROM articles_entry;"
            " CREATE TEMP TABLE floor_actor AS SELECT * FROM articles_entryactor;"
            " CREATE TEMP TABLE floor_location AS SELECT * FROM articles_entrylocation;"
            " TRUNCATE articles_publisherlinesighting, articles_publisherline,"
            " articles_entryactor, articles_entrylocation, articles_entry, articles_article"
        )
    try:
        steps: dict[str, float] = {}
        started, cpu = time.perf_counter(), backend_cpu_seconds()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")  # as the importer's transactions
            for name, sql in _FLOOR_STEPS:
                before = backend_cpu_seconds()
                cursor.execute(sql.format(columns=columns, vector=SEARCH_VECTOR_SQL))
                steps[name] = backend_cpu_seconds() - before if before is not None else None
            before = backend_cpu_seconds()
        seconds, cpu_end = time.perf_counter() - started, backend_cpu_seconds()
        if before is not None:
            steps["commit (foreign-key checks)"] = cpu_end - before
        with connection.cursor() as cursor:
            before = backend_cpu_seconds()
            cursor.execute(f"SELECT sum(length({SEARCH_VECTOR_SQL})) FROM floor_entry e")
            if before is not None:
                steps["search vectors computed alone"] = backend_cpu_seconds() - before
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE floor_article, floor_entry, floor_actor, floor_location")
    cpu = cpu_end - cpu if cpu is not None and cpu_end is not None else None
    results.append(
        {
            "mode": "database alone (floor)",
            "extraction": None,
            "jobs": 1,
            "files": files,
            "failed": 0,
            "seconds": round(seconds, 2),
            "setup_seconds": 0.0,
            "articles_per_second": round(files / seconds, 1),
            "articles_per_cpu_second": round(files / cpu, 1) if cpu else None,
            "cpu_ms_per_article": {
                name: round(value * 1000 / files, 2) for name, value in steps.items() if value is not None
            },
        }
    )


def _cost(on: dict, off: dict) -> str:
    """How much longer the import takes with history than without, setup (extractor warm-up) aside."""
    with_history, without = (run["seconds"] - run["setup_seconds"] for run in (on, off))
    return f"{(with_history / without - 1) * 100:+.1f} %" if without > 0 else "n/a"


def main(argv: list[str] | None = None, stdout=None, *, throwaway_database: bool = True) -> int:
    """Run the benchmark; by default in a throw-away copy of the schema (`test_<name>`), created
    and dropped here, so the archive itself is never touched. The smoke test passes False: it
    already runs in pytest's test database."""
    parser = argparse.ArgumentParser(description="Import throughput with and without extraction.")
    parser.add_argument("--files", type=int, default=300, help="Number of generated files (default 300).")
    parser.add_argument("--seed", type=int, default=1, help="Random seed for the generated text.")
    parser.add_argument(
        "--bytes",
        type=int,
        default=SEED_SIZED_BYTES,
        help=f"Size of each file in bytes (default {SEED_SIZED_BYTES:,}: seed-sized).",
    )
    parser.add_argument("--json", action="store_true", help="Also print the results as JSON.")
    args = parser.parse_args(argv)
    if args.files < 1:
        parser.error("--files must be at least 1")
    if args.bytes < 200:
        parser.error("--bytes must be at least 200")
    out = stdout or sys.stdout
    target = args.bytes
    if throwaway_database:
        from django.db import connection

        original = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            return main(argv, stdout, throwaway_database=False)
        finally:
            connection.creation.destroy_test_db(original, verbosity=0)
    from bench.machine import describe, reference_ms

    reference = reference_ms()
    with tempfile.TemporaryDirectory() as folder:
        total = write_files(Path(folder), count=args.files, seed=args.seed, target_bytes=target)
        paths = sorted(Path(folder).glob("*.txt"))
        jobs = os.cpu_count() or 1
        floor: list[dict] = []
        results = [
            parse_all(paths),
            import_all(paths, extract=False),
            import_all(paths, extract=False, history=False),
            import_all(paths, extract=True, then=lambda: database_floor(len(paths), floor)),
            import_all(paths, extract=True, history=False),
        ]
        if jobs > 1:
            results += [import_all(paths, extract=False, jobs=jobs), import_all(paths, extract=True, jobs=jobs)]
        results += floor
    print(
        f"{args.files} files of ~{total // args.files:,} bytes (asked {target:,}); {os.cpu_count()} CPUs",
        file=out,
    )
    shape = next(r for r in results if r["extraction"])
    print(
        f"shape: {shape['entries_per_file']} entries and {shape['mention_rows_per_file']} mention rows per file"
        " (the seed snapshots: 10.0 and 88.0)",
        file=out,
    )
    print(describe(reference), file=out)
    print(f"{'':32}{'articles/s':>11}{'per CPU core':>14}", file=out)
    for r in results:
        print(
            f"{r['mode']:32}{r['articles_per_second']:11.1f}{r['articles_per_cpu_second']!s:>14}"
            f"  ({r['seconds']} s, setup {r['setup_seconds']} s, {r['failed']} failed)",
            file=out,
        )
    for extract in (False, True):
        on, off = (
            next(r for r in results if r["extraction"] is extract and r.get("history") is h) for h in (True, False)
        )
        print(f"history costs {_cost(on, off)} of the import time {off['mode'].split(',')[0]}", file=out)
    if (per_core := floor[0]["articles_per_cpu_second"]) is not None:
        steps = "; ".join(f"{name} {ms}" for name, ms in floor[0]["cpu_ms_per_article"].items())
        print(
            f"database alone: {1000 / per_core:.1f} ms of PostgreSQL CPU an article, so at most"
            f" {per_core * jobs:.0f} articles/s on {jobs} cores even if the importer's Python cost"
            f" nothing (ms an article: {steps})",
            file=out,
        )
    if args.json:
        print(
            json.dumps({"file_bytes": total // args.files, "machine_reference": reference, "runs": results}, indent=2),
            file=out,
        )
    return 1 if any(r["failed"] for r in results) else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    sys.exit(main())

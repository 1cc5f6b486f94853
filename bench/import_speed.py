"""Import speed: articles/s for parse only, parse+store, and parse+extract+store.

Stores the way `import_articles` does: search vectors are filled once after the run (the
figures "+ search vectors after run" and "parse + extract + store" include that step).

Generates N seed-shaped live blogs (about 10 KB: headline, standfirst, an opening summary and
ten titled entries, a list, a lead-in, a card, boilerplate) from synthetic sentences in a temp
folder, then imports them into a throw-away test database (`test_<name>` on the embedded
PostgreSQL, or on DATABASE_URL's server), created and dropped by the script: the archive itself
is never touched.

    .venv/bin/python bench/import_speed.py [-n 500] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from articles.extraction import Extractor  # noqa: E402
from articles.parsing import parse_article  # noqa: E402
from articles.selectors.aliases import alias_table  # noqa: E402
from articles.services.denorm import mention_counts_refresh  # noqa: E402
from articles.services.entities import ResolveCache  # noqa: E402
from articles.services.imports import article_import, search_vectors_fill  # noqa: E402

SUBJECTS = ["Officials", "Aid workers", "The regional governor", "Residents", "Engineers", "The ministry", "Doctors"]
VERBS = ["said", "reported", "warned", "confirmed", "told reporters", "announced"]
PLACES = ["the northern district", "the river port", "the old town", "the border crossing", "the valley", "the capital"]
EVENTS = [
    "that convoys would resume within days",
    "that power had returned to most homes",
    "that three shelters were damaged overnight",
    "that talks would continue next week",
    "that supplies of fuel were running short",
]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} in {rng.choice(PLACES)} {rng.choice(VERBS)} {rng.choice(EVENTS)}."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))


def title(rng: random.Random, number: int) -> str:
    return f"{rng.choice(SUBJECTS)} in {rng.choice(PLACES)} report update number {number}"


def live_blog(rng: random.Random, index: int) -> str:
    lines = [f"date 2025-{1 + index % 12:02d}-{1 + index % 28:02d} Synthetic live blog {index}: talks and convoys"]
    lines.append(f"{rng.choice(SUBJECTS)} meet again as convoys wait at {rng.choice(PLACES)}")
    lines.append("Your support makes all the difference." + f"On day {index} of the talks, " + sentence(rng))
    lines += [paragraph(rng) for _ in range(5)]
    titles = []
    for number in range(10):
        titles.append(title(rng, index * 100 + number))
        lines.append(titles[-1])
        lines += [paragraph(rng) for _ in range(rng.randint(2, 5))]
        if number == 3:
            lines += ["The agreement covers:", "- fuel for generators;", "- medicine for clinics."]
        if number == 6:
            # A related-article card repeating an earlier entry's title, as live blogs embed them.
            lines += ["Our correspondent reports:", titles[2], "A related story about the convoys"]
    lines += ["Join our commenting forum", "Comments"]
    return "\n".join(lines)


def empty_tables() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE articles_entryactor, articles_entrylocation, articles_entry, articles_article RESTART IDENTITY"
        )


def rate(count: int, seconds: float | None) -> float | None:
    if seconds is None:
        return None
    return round(count / seconds, 1) if seconds else float("inf")


def backend_cpu_seconds() -> float | None:
    """CPU time used so far by this connection's PostgreSQL backend (local server only)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Clock:
    """Wall time, and CPU time of this process plus its database backend.

    On a shared machine the wall-clock rate depends on other load; the CPU rate is what
    "articles per second on one core" means.
    """

    def __enter__(self) -> Clock:
        self.wall, self.cpu, self.backend = time.perf_counter(), time.process_time(), backend_cpu_seconds()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        backend = backend_cpu_seconds()
        self.cpu = self.cpu + backend - self.backend if backend is not None and self.backend is not None else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=500, help="number of generated files (default 500)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        figures = measure(args.n)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if args.json:
        print(json.dumps(figures))
        return
    print(f"{args.n} synthetic live blogs, {figures['average_bytes']:,} bytes each on average")
    print(f"{'articles/s':28} {'wall clock':>11} {'per CPU core':>13}")
    for label, key in [
        ("parse only", "parse_only"),
        ("parse + store (no extract)", "parse_store"),
        ("  + search vectors after run", "parse_store_with_vectors"),
        ("re-import (unchanged)", "reimport_unchanged"),
        ("parse + extract + store", "parse_extract_store"),
    ]:
        print(f"{label:28} {figures[key]['wall_per_s']:>11} {figures[key]['cpu_per_s']!s:>13}")


def measure(count: int) -> dict:
    """Time the import modes on `count` generated files."""
    rng = random.Random(42)
    figures: dict = {"files": count}
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index in range(count):
            path = Path(folder) / f"{index:05d}.txt"
            path.write_text(live_blog(rng, index), encoding="utf-8")
            paths.append(path)
        figures["average_bytes"] = round(sum(p.stat().st_size for p in paths) / len(paths))

        def record(key: str, clock: Clock) -> None:
            figures[key] = {"wall_per_s": rate(count, clock.wall), "cpu_per_s": rate(count, clock.cpu)}

        with Clock() as clock:
            for path in paths:
                parse_article(path.read_bytes(), filename=path.name)
        record("parse_only", clock)

        empty_tables()
        pending: list[int] = []
        with Clock() as clock:
            for path in paths:
                report = article_import(path=path, extractor=None, defer_search_vectors=True)
                check(report, "new")
                pending += report.vectors_pending
        record("parse_store", clock)
        with Clock() as vectors:
            search_vectors_fill(entry_ids=pending)
        figures["search_vectors_fill"] = {
            "entries": len(pending),
            "wall_seconds": round(vectors.wall, 3),
            "cpu_seconds": round(vectors.cpu, 3) if vectors.cpu is not None else None,
        }
        clock.wall += vectors.wall
        clock.cpu = clock.cpu + vectors.cpu if clock.cpu is not None and vectors.cpu is not None else None
        record("parse_store_with_vectors", clock)

        with Clock() as clock:
            for path in paths:
                check(article_import(path=path, extractor=None), "unchanged")
        record("reimport_unchanged", clock)

        empty_tables()
        with Clock() as clock:
            # As `import_articles` runs: one extractor and actor/place cache for the run, search
            # vectors filled after the files' commits, counts refreshed once.
            extractor, cache, pending = Extractor(aliases=alias_table()), ResolveCache(), []
            for path in paths:
                report = article_import(path=path, extractor=extractor, defer_search_vectors=True, cache=cache)
                check(report, "new")
                pending += report.vectors_pending
            search_vectors_fill(entry_ids=pending)
            mention_counts_refresh()
        record("parse_extract_store", clock)
        empty_tables()
    return figures


def check(report, status: str) -> None:
    if report.status != status:
        raise SystemExit(f"{report.file}: expected {status}, got {report.status} ({report.error})")


if __name__ == "__main__":
    main()

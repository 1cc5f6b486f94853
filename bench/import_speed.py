"""Import speed: articles/s for parse only, parse+store, and parse+extract+store.

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
from articles.services.imports import article_import  # noqa: E402

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
    lines.append("Your support makes all the difference." + sentence(rng))
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


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds else float("inf")


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
    else:
        print(f"{args.n} synthetic live blogs, {figures['average_bytes']:,} bytes each on average")
        print(f"parse only:                 {figures['parse_only_per_s']:>8} articles/s")
        print(f"parse + store (no extract): {figures['parse_store_per_s']:>8} articles/s")
        print(f"re-import (unchanged):      {figures['reimport_unchanged_per_s']:>8} articles/s")
        print(f"parse + extract + store:    {figures['parse_extract_store_per_s']:>8} articles/s")


def measure(count: int) -> dict:
    """Time the three import modes on `count` generated files."""
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index in range(count):
            path = Path(folder) / f"{index:05d}.txt"
            path.write_text(live_blog(rng, index), encoding="utf-8")
            paths.append(path)
        size = sum(p.stat().st_size for p in paths) / len(paths)

        started = time.perf_counter()
        for path in paths:
            parse_article(path.read_bytes(), filename=path.name)
        parse_seconds = time.perf_counter() - started

        empty_tables()
        started = time.perf_counter()
        for path in paths:
            assert article_import(path=path, extractor=None).status == "new"
        store_seconds = time.perf_counter() - started

        started = time.perf_counter()
        for path in paths:
            assert article_import(path=path, extractor=None).status == "unchanged"
        unchanged_seconds = time.perf_counter() - started

        empty_tables()
        started = time.perf_counter()
        extractor = Extractor(aliases=alias_table())
        for path in paths:
            assert article_import(path=path, extractor=extractor).status == "new"
        mention_counts_refresh()
        extract_seconds = time.perf_counter() - started
        empty_tables()

    return {
        "files": count,
        "average_bytes": round(size),
        "parse_only_per_s": rate(count, parse_seconds),
        "parse_store_per_s": rate(count, store_seconds),
        "reimport_unchanged_per_s": rate(count, unchanged_seconds),
        "parse_extract_store_per_s": rate(count, extract_seconds),
    }


if __name__ == "__main__":
    main()

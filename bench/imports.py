"""Benchmark import throughput: articles/s with and without extraction, over generated text files.

    python bench/imports.py [--files 300] [--seed 1] [--json]

Writes `--files` live-blog text files of about the size of the files in sample_data/ (our own
synthetic prose naming real countries and invented people) to a temporary folder, imports them
with `article_import` twice — without extraction, then with the real Extractor — each inside a
transaction that is rolled back, so the database is left as it was, and prints articles/s.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path


def write_files(folder: Path, *, count: int, seed: int, target_bytes: int) -> int:
    """Write `count` article files of about `target_bytes` each; return the total bytes."""
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
            actors = rng.sample(people, rng.randint(1, 3))
            places = rng.sample(countries, rng.randint(1, 3))
            entry = ["", prose.title(actors[0], places[0]), prose.body(actors, places)]
            lines.extend(entry)
            size += sum(len(line) for line in entry)
        content = "\n".join(lines) + "\n"
        (folder / f"bench_{seed}_{i:05d}.txt").write_text(content, encoding="utf-8")
        total += len(content.encode())
    return total


def sample_size() -> int:
    """Mean size in bytes of the sample files (the 'seed-sized' article), 12 000 if absent."""
    from django.conf import settings

    sizes = [p.stat().st_size for p in (Path(settings.BASE_DIR) / "sample_data").glob("*.txt")]
    return int(statistics.mean(sizes)) if sizes else 12_000


def import_all(paths: list[Path], *, extract: bool) -> dict:
    """Import every file in one rolled-back transaction; return timing and counts."""
    from django.db import transaction

    from articles.extraction import Extractor
    from articles.selectors.aliases import alias_table
    from articles.services.imports import article_import

    with transaction.atomic():
        started = time.perf_counter()
        extractor = Extractor(aliases=alias_table()) if extract else None
        setup = time.perf_counter() - started
        reports = [article_import(path=path, extractor=extractor) for path in paths]
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    failed = [r for r in reports if r.failed]
    return {
        "extraction": extract,
        "files": len(paths),
        "failed": len(failed),
        "seconds": round(seconds, 2),
        "setup_seconds": round(setup, 2),
        "articles_per_second": round(len(paths) / seconds, 1),
    }


def main(argv: list[str] | None = None, stdout=None) -> int:
    parser = argparse.ArgumentParser(description="Import throughput with and without extraction.")
    parser.add_argument("--files", type=int, default=300, help="Number of generated files (default 300).")
    parser.add_argument("--seed", type=int, default=1, help="Random seed for the generated text.")
    parser.add_argument("--json", action="store_true", help="Also print the results as JSON.")
    args = parser.parse_args(argv)
    if args.files < 1:
        parser.error("--files must be at least 1")
    out = stdout or sys.stdout
    target = sample_size()
    with tempfile.TemporaryDirectory() as folder:
        total = write_files(Path(folder), count=args.files, seed=args.seed, target_bytes=target)
        paths = sorted(Path(folder).glob("*.txt"))
        results = [import_all(paths, extract=False), import_all(paths, extract=True)]
    print(
        f"{args.files} files of ~{total // args.files:,} bytes (sample files average {target:,});"
        f" {os.cpu_count()} CPUs",
        file=out,
    )
    for r in results:
        label = "with extraction   " if r["extraction"] else "without extraction"
        print(
            f"{label}  {r['articles_per_second']:8.1f} articles/s  ({r['seconds']} s, setup {r['setup_seconds']} s, "
            f"{r['failed']} failed)",
            file=out,
        )
    if args.json:
        print(json.dumps({"file_bytes": total // args.files, "runs": results}, indent=2), file=out)
    return 1 if any(r["failed"] for r in results) else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    sys.exit(main())

"""Benchmark one hostile file: a single line of `--megabytes` MB of prose, imported once.

    python bench/huge_file.py [--megabytes 45] [--no-extract]

The file is one paragraph, so before IMPORT_MAX_ENTRY_CHARS it was one entry of that size; now
it is split into entries of at most that many characters. Runs in a throw-away copy of the
schema (`test_<name>`), created and dropped here. Prints the wall time of `article_import`, the
entries stored, the process's peak resident memory, and the time of one search page (50 rows
with snippets) that matches the file.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path


def write_one_line(path: Path, *, megabytes: float, seed: int = 7) -> int:
    rng = random.Random(seed)
    words = ["".join(rng.choices("abcdefghilmnoprstu", k=rng.randint(3, 9))) for _ in range(20_000)]
    target = int(megabytes * 1_000_000)
    parts, size = ["Harbour night log"], 0
    while size < target:
        sentence = " ".join(rng.choices(words, k=14)).capitalize() + " near the ferry pier."
        parts.append(sentence)
        size += len(sentence) + 1
    path.write_text(parts[0] + "\n" + " ".join(parts[1:]) + "\n")
    return path.stat().st_size


def run(megabytes: float, extract: bool) -> None:
    from articles.extraction import Extractor
    from articles.selectors.entries import EntryFilters, entry_page
    from articles.services.imports import article_import

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one-line.txt"
        size = write_one_line(path, megabytes=megabytes)
        started = time.perf_counter()
        report = article_import(path=path, extractor=Extractor() if extract else None)
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    entry_page(filters=EntryFilters(q="ferry"), offset=0, limit=50)
    page_ms = (time.perf_counter() - started) * 1000
    print(
        f"{size / 1e6:.1f} MB one-line file, extraction {'on' if extract else 'off'}: {report.status}"
        f" ({report.error or f'{len(report.entries)} entries'}) in {seconds:.1f} s, peak RSS {peak_mb:.0f} MB;"
        f" search page with snippets {page_ms:.0f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import one huge one-line file.")
    parser.add_argument("--megabytes", type=float, default=45, help="Size of the file (default 45).")
    parser.add_argument("--no-extract", action="store_true", help="Import without extraction.")
    args = parser.parse_args(argv)
    from django.db import connection

    original = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args.megabytes, extract=not args.no_extract)
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    raise SystemExit(main())

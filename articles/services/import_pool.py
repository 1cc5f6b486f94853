"""Import many files, in this process or in a pool of worker processes (`import_articles --jobs`).

Parsing and extraction are CPU-bound Python, so threads would not help; each worker is a forked
process with its own database connection that imports whole files with `article_import`
(one transaction each, exactly as the single-process path). The extractor is built once in the
parent before forking and shared copy-on-write. The unique constraints that make two
concurrent `import_articles` runs safe make the workers safe too; a transaction that loses a
deadlock is retried by `article_import`.

What differs from one process: when two files of one run repeat a story, the copy committed
first becomes canonical, so which file holds it can change from run to run (the archive shows
the story once either way).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path

from django.db import connections, transaction

from articles.extraction import Extractor
from articles.services.denorm import mention_counts_add, mention_counts_refresh
from articles.services.entities import ResolveCache
from articles.services.facets import facet_counts_add, facet_counts_refresh
from articles.services.import_files import SourceFile
from articles.services.imports import FileReport, article_import

# Set in the parent just before forking; each worker inherits it (fork start method).
_worker_options: dict = {}
_worker_cache: ResolveCache | None = None


def jobs_count(jobs: int) -> int:
    """`--jobs` as a number of processes: 0 means one per CPU."""
    if jobs < 0:
        raise ValueError("--jobs must be 0 (one per CPU) or a positive number of processes")
    return jobs or os.cpu_count() or 1


def files_import(
    paths: list[Path | SourceFile],
    *,
    jobs: int = 1,
    extractor: Extractor | None,
    default_date: dt.date | None = None,
    dry_run: bool = False,
) -> Iterator[FileReport]:
    """Yield one report per file, in the order of `paths`, as the files are done; the caller
    refreshes the counts once the run is over (`run_finish`). A `SourceFile` carries the import
    root its key is relative to; a bare path is keyed by its name."""
    paths = [path if isinstance(path, SourceFile) else SourceFile(Path(path)) for path in paths]
    options = {"extractor": extractor, "default_date": default_date, "dry_run": dry_run}
    if jobs <= 1 or len(paths) < 2:
        cache = ResolveCache()  # actors and places found by earlier files of this run
        for source in paths:
            yield article_import(path=source.path, root=source.root, cache=cache, **options)
        return
    yield from _pooled(paths, jobs=min(jobs, len(paths)), options=options)


def _pooled(paths: list[Path], *, jobs: int, options: dict) -> Iterator[FileReport]:
    global _worker_options
    _worker_options = options
    # A connection must never be shared across a fork: close it here; each side reopens its own.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_worker_start) as pool:
        # Small chunks keep the workers evenly busy; imap keeps the reports in file order.
        yield from pool.imap(_worker_import, paths, chunksize=2)


def _worker_start() -> None:
    global _worker_cache
    connections.close_all()
    _worker_cache = ResolveCache()


def _worker_import(source: SourceFile) -> FileReport:
    return article_import(path=source.path, root=source.root, cache=_worker_cache, **_worker_options)


def run_finish(reports: list[FileReport]) -> None:
    """After the files: mention counts and the pages' precomputed counts
    (articles/selectors/counts.py), added to when the run only brought new files, recounted when
    it changed what was there (or when they were not current before the run: see
    `facet_counts_add`). One transaction, so both kinds of count are current together."""
    if not any(r.status in ("new", "updated") for r in reports):
        return
    with transaction.atomic():
        if any(r.status == "updated" for r in reports):
            mention_counts_refresh()
            facet_counts_refresh()
            return
        new_ids = [e.entry_id for r in reports if r.status == "new" for e in r.entries]
        if facet_counts_add(entry_ids=new_ids):
            mention_counts_add(entry_ids=new_ids)  # 1.7 s for a recount at 1 M, ms for this
        else:
            mention_counts_refresh()

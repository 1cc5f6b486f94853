"""`manage.py import_articles PATH [PATH ...]`: news text files into articles and entries."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from articles.extraction import Extractor
from articles.selectors.aliases import alias_table
from articles.services.aliases import alias_files_sync
from articles.services.import_files import source_files
from articles.services.import_pool import files_import, jobs_count, run_finish
from articles.services.imports import FileReport
from articles.terminal import terminal_safe


def iso_date(value: str) -> dt.date:
    """argparse type: YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


class Command(BaseCommand):
    help = (
        "Import plain-text news files (articles and live blogs) into the archive. Each PATH is a file or a "
        "folder (walked for *.txt). Re-importing a file changes nothing; an edited file updates its article."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A .txt file, or a folder to walk for *.txt.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and extract but write nothing (combine with --json)."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print the import report as one JSON document on stdout; progress and messages go to stderr.",
        )
        parser.add_argument(
            "--date",
            type=iso_date,
            metavar="YYYY-MM-DD",
            help="The date for files whose text carries none (no date line, no dated time stamp).",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            metavar="N",
            help="Import in N worker processes (0: one per CPU). Default 1.",
        )
        parser.add_argument(
            "--no-extract",
            action="store_true",
            help="Skip people/organisation/place extraction (for benchmarks and quick loads).",
        )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        as_json, dry_run = options["json"], options["dry_run"]
        messages = self.stderr if as_json else self.stdout
        paths = source_files(options["paths"])
        try:
            jobs = jobs_count(options["jobs"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not options["no_extract"] and not dry_run:
            alias_files_sync()  # the hand-kept aliases become database rows editors can curate
        extractor = None if options["no_extract"] else Extractor(aliases=alias_table())

        reports: list[FileReport] = []
        progress = tqdm(
            total=len(paths), desc="import", unit="file", file=sys.stderr, disable=len(paths) < 2, leave=False
        )
        for report in files_import(
            paths, jobs=jobs, extractor=extractor, default_date=options["date"], dry_run=dry_run
        ):
            reports.append(report)
            progress.update()
            notes = [f"failed: {report.error}"] if report.failed else []
            notes += [f"warning: {report.file}: {warning}" for warning in report.warnings]
            notes += [f"kept: {report.file}: {_kept_note(kept)}" for kept in report.corrections_kept]
            notes = [terminal_safe(note) for note in notes]  # file names may hold escape sequences
            if notes:
                with tqdm.external_write_mode(file=sys.stderr):
                    self.stderr.write("\n".join(notes))
        progress.close()
        if not dry_run:
            run_finish(reports)  # search vectors, mention and facet counts: once for the run

        summary = self._summary(reports, seconds=time.perf_counter() - started, dry_run=dry_run)
        if as_json:
            document = {"files": [r.as_dict() for r in reports], "summary": summary}
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=1))
        messages.write(self._summary_line(summary))
        if summary["failed"]:
            raise CommandError(f"{summary['failed']} of {summary['files']} file(s) failed", returncode=1)

    @staticmethod
    def _summary(reports: list[FileReport], *, seconds: float, dry_run: bool) -> dict:
        statuses = Counter(r.status for r in reports)
        ok = [r for r in reports if not r.failed]
        return {
            "files": len(reports),
            "new": statuses["new"],
            "updated": statuses["updated"],
            "unchanged": statuses["unchanged"],
            "failed": statuses["failed"],
            "entries": sum(len(r.entries) for r in ok),
            "duplicates": sum(r.duplicate_count for r in ok),
            "actors": len({(a["name"], a["kind"]) for r in ok for a in r.actors()}),
            "locations": len({(loc["name"], loc["country"]) for r in ok for loc in r.locations()}),
            "seconds": round(seconds, 3),
            "dry_run": dry_run,
        }

    @staticmethod
    def _summary_line(summary: dict) -> str:
        prefix = "Dry run (nothing written): " if summary["dry_run"] else ""
        return (
            f"{prefix}{summary['files']} file(s): {summary['new']} new, {summary['updated']} updated, "
            f"{summary['unchanged']} unchanged, {summary['failed']} failed; {summary['entries']} entries "
            f"({summary['duplicates']} duplicates), {summary['actors']} actors, {summary['locations']} locations "
            f"in {summary['seconds']:.2f}s"
        )


def _kept_note(kept: dict) -> str:
    where = "the article's" if kept["entry_id"] is None else f"entry {kept['entry_id']}'s"
    return f"{where} {kept['field']} as an editor corrected it"

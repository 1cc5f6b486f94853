"""Fill the database with a deterministic synthetic archive for benchmarks."""

import contextlib
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.history import history_off
from articles.services.generate import SyntheticDataPresent, archive_generate, archive_vacuum, synthetic_clear


class Command(BaseCommand):
    help = (
        "Generate a synthetic archive (articles, entries, actors, places, mentions; search vectors and "
        "denormalised columns filled like an import). Deterministic for a seed. Marked publisher='Synthetic'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--entries", type=int, help="Number of entries to generate (e.g. 1000000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same archive.")
        parser.add_argument("--batch", type=int, default=20_000, help="Entries per COPY batch (default 20000).")
        parser.add_argument("--clear", action="store_true", help="Remove generated data first (alone: only remove).")
        parser.add_argument("--no-vacuum", action="store_true", help="Skip VACUUM ANALYZE after the load.")
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="Record no history of the generated rows (bulk benchmark data; see docs/corrections.md).",
        )

    def handle(self, *args, entries, seed, batch, clear, no_vacuum, no_history=False, **options):
        if entries is None and not clear:
            raise CommandError("Give --entries N (and optionally --seed S), or --clear to remove generated data.")
        if clear:
            started = time.perf_counter()
            deleted = synthetic_clear()
            summary = ", ".join(f"{table.removeprefix('articles_')} {n}" for table, n in deleted.items())
            self.stdout.write(f"Removed synthetic data in {time.perf_counter() - started:.1f}s: {summary}")
        if entries is None:
            return
        started = time.perf_counter()
        try:
            with history_off() if no_history else contextlib.nullcontext():
                summary = archive_generate(entries=entries, seed=seed, batch_size=batch, progress=self._bar)
        except (ValueError, SyntheticDataPresent) as error:
            raise CommandError(str(error)) from error
        if not no_vacuum:
            vacuum_started = time.perf_counter()
            archive_vacuum()
            summary.seconds["vacuum"] = time.perf_counter() - vacuum_started
        total = time.perf_counter() - started
        phases = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in summary.seconds.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {summary.entries} entries ({summary.duplicates} duplicates) in {summary.articles} "
                f"articles, {summary.actors} actors, {summary.locations} locations, "
                f"{summary.actor_mentions + summary.location_mentions} mentions (seed {seed}) in {total:.1f}s"
            )
        )
        self.stdout.write(f"Phases: {phases}")

    def _bar(self, **kwargs):
        return tqdm(file=self.stderr._out, mininterval=1.0, **kwargs)

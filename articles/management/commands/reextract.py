"""Re-run extraction over the stored archive with the current aliases."""

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.extraction import Extractor
from articles.history import command_history
from articles.models import Article
from articles.selectors.aliases import alias_table
from articles.services.aliases import alias_files_sync
from articles.services.denorm import mention_counts_refresh
from articles.services.facets import facet_counts_refresh
from articles.services.reextract import ReextractResult, articles_reextract


class Command(BaseCommand):
    help = (
        "Re-extract people, organisations and places from stored entries (no files are read), in batches "
        "of articles, using the aliases in the database. Editors' manual and rejected mentions are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--article",
            type=int,
            action="append",
            dest="article_ids",
            metavar="ID",
            help="only this article (repeatable)",
        )
        parser.add_argument("--batch-size", type=int, default=200, help="articles per transaction (default 200)")
        parser.add_argument(
            "--skip-alias-sync",
            action="store_true",
            help="do not copy the hand-kept alias files into the database first",
        )

    def handle(self, *args, **options):
        with command_history("reextract"):
            self._reextract(**options)

    def _reextract(self, *, article_ids=None, batch_size=200, skip_alias_sync=False, **options):
        if batch_size < 1:
            raise CommandError(f"--batch-size must be at least 1, got {batch_size}")
        articles = Article.objects.order_by("pk")
        if article_ids:
            found = set(articles.filter(pk__in=article_ids).values_list("pk", flat=True))
            missing = sorted(set(article_ids) - found)
            if missing:
                raise CommandError(f"--article: no article with id {', '.join(map(str, missing))}")
            articles = articles.filter(pk__in=article_ids)
        started = time.monotonic()
        if not skip_alias_sync:
            synced = alias_files_sync()
            self.stdout.write(
                f"aliases: {synced.aliases_created} added, {synced.actors_created} actors and "
                f"{synced.locations_created} places created from the hand-kept files"
            )
        extractor = Extractor(aliases=alias_table())
        ids = list(articles.values_list("pk", flat=True))
        total = ReextractResult()
        with tqdm(total=len(ids), unit="article", disable=None, file=self.stderr) as bar:
            for offset in range(0, len(ids), batch_size):
                batch = articles_reextract(
                    extractor=extractor,
                    article_ids=ids[offset : offset + batch_size],
                    on_article=lambda _: bar.update(),
                )
                total.articles += batch.articles
                total.entries += batch.entries
                total.actor_mentions += batch.actor_mentions
                total.location_mentions += batch.location_mentions
        mention_counts_refresh()
        facet_counts_refresh()  # mentions changed: the pages' precomputed counts are recounted
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"re-extracted {total.articles} articles, {total.entries} entries: {total.actor_mentions} actor and "
                f"{total.location_mentions} place/country mentions in {seconds:.1f}s"
            )
        )

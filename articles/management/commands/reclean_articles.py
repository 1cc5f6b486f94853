"""Take lines learned as publishers' furniture out of the articles already stored."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.models import Article
from articles.selectors.publisher_lines import learned_lines
from articles.services.reclean import RecleanResult, article_reclean


class Command(BaseCommand):
    help = (
        "Remove the lines learned as a publisher's furniture (seen in 3 or more of its articles, or marked "
        "by an editor) from that publisher's stored articles. Entries keep their ids; an entry left empty "
        "is deleted. Reads no files. Run it after imports, or after editors decide lines in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--publisher", action="append", dest="publishers", metavar="NAME", help="only this publisher (repeatable)"
        )
        parser.add_argument(
            "--since",
            type=dt.datetime.fromisoformat,
            metavar="DATETIME",
            help="only lines learned at or after this time (ISO 8601, e.g. 2026-12-04T20:00+00:00)",
        )
        parser.add_argument("--dry-run", action="store_true", help="count what would change, change nothing")

    def handle(self, *args, publishers=None, since=None, dry_run=False, **options):
        if since is not None and since.tzinfo is None:
            raise CommandError("--since needs a time zone (for example 2026-12-04T20:00+00:00)")
        lines = learned_lines(since=since)
        if publishers:
            lines = lines.filter(publisher__in=publishers)
        by_publisher: dict[str, set[str]] = {}
        for publisher, fingerprint in lines.values_list("publisher", "fingerprint"):
            by_publisher.setdefault(publisher, set()).add(fingerprint)
        total = RecleanResult()
        for publisher, fingerprints in sorted(by_publisher.items()):
            ids = list(Article.objects.filter(publisher=publisher).order_by("pk").values_list("pk", flat=True))
            learned = frozenset(fingerprints)
            for article_id in tqdm(ids, unit="article", desc=publisher[:30], disable=None, file=self.stderr):
                total.add(article_reclean(article_id=article_id, fingerprints=learned, dry_run=dry_run))
        verb = "would change" if dry_run else "changed"
        self.stdout.write(
            f"{sum(map(len, by_publisher.values()))} learned line(s) of {len(by_publisher)} publisher(s); "
            f"{verb} {total.articles} article(s): {total.lines_removed} line(s) removed, "
            f"{total.entries_changed} entr(y/ies) kept with new text, {total.entries_deleted} left empty and deleted"
        )

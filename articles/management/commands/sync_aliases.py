"""Copy the hand-kept alias files into the database (idempotent)."""

from django.core.management.base import BaseCommand

from articles.services.aliases import alias_files_sync


class Command(BaseCommand):
    help = "Add the canonical actors/places and aliases of articles/data/*.tsv that the database lacks."

    def handle(self, *args, **options):
        result = alias_files_sync()
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.aliases_created} aliases added; {result.actors_created} actors and "
                f"{result.locations_created} places created"
            )
        )

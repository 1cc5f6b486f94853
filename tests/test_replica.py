"""Reads on a real streaming replica of the test server, and what happens when it fails.

The standby (tests/standby.py) replays the primary's WAL, so it holds the test database and is
read-only: a write that reached it would fail, not pass unnoticed.
"""

import contextlib
import time

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

from archive import replicas, routers
from articles.models import Actor, Article
from tests.factories import ArticleFactory, EntryFactory
from tests.standby import Standby, StandbyUnavailable, primary_conninfo

REPLICA = "replica1"
DATABASES = [DEFAULT_DB_ALIAS, REPLICA]


@pytest.fixture(scope="module")
def standby(django_db_setup, django_db_blocker):
    """A standby of the test server, registered as the alias replica1 (module-scoped, so the
    alias exists before pytest-django checks the aliases a test declares)."""
    with django_db_blocker.unblock():
        primary = connections[DEFAULT_DB_ALIAS].settings_dict
        try:
            server = Standby(primary_conninfo(primary))
            server.create()
        except StandbyUnavailable as reason:
            pytest.skip(f"cannot run a standby here: {reason}")
        connections.settings[REPLICA] = {**server.settings_for(primary), "TEST": {"MIRROR": DEFAULT_DB_ALIAS}}
        yield server
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]
        server.remove()


@pytest.fixture
def replica(standby, settings):
    """The router switched on with the standby as its only replica, lag checked every request."""
    settings.DATABASE_ROUTERS = ["archive.routers.ReplicaRouter"]
    settings.DATABASE_REPLICA_MAX_LAG = 30
    settings.DATABASE_REPLICA_CHECK_INTERVAL = 0
    settings.DATABASE_REPLICA_RETRY = 30
    replicas.forget()
    routers.start_request()
    yield standby
    standby.resume_replay() if _is_up(standby) else standby.start()
    replicas.forget()
    routers.start_request()


def _is_up(standby: Standby) -> bool:
    try:
        standby._execute("SELECT 1")
    except Exception:
        return False
    return True


def _article_on_replica(standby: Standby) -> Article:
    article = ArticleFactory(headline="Routed to the replica")
    EntryFactory(article=article, body="A sentence written for the replica tests.")
    standby.wait_for_replay()
    return article


@contextlib.contextmanager
def queries_on(alias: str):
    """The SQL run on `alias` meanwhile (without connecting to it, unlike CaptureQueriesContext)."""
    seen: list[str] = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connections[alias].execute_wrapper(record):
        yield seen


def _selects(queries: list[str]) -> list[str]:
    return [sql for sql in queries if sql.lstrip().upper().startswith("SELECT")]


def _get(client, url: str):
    """GET `url`, returning the response and the SELECTs each alias ran for it."""
    with queries_on(DEFAULT_DB_ALIAS) as primary, queries_on(REPLICA) as replica:
        response = client.get(url)
    return response, _selects(primary), _selects(replica)


@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_the_replica_is_a_real_read_only_standby(replica):
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), current_setting('transaction_read_only')")
        assert cursor.fetchone() == (True, "on")


@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_pages_read_from_the_replica_and_writes_go_to_the_primary(replica, client):
    article = _article_on_replica(replica)
    assert article._state.db == DEFAULT_DB_ALIAS

    response, on_primary, on_replica = _get(client, f"/articles/{article.pk}/")

    assert response.status_code == 200
    assert "Routed to the replica" in response.content.decode()
    assert on_replica
    assert on_primary == []


@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_migrations_never_reach_the_replica(replica):
    with queries_on(REPLICA) as on_replica:
        call_command("migrate", verbosity=0)
    assert on_replica == []
    router = routers.ReplicaRouter()
    assert not router.allow_migrate(REPLICA, "articles")


@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_a_request_that_writes_then_reads_sees_its_write(replica, client, settings):
    settings.ROOT_URLCONF = "tests.replica_urls"
    _article_on_replica(replica)
    replica.pause_replay()  # the replica cannot see anything written from now on

    response, _, on_replica = _get(client, "/test-write-then-read/fresh-write/")

    assert response.status_code == 200
    assert response.content == b"Fresh-Write"
    assert Actor.objects.using(DEFAULT_DB_ALIAS).filter(slug="fresh-write").exists()
    assert not any("articles_actor" in sql for sql in on_replica)
    # The next request has not written: it reads from the replica again.
    response, _, on_replica = _get(client, "/articles/")
    assert response.status_code == 200
    assert on_replica


@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_a_stopped_replica_leaves_pages_answering_from_the_primary(replica, client, settings):
    settings.DATABASE_REPLICA_CHECK_INTERVAL = 60  # no lag query to stumble on the dead connection
    article = _article_on_replica(replica)
    url = f"/articles/{article.pk}/"
    assert _get(client, url)[2], "warm: the page reads from the replica"

    replica.stop()
    started = time.monotonic()
    response, on_primary, on_replica = _get(client, url)
    elapsed = time.monotonic() - started
    print(f"first page after the replica stopped: {elapsed * 1000:.0f} ms")

    assert response.status_code == 200
    assert "Routed to the replica" in response.content.decode()
    assert on_primary and not on_replica  # found by the connection check, before any query
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["replicas"][REPLICA]["status"] == "down"
    # While marked down the replica costs nothing: no request tries it (a failed try would
    # mark it down again, from a later time).
    marked = replicas.state(REPLICA).down_until
    for _ in range(3):
        assert client.get(url).status_code == 200
    assert replicas.state(REPLICA).down_until == marked
    assert connections[REPLICA].connection is None


@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_a_replica_marked_down_is_tried_again_after_the_retry_period(replica, client, settings):
    settings.DATABASE_REPLICA_RETRY = 0.5
    article = _article_on_replica(replica)
    url = f"/articles/{article.pk}/"
    replica.stop()
    assert _get(client, url)[0].status_code == 200
    assert replicas.state(REPLICA).status == "down"

    replica.start()
    replica.wait_for_replay()
    time.sleep(0.6)
    response, on_primary, on_replica = _get(client, url)

    assert response.status_code == 200
    assert on_replica and not on_primary
    assert client.get("/healthz").json()["replicas"][REPLICA]["status"] == "ok"


@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_a_replica_lagging_past_the_limit_is_not_used(replica, client, settings):
    settings.DATABASE_REPLICA_MAX_LAG = 0.5
    article = _article_on_replica(replica)
    url = f"/articles/{article.pk}/"
    replica.pause_replay()
    ArticleFactory(headline="Written while the replica is paused")
    time.sleep(1.0)  # the replica now trails by more than its last replayed transaction's age

    response, on_primary, on_replica = _get(client, url)
    assert response.status_code == 200
    assert on_primary and not [sql for sql in on_replica if "articles_" in sql]
    health = client.get("/healthz").json()
    assert health["status"] == "ok"
    assert health["replicas"][REPLICA]["status"] == "lagging"
    assert health["replicas"][REPLICA]["lag_seconds"] > 0.5

    replica.resume_replay()
    replica.wait_for_replay()
    response, on_primary, on_replica = _get(client, url)
    assert on_replica and not on_primary


@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_the_lag_is_checked_at_most_once_per_interval(replica, client, settings):
    settings.DATABASE_REPLICA_CHECK_INTERVAL = 60
    article = _article_on_replica(replica)
    with queries_on(REPLICA) as on_replica:
        for _ in range(3):
            assert client.get(f"/articles/{article.pk}/").status_code == 200
    lag_checks = [sql for sql in on_replica if "pg_last_wal_replay_lsn" in sql]
    assert len(lag_checks) == 1

"""The replica router: reads go to a replica, writes and migrations to the primary.

Against a second alias of the test database; tests/test_replica.py runs a real standby.
"""

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from archive import replicas
from archive.routers import ReplicaRouter, start_request
from articles.models import Actor, Article
from tests.factories import ActorFactory


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup):
    """A second alias on the same test database, standing in for a streaming replica.

    Module-scoped so it exists before pytest-django checks the aliases a test declares.
    """
    alias = "replica1"
    connections.settings[alias] = {**connections["default"].settings_dict, "TEST": {"MIRROR": "default"}}
    yield alias
    connections[alias].close()
    del connections[alias]
    del connections.settings[alias]


@pytest.fixture
def replica(replica_alias, settings):
    settings.DATABASE_ROUTERS = ["archive.routers.ReplicaRouter"]
    replicas.forget()
    start_request()
    yield replica_alias
    start_request()


@pytest.mark.django_db(transaction=True, databases=["default", "replica1"])
def test_reads_go_to_the_replica_and_writes_to_the_primary(replica):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[replica]) as replica_queries,
    ):
        actor = Actor.objects.create(name="Routed Person", slug="routed-person", kind="person")
        start_request()  # a later request, which has not written
        found = Actor.objects.get(slug="routed-person")

    assert actor._state.db == "default"
    assert found._state.db == replica
    assert found.pk == actor.pk
    assert any("INSERT" in q["sql"] for q in primary.captured_queries)
    assert not any("SELECT" in q["sql"] for q in primary.captured_queries)
    assert any("pg_is_in_recovery" in q["sql"] for q in replica_queries.captured_queries)
    assert [q["sql"] for q in replica_queries.captured_queries if "SELECT" in q["sql"]]


@pytest.mark.django_db(transaction=True, databases=["default", "replica1"])
def test_reads_inside_a_transaction_stay_on_the_primary(replica):
    with transaction.atomic():
        ActorFactory(slug="in-transaction")
        assert Actor.objects.filter(slug="in-transaction").db == "default"
    start_request()
    assert Actor.objects.filter(slug="in-transaction").db == replica


@pytest.mark.django_db(transaction=True, databases=["default", "replica1"])
def test_after_a_write_the_rest_of_the_request_reads_the_primary(replica):
    assert Actor.objects.filter(slug="x").db == replica
    ActorFactory(slug="written")
    assert Actor.objects.filter(slug="written").db == "default"
    start_request()
    assert Actor.objects.filter(slug="written").db == replica


@pytest.mark.django_db(transaction=True, databases=["default", "replica1"])
def test_objects_from_replica_and_primary_can_be_related(replica):
    article = Article.objects.create(headline="Routed", source_file="routed.txt", content_hash="r" * 64)
    start_request()
    read_back = Article.objects.get(pk=article.pk)
    assert read_back._state.db == replica
    entry = read_back.entries.create(position=0, body="A sentence of our own.", content_hash="e" * 64)
    assert entry._state.db == "default"


def test_only_the_primary_is_migrated(replica):
    router = ReplicaRouter()
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate(replica, "articles")
    assert router.db_for_write(Actor) == "default"

"""Public requests under a statement timeout (503 page), DataErrors as 400 pages, the admin
unbounded (archive/request_limits.py)."""

import psycopg
import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits_urls(settings):
    settings.ROOT_URLCONF = "tests.limits_urls"
    settings.PUBLIC_STATEMENT_TIMEOUT = 300


def test_a_public_query_past_the_timeout_is_cancelled_into_a_503_page(client, limits_urls):
    response = client.get("/test/slow")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "This request took too long" in response.content.decode()


def test_public_pages_and_the_admin_get_their_own_timeouts(client, limits_urls, settings):
    assert client.get("/test/timeout").content == b"300ms"
    settings.ADMIN_STATEMENT_TIMEOUT = 0
    assert client.get("/admin/test/timeout").content == b"0"
    # The connection persists between requests: each sets its own value again.
    assert client.get("/test/timeout").content == b"300ms"


def test_the_admin_is_not_cut_short_by_the_public_timeout(client, limits_urls, settings):
    settings.PUBLIC_STATEMENT_TIMEOUT = 100
    settings.ADMIN_STATEMENT_TIMEOUT = 0
    response = client.get("/admin/test/slow")
    assert response.status_code == 200


def test_a_data_error_is_a_400_page_not_a_500(client, limits_urls):
    response = client.get("/test/divide")
    assert response.status_code == 400
    assert "This request cannot be read" in response.content.decode()


def test_a_real_page_waiting_on_a_lock_gives_the_503_page(client, settings):
    # Another session holds a table the entries page reads; PostgreSQL cancels the wait.
    settings.PUBLIC_STATEMENT_TIMEOUT = 200
    with psycopg.connect(**connection.get_connection_params()) as locker:
        locker.execute("SET lock_timeout = '5s'")
        locker.execute("LOCK TABLE articles_entry IN ACCESS EXCLUSIVE MODE")
        response = client.get("/entries/?q=ceasefire&sort=newest&page=3")
        locker.rollback()
    assert response.status_code == 503

"""/healthz answers 200 when the database does and 503 when it does not."""

import socket

import pytest
from django.db import connection


@pytest.mark.django_db
def test_healthz_is_ok_with_a_working_database(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


def closed_port() -> int:
    """A loopback port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthz_is_503_when_the_database_is_unreachable(client, django_db_blocker, caplog):
    # A real failure: the default connection is pointed at a closed port, then restored.
    with django_db_blocker.unblock():
        connection.close()
        saved = dict(connection.settings_dict)
        connection.settings_dict.update({"HOST": "127.0.0.1", "PORT": closed_port(), "OPTIONS": {"connect_timeout": 2}})
        try:
            with caplog.at_level("ERROR", logger="archive.health"):
                response = client.get("/healthz")
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
    assert "database unreachable" in caplog.text
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.django_db
def test_healthz_answers_head_as_monitors_probe_it(client):
    response = client.head("/healthz")
    assert response.status_code == 200
    assert response.content == b""

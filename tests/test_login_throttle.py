"""The admin's login throttle (archive/security.py, django-axes with its database handler)."""

import uuid

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

ATTACKER = "203.0.113.7"
OWNER = "198.51.100.9"
PASSWORD = "the-right-password-1"


@pytest.fixture
def editor(django_user_model, settings):
    settings.AXES_FAILURE_LIMIT = 3
    return django_user_model.objects.create_superuser("editor", "e@example.org", PASSWORD)


def login_attempt(client: Client, username: str, password: str, ip: str = ATTACKER, **extra):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=ip, **extra
    )


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_failures_are_logged_and_the_address_is_then_refused_with_a_429(client, editor, caplog):
    with caplog.at_level("WARNING", logger="archive.security"):
        for _ in range(2):
            assert login_attempt(client, "editor", "a-wrong-guess").status_code == 200
        third = login_attempt(client, "editor", "a-wrong-guess")
    failures = [r.getMessage() for r in caplog.records if "Failed login" in r.getMessage()]
    assert len(failures) == 3
    assert "username='editor'" in failures[0] and ATTACKER in failures[0]
    assert third.status_code == 429

    caplog.clear()
    with caplog.at_level("WARNING", logger="archive.security"):
        refused = login_attempt(client, "editor", PASSWORD)
    assert refused.status_code == 429 and not logged_in(client)
    page = refused.content.decode()
    assert "Too many failed login attempts" in page and "Try again in about 15 minutes" in page
    assert 890 <= int(refused["Retry-After"]) <= 900
    assert any("Login throttled" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_an_attacked_username_does_not_lock_its_owner_out(client, editor):
    for _ in range(10):
        login_attempt(client, "editor", "a-wrong-guess")
    owner = Client()
    response = login_attempt(owner, "editor", PASSWORD, ip=OWNER)
    assert response.status_code == 302 and logged_in(owner)


@pytest.mark.django_db
def test_flushing_the_cache_does_not_lift_the_lock(client, editor):
    for _ in range(3):
        login_attempt(client, "editor", "a-wrong-guess")
    cache.clear()  # what 800 random usernames did to the LocMem counters
    assert login_attempt(client, "editor", PASSWORD).status_code == 429
    assert not logged_in(client)


@pytest.mark.django_db
def test_refused_attempts_store_nothing_whatever_the_username_or_agent(client, editor):
    for _ in range(3):
        login_attempt(client, "editor", "a-wrong-guess")
    rows = list(AccessAttempt.objects.values_list("id", "failures_since_start", "attempt_time"))
    for _ in range(20):
        name = uuid.uuid4().hex
        response = login_attempt(client, name, "x", HTTP_USER_AGENT=name * 10)
        assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("id", "failures_since_start", "attempt_time")) == rows


@pytest.mark.django_db
def test_the_lock_ends_when_the_window_has_passed(client, editor, settings):
    for _ in range(3):
        login_attempt(client, "editor", "a-wrong-guess")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME)
    assert login_attempt(client, "editor", PASSWORD).status_code == 302
    assert logged_in(client)


@pytest.mark.django_db
def test_a_successful_login_clears_the_address_counter(client, editor):
    login_attempt(client, "editor", "wrong-1")
    login_attempt(client, "editor", "wrong-2")
    assert login_attempt(client, "editor", PASSWORD).status_code == 302
    client.logout()
    login_attempt(client, "editor", "wrong-3")
    login_attempt(client, "editor", "wrong-4")
    assert login_attempt(client, "editor", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_an_ipv6_client_is_counted_by_its_64_network(client, editor):
    for host in range(1, 4):
        login_attempt(client, "editor", "a-wrong-guess", ip=f"2001:db8:1:2::{host}")
    assert login_attempt(client, "editor", PASSWORD, ip="2001:db8:1:2:ffff::9").status_code == 429
    assert login_attempt(Client(), "editor", PASSWORD, ip="2001:db8:1:3::1").status_code == 302


@pytest.mark.django_db
def test_a_refused_next_lands_on_the_admin_not_a_404(client, editor):
    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_an_authentication_without_a_request_is_left_to_the_password_check(client, editor):
    # Client.login() and shells call authenticate() with no request: no address to count.
    assert not client.login(username="editor", password="a-wrong-guess")
    assert client.login(username="editor", password=PASSWORD)

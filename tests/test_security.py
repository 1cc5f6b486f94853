"""Security headers, CSP that the admin lives with, staff-only admin, CSRF and login throttling."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from tests.factories import ArticleFactory, EntryFactory

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "q9#Tz" * 12 + "-a-production-secret-for-the-header-test",
    "ALLOWED_HOSTS": "archive.example.org",
    # No query reaches the database: the login page of an anonymous visitor needs none.
    "DATABASE_URL": "postgres://u:p@127.0.0.1:1/none",
}

# Runs in a child process so the production settings module is read with DEBUG off.
_PROBE = """
import json, django
django.setup()
from django.test import Client, override_settings
# The manifest storage would need `collectstatic`; the headers do not depend on it.
override_settings(STORAGES={
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
client = Client()
page = client.get("/admin/login/", secure=True, HTTP_HOST="archive.example.org")
plain = client.get("/admin/login/", HTTP_HOST="archive.example.org")
print(json.dumps({
    "status": page.status_code,
    "headers": dict(page.headers),
    "cookies": {name: {"secure": bool(m["secure"])} for name, m in page.cookies.items()},
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location"),
}))
"""


def csp_directives(header: str) -> dict[str, set[str]]:
    """Parse a Content-Security-Policy header into {directive: {sources}}."""
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = set(words[1:])
    return directives


def assert_strict_csp(header: str) -> None:
    policy = csp_directives(header)
    assert policy["default-src"] == {"'self'"}
    assert policy["script-src"] == {"'self'"}
    assert policy["style-src"] == {"'self'"}
    assert policy["img-src"] == {"'self'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["object-src"] == {"'none'"}
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_production_responses_carry_every_security_header():
    env = {**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **PRODUCTION_ENV}
    env["DJANGO_SETTINGS_MODULE"] = "archive.settings"
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    headers = probe["headers"]

    assert probe["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert_strict_csp(headers["Content-Security-Policy"])
    assert probe["cookies"]["csrftoken"]["secure"] is True
    # Plain HTTP is sent to HTTPS.
    assert probe["plain_status"] == 301
    assert probe["plain_location"].startswith("https://archive.example.org/")


@pytest.mark.django_db
def test_archive_pages_carry_the_csp_and_header_defaults(client):
    article = ArticleFactory(headline="Ceasefire talks resume in a neutral capital")
    EntryFactory(article=article, position=0)
    for url in ["/", "/entries/", f"/articles/{article.pk}/", "/healthz"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_csp(response.headers["Content-Security-Policy"])
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "same-origin"
        if response["Content-Type"].startswith("text/html"):
            assert_nothing_inline(response.content.decode(), url)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>\s*\S", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.I)


def assert_nothing_inline(html: str, url: str) -> None:
    """What the strict CSP would block: inline <script> bodies, on*= handlers, style= attributes."""
    assert not INLINE_SCRIPT.search(html), f"inline script on {url}"
    assert not INLINE_HANDLER.search(html), f"inline event handler on {url}"
    assert not INLINE_STYLE.search(html), f"inline style attribute on {url}"


@pytest.mark.django_db
def test_the_admin_works_under_the_strict_csp(staff_client):
    article = ArticleFactory(headline="Grain corridor reopens after a week")
    EntryFactory(article=article, position=0)
    urls = [
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/article/add/",
        "/admin/articles/entry/",
        "/admin/articles/actor/add/",
        "/admin/articles/location/",
    ]
    for url in urls:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert_strict_csp(response.headers["Content-Security-Policy"])
        assert_nothing_inline(response.content.decode(), url)


@pytest.mark.django_db
def test_the_admin_is_for_staff_only(client, django_user_model):
    django_user_model.objects.create_user("reader", password="a-long-test-password")
    assert client.login(username="reader", password="a-long-test-password")
    for url in ["/admin/", "/admin/articles/article/", "/admin/auth/user/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url


@pytest.mark.django_db
def test_the_admin_login_requires_a_csrf_token(django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.org", "a-long-test-password")
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "editor", "password": "a-long-test-password"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session

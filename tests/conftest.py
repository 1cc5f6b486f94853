import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; pytest-django's live_server
# and ORM calls from that thread are safe here because they are not concurrent.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Tests run with DEBUG off; the manifest storage would need `collectstatic` first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def chromium(monkeypatch):
    """Debian's Chromium driven by Playwright (skips when it is not installed: `make browser`)."""
    from django.db import connections

    # The live server answers each browser connection in its own thread; with persistent
    # database connections those threads would still hold the test database at teardown.
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        # Playwright's event loop makes Django keep separate connections for this context:
        # close them here, or the test database could not be dropped at the end.
        connections.close_all()
        browser.close()

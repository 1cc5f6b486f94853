"""In Chromium, the strict Content-Security-Policy blocks nothing the admin or the pages need:
the admin's JavaScript widgets work and no page reports a CSP violation."""

from pathlib import Path

import pytest

from tests.factories import ArticleFactory, EntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

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
# Injected by Playwright (not subject to the page's CSP): records every violation the page causes.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || ""));
});
"""


@pytest.fixture
def page(monkeypatch):
    from django.db import connections

    # Live-server threads must not keep connections open past the test.
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_init_script(RECORD_VIOLATIONS)
        yield context.new_page()
        browser.close()


def violations(page) -> list[str]:
    return page.evaluate("window.__csp")


def test_admin_and_pages_run_under_the_csp_without_violations(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.org", "a-long-test-password")
    article = ArticleFactory(headline="Power restored to the eastern districts")
    EntryFactory(article=article, position=0)
    base = live_server.url

    page.goto(base + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")
    assert violations(page) == []

    # The change form's JavaScript (date shortcuts, related-object links) runs under the CSP.
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    page.locator(".datetimeshortcuts a", has_text="Today").first.click()
    assert page.input_value("#id_published_on")
    page.locator(".datetimeshortcuts .date-icon").first.click()
    assert page.locator(".calendarbox").first.is_visible()
    assert violations(page) == []

    # The changelist's select-all checkbox and action counter are JavaScript too.
    page.goto(base + "/admin/articles/article/")
    page.check("#action-toggle")
    assert "1 of 1 selected" in page.locator(".action-counter").inner_text()
    assert violations(page) == []

    for url in ["/", "/entries/", "/articles/", f"/articles/{article.pk}/", "/countries/"]:
        page.goto(base + url)
        assert violations(page) == [], url
    # Let the live server's request threads finish (and close their connections) before teardown.
    page.goto("about:blank")

"""In Chromium, the strict Content-Security-Policy blocks nothing the admin or the pages need:
the admin's JavaScript widgets work and no page reports a CSP violation."""

import pytest

from tests.factories import ArticleFactory, EntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Injected by Playwright (not subject to the page's CSP): records every violation the page causes.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || ""));
});
"""


@pytest.fixture
def page(chromium):
    context = chromium.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    return context.new_page()


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

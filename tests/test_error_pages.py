"""Styled 404 and 500 pages as production shows them (DEBUG off): header, search, a way back."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    return settings


def assert_site_page(html: str) -> None:
    assert 'class="site-header"' in html and 'id="site-search-q"' in html  # header and its search
    assert '<form class="error-page__search"' in html and 'href="/"' in html  # a search and a way back
    assert "Traceback" not in html


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/no-such-page/", "There is no page at this address."),
        ("/entries/999999/", "No entry with that number."),
        ("/people/nobody-at-all/", "No person or organisation with that name."),
    ],
)
def test_a_missing_page_is_a_styled_404_that_says_what_is_missing(client, production, url, message):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert '<h1 id="error-heading">Page not found</h1>' in html and message in html
    assert f"<code>{url}</code>" in html
    assert_site_page(html)


@pytest.mark.urls("tests.error_urls")
def test_a_server_error_is_a_styled_500_without_details(production):
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "a bug for the 500 page test" not in html and "RuntimeError" not in html
    assert_site_page(html)

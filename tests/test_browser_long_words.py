"""A 20 000-character word does not widen the page on a phone (static/css/site.css)."""

import pytest

from tests.factories import ArticleFactory, EntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_WORD = "unbroken" * 2500  # 20 000 characters, no space to wrap at


def test_a_very_long_word_wraps_inside_a_phone_screen(chromium, live_server):
    article = ArticleFactory(headline="Headline " + LONG_WORD[:3000])
    entry = EntryFactory(article=article, title=LONG_WORD[:500], body=f"Before {LONG_WORD} after.")
    page = chromium.new_page(viewport={"width": 375, "height": 800})
    try:
        for path in (f"/entries/{entry.pk}/", f"/articles/{article.pk}/", "/entries/"):
            page.goto(live_server.url + path)
            widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert widths[0] <= widths[1], path
        page.goto(live_server.url + f"/entries/{entry.pk}/")
        page.screenshot(path="/tmp/bounded-long-word.png")
    finally:
        page.close()

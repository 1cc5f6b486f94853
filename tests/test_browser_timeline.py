"""A reader follows a live blog by the clock in Chromium, on a desktop and on a 390 px phone."""

import re

import pytest

from articles.models import Article, Entry
from articles.services.imports import article_import
from tests.test_browse_timeline import TRUCE_BLOG
from tests.test_browser import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def assert_nothing_cut_off(page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_reader_follows_a_live_blog_by_the_clock(live_server, chromium, tmp_path, device, settings):
    path = tmp_path / "harbour.txt"
    path.write_text(TRUCE_BLOG, encoding="utf-8")
    assert article_import(path=path, extractor=None).status == "new"
    article = Article.objects.get()
    page = chromium.new_page(viewport=VIEWPORTS[device])
    base = live_server.url

    page.goto(base + article.get_absolute_url())
    titles = page.locator(".entry-list--article .entry__title").all_inner_texts()
    assert titles[0].startswith("10:21 p.m.")
    assert page.locator(".entry__time").first.inner_text() == "22:21"
    page.get_by_role("link", name="Oldest first").click()
    assert page.url.endswith("?order=oldest")
    titles = page.locator(".entry-list--article .entry__title").all_inner_texts()
    assert titles[:2] == ["7:40 a.m.: First crossing leaves on time", "Port museum reopens its doors"]
    assert_nothing_cut_off(page)
    shot(page, f"timeline-article-oldest-{device}")

    opening = Entry.objects.get(article=article, position=0)
    page.goto(base + opening.get_absolute_url())
    assert page.locator("h1").inner_text() == "The harbour reopened this morning after three days of gales."
    page.get_by_role("link", name=re.compile("Next in the article")).click()
    assert page.locator("h1").inner_text() == "10:21 p.m.: Last ferry of the day docks safely"
    assert page.locator(".entry__meta .entry__time").inner_text() == "22:21"
    assert page.get_by_role("link", name=re.compile("Previous in the article")).is_visible()
    assert_nothing_cut_off(page)
    shot(page, f"timeline-entry-{device}")

    # The filter form submits its untouched fields; the address bar keeps only what is set.
    page.goto(base + "/entries/")
    if device == "phone":
        page.locator(".filter-form").scroll_into_view_if_needed()
    page.get_by_role("button", name="Apply filters").click()
    assert page.url.startswith(base + "/entries/") and not re.search(r"=(&|$)", page.url), page.url

    settings.DEBUG = False
    page.goto(base + "/entries/987654/")
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.get_by_text("No entry with that number.").is_visible()
    assert_nothing_cut_off(page)
    shot(page, f"timeline-404-{device}")
    page.get_by_role("link", name="← Back to the home page").click()
    assert page.url == base + "/"

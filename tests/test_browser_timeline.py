"""A reader follows a live blog by the clock in Chromium, on a desktop and on a 390 px phone."""

import datetime
import re

import pytest

from articles.models import Article, Entry
from articles.services.imports import article_import
from tests.factories import ArticleFactory, EntryFactory
from tests.test_browse_timeline import TRUCE_BLOG
from tests.test_browser import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def shot(page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


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
        page.get_by_text("Search and filters").click()  # the form starts folded on a phone
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


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_entries_page_on_desktop_and_phone_results_chart_and_folded_filters(live_server, chromium, device):
    article = ArticleFactory(published_on=datetime.date(2024, 6, 1))
    for day in range(100):  # a hundred days: the most daily buckets a histogram has
        EntryFactory(article=article, position=day, published_on=datetime.date(2024, 6, 1) + datetime.timedelta(day))
    page = chromium.new_page(viewport=VIEWPORTS[device])
    page.goto(live_server.url + "/entries/")
    assert_nothing_cut_off(page)

    widths = page.eval_on_selector_all(".chart__bar", "bars => bars.map(b => b.getBoundingClientRect().width)")
    assert widths and min(widths) >= 4, min(widths)
    taps = page.eval_on_selector_all(".chart__hit", "hits => hits.map(h => h.getBoundingClientRect().height)")
    assert min(taps) >= 100  # the whole column answers a tap, not only the bar
    assert page.locator(".chart__axis-title").inner_text() == "Entries per 2 days"
    assert page.locator(".chart__axis").is_visible()

    form = page.locator(".filter-form")
    first_result = page.locator(".entry").first
    if device == "phone":
        assert not form.is_visible()  # folded: the results come first
        assert first_result.bounding_box()["y"] < page.locator("#refine").bounding_box()["y"]
        shot(page, "timeline-entries-phone", full_page=False)
        page.get_by_text("Search and filters").click()
        assert form.is_visible()
        shot(page, "timeline-entries-phone-filters-open", full_page=False)
    else:
        assert form.is_visible() and not page.locator(".filters__summary").is_visible()
        shot(page, "timeline-entries-desktop", full_page=False)

    page.goto(live_server.url + "/entries/?date_from=2024-06-05&date_to=2024-06-05")
    (width,) = page.eval_on_selector_all(".chart__bar", "bars => bars.map(b => b.getBoundingClientRect().width)")
    chart_width = page.locator(".chart__svg").bounding_box()["width"]
    assert width < chart_width / 6  # one day is one bar, not a block as wide as the chart
    shot(page, f"timeline-one-day-{device}", full_page=False)

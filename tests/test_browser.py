"""A reader browses the archive in Debian's Chromium (Playwright) against a live server."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.browse_archive import build_browse_archive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


@pytest.fixture
def browser_page(chromium):
    return chromium.new_page(viewport={"width": 1280, "height": 900})


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def chips(page) -> list[str]:
    return [" ".join(text.split()) for text in page.locator(".chip").all_text_contents()]


def result_count(page) -> int:
    return int(page.locator(".page-head__count strong").inner_text().replace(",", ""))


def test_reader_filters_searches_pages_and_exports(live_server, browser_page, settings):
    settings.BROWSE_PAGE_SIZE = 10
    archive = build_browse_archive(articles=5, entries_per_article=8, undated=2)
    page = browser_page
    base = live_server.url

    page.goto(base + "/")
    assert page.locator("h1").inner_text().startswith("What the reporting says")
    shot(page, "home")

    # Filter by a country from the facet sidebar.
    page.goto(base + "/entries/")
    everything = result_count(page)
    assert everything == 42
    page.locator("#facet-country + ul").get_by_role("link", name=re.compile("Poland")).click()
    assert "country=PL" in page.url
    assert any("Poland" in chip for chip in chips(page))
    in_poland = result_count(page)
    assert 0 < in_poland < everything
    assert page.locator(".entry .tag--place", has_text=re.compile("Poland|Warsaw")).count() > 0

    # Add a person: both filters apply (and the country chip stays).
    page.locator("#facet-person + ul").get_by_role("link", name=re.compile("Amara Okafor")).click()
    assert "country=PL" in page.url and "person=amara-okafor" in page.url
    assert len(chips(page)) == 2
    with_person = result_count(page)
    assert 0 < with_person <= in_poland
    shot(page, "entries-filtered")

    # Remove the country chip: the person filter is kept.
    page.get_by_role("link", name=re.compile("Remove filter Country: Poland")).click()
    assert "country=" not in page.url and "person=amara-okafor" in page.url
    assert len(chips(page)) == 1
    assert result_count(page) >= with_person

    # Search (the form keeps the person filter in a hidden field).
    page.get_by_label("Search", exact=True).fill("grain")
    page.get_by_role("button", name="Apply filters").click()
    assert "q=grain" in page.url and "person=amara-okafor" in page.url
    assert page.locator(".entry__snippet mark", has_text=re.compile("grain", re.I)).count() > 0
    shot(page, "entries-search")

    # Follow a facet link: an organisation narrows the results and becomes a chip.
    page.goto(base + "/entries/?country=UA")
    ukraine = result_count(page)
    page.locator("#facet-org + ul a").first.click()
    assert "org=" in page.url and "country=UA" in page.url
    assert result_count(page) < ukraine
    assert any(chip.startswith("Organisation") for chip in chips(page))

    # Page through the results: filters are kept, page 2 shows the next entries.
    page.goto(base + "/entries/?country=UA")
    first_links = [a.get_attribute("href") for a in page.locator(".entry__title a").all()]
    page.get_by_role("link", name="Next →").click()
    assert "page=2" in page.url and "country=UA" in page.url
    assert page.locator(".pagination [aria-current=page]").inner_text() == "2"
    second_links = [a.get_attribute("href") for a in page.locator(".entry__title a").all()]
    assert second_links and set(second_links).isdisjoint(first_links)

    # Export exactly the filtered view: every matching row, not only one page.
    csv_href = page.get_by_role("link", name="CSV").get_attribute("href")
    assert "country=UA" in csv_href and "page=" not in csv_href
    response = page.request.get(base + csv_href)
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text().lstrip("\ufeff"))))
    assert len(rows) == ukraine
    assert all("UA" in row["countries"] for row in rows)

    # The other main pages, as a reader sees them.
    page.goto(base + f"/articles/{archive.articles[1].pk}/")
    assert page.locator(".entry").count() == 9  # a repeated entry, then eight new ones
    assert page.locator(".entry__body p").count() == 9  # bodies read as paragraphs, not as markup
    assert "<p>" not in page.locator("main").inner_text()
    page.get_by_role("link", name="see the original entry").click()
    assert page.url.endswith(f"/entries/{archive.duplicates[0].duplicate_of_id}/")
    page.go_back()
    shot(page, "article")
    page.goto(base + "/people/amara-okafor/")
    assert page.locator("h1").inner_text() == "Amara Okafor"
    assert page.locator(".chart__svg a").count() > 0
    shot(page, "person")
    page.goto(base + "/countries/UA/")
    assert page.locator("h1").inner_text() == "Ukraine"
    shot(page, "country")
    page.goto(base + "/countries/")
    shot(page, "countries")

    # Bad input: the page explains what is wrong, naming the parameter.
    page.goto(base + "/entries/?date_from=yesterday&country=XX&person=amara-okafor")
    alert = page.get_by_role("alert")
    assert "date_from: must be a date written YYYY-MM-DD" in alert.inner_text()
    assert "“XX” is not an ISO 3166 country code" in alert.inner_text()
    shot(page, "entries-error")

    # A phone: the page reflows to one column and stays usable.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/entries/?country=UA&q=convoy")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "phone-entries")
    page.goto(base + "/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "phone-home")


def test_keyboard_reaches_the_facets_and_histogram(live_server, browser_page):
    build_browse_archive(articles=2, entries_per_article=4, undated=1)
    page = browser_page
    page.goto(live_server.url + "/entries/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    # A histogram bar is a focusable link that filters to its period.
    bar = page.locator(".chart__svg a").first
    bar.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("date_from="))
    assert any(chip.startswith("From") for chip in chips(page))

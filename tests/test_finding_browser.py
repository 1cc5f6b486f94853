"""Finding things in Chromium: directories, facet name boxes, place pages, spellings, compare."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from articles.models import ActorAlias
from tests.browse_archive import build_browse_archive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def assert_fits(page) -> None:
    """Nothing is cut off: the page is no wider than the window."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide"


@pytest.fixture
def archive():
    archive = build_browse_archive(articles=4, entries_per_article=8, undated=2)
    ActorAlias.objects.create(actor=archive.people["lindqvist"], name="Lindqvist")
    return archive


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_reader_finds_a_person_by_a_misspelling_and_a_place_from_its_facet(live_server, chromium, archive, device):
    page = chromium.new_page(viewport=VIEWPORTS[device])
    base = live_server.url

    # The facet's name box (no script needed) goes to the directory with the filters kept.
    page.goto(base + "/entries/?country=PL")
    page.get_by_label("Find people by name").fill("Lindqvest")
    page.get_by_label("Find people by name").press("Enter")
    assert "/people/" in page.url and "country=PL" in page.url and "name=Lindqvest" in page.url
    assert page.locator("table.directory tbody th").all_inner_texts() == ["Erik Lindqvist"]
    assert_fits(page)
    shot(page, f"finding-people-search-{device}")
    page.get_by_role("link", name="Erik Lindqvist", exact=True).click()
    assert page.url.endswith("/people/erik-lindqvist/")

    # "All N places…" under the place facet, then a place page.
    page.goto(base + "/entries/?country=UA")
    more = page.locator("#facet-place ~ .facet__more a")
    assert re.fullmatch(r"All \d+ places…", more.inner_text())
    more.click()
    assert page.url.endswith("/places/?country=UA")
    assert set(page.locator("table.directory tbody th").all_inner_texts()) == {"Odesa", "Kharkiv", "Lviv"}
    assert_fits(page)
    shot(page, f"finding-places-{device}")
    page.get_by_role("link", name="Odesa", exact=True).click()
    assert page.url.endswith("/places/odesa-ua/")
    assert page.locator("h1").inner_text() == "Odesa"
    assert page.locator(".eyebrow a", has_text="Ukraine").count() == 1
    assert page.locator("#place-chart-caption").count() == 1
    assert_fits(page)
    shot(page, f"finding-place-{device}")

    # A place tag in an entry opens the place's page; filtering by it makes a chip.
    page.locator(".entry .tag--place", has_text="Odesa").first.click()
    assert page.url.endswith("/places/odesa-ua/")
    page.get_by_role("link", name=re.compile(r"All \d+ entries mentioning Odesa")).click()
    assert "place=odesa-ua" in page.url
    assert page.locator(".chip", has_text="Odesa").count() == 1
    assert_fits(page)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_search_for_a_name_suggests_its_person_and_keeps_its_sort(live_server, chromium, archive, device):
    page = chromium.new_page(viewport=VIEWPORTS[device])
    page.goto(live_server.url + "/entries/?q=lindqvist")
    suggestion = page.locator(".suggestion")
    assert "Person: Erik Lindqvist" in suggestion.inner_text()
    assert page.locator("#id_sort").input_value() == "relevance"
    order = page.locator(".entry h3 a, .entry__title a").all_inner_texts()
    assert_fits(page)
    shot(page, f"finding-suggestion-{device}")
    # Applying the form unchanged keeps the order.
    if device == "phone":
        page.get_by_text("Search and filters").click()  # the form starts folded on a phone
    page.get_by_role("button", name="Apply filters").click()
    assert "sort=relevance" in page.url
    assert page.locator(".entry h3 a, .entry__title a").all_inner_texts() == order
    page.get_by_role("link", name="Show the entries tagged Erik Lindqvist").click()
    assert "person=erik-lindqvist" in page.url and "q=" not in page.url


@pytest.mark.parametrize("device", VIEWPORTS)
def test_compare_shows_timelines_on_one_scale(live_server, chromium, archive, device):
    page = chromium.new_page(viewport=VIEWPORTS[device])
    page.goto(live_server.url + "/compare/?person=amara-okafor")
    page.get_by_role("link", name="+ Erik Lindqvist").click()
    assert "person=amara-okafor" in page.url and "person=erik-lindqvist" in page.url
    charts = page.locator(".compare-timeline svg")
    assert charts.count() == 2
    boxes = [charts.nth(i).bounding_box() for i in range(2)]
    # One axis: the charts are drawn at the same place and size.
    assert boxes[0]["x"] == boxes[1]["x"] and boxes[0]["width"] == boxes[1]["width"]
    assert page.locator("#shared-heading").is_visible()
    assert page.locator("#company-heading ~ .grid .card").count() == 2
    assert_fits(page)
    shot(page, f"finding-compare-{device}")
    page.get_by_role("link", name="Remove Erik Lindqvist from the comparison").click()
    assert "erik-lindqvist" not in page.url

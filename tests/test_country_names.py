"""One display name per country everywhere: chips, facets, pages, the country list and feeds."""

import xml.etree.ElementTree as ET

import pytest

from articles.selectors.countries import country_name
from tests.factories import CountryFactory, entry_with_mentions

pytestmark = pytest.mark.django_db


def test_the_display_name_is_the_one_extraction_stores_not_isos():
    assert country_name("RU") == "Russia"  # ISO 3166 says "Russian Federation"
    assert country_name("ru") == "Russia"
    assert country_name("PS") == "Palestine"
    assert country_name("XX") is None


def test_every_page_names_a_country_the_same_way(client):
    # A country place stored under ISO's long name (an older import) must not leak into one page only.
    russia = CountryFactory(country_code="RU", name="Russian Federation", slug="russian-federation")
    entry_with_mentions(title="Talks in the capital", body="Delegations met again.", locations=[russia])
    pages = {
        "facet": client.get("/entries/").content.decode(),
        "chip": client.get("/entries/?country=RU").content.decode(),
        "country page": client.get("/countries/RU/").content.decode(),
        "country list": client.get("/countries/").content.decode(),
    }
    for name, html in pages.items():
        assert "Russian Federation" not in html.replace('"russian-federation"', ""), name
        assert "Russia" in html, name
    assert "<h1>Russia</h1>" in pages["country page"]
    assert 'Remove filter Country: Russia"' in pages["chip"]
    feed = ET.fromstring(client.get("/entries.atom?country=RU").content)
    assert feed.find("{http://www.w3.org/2005/Atom}title").text.startswith("Entries in Russia")


def test_the_country_box_says_what_its_numbers_count(client):
    russia = CountryFactory(country_code="RU", name="Russia", slug="russia")
    entry_with_mentions(title="Talks in the capital", body="Delegations met again.", locations=[russia])
    html = client.get("/entries/?country=RU").content.decode()
    assert "Each number counts the entries mentioning that country under the other filters" in html

"""Filter by place, place pages, place tags linking to them, countries listing their places."""

import re

import pytest

from articles.models import EntryLocation, Location, MentionSource
from articles.services.denorm import entry_denorm_refresh
from tests.browse_archive import build_browse_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return build_browse_archive(articles=4, entries_per_article=8, undated=2)


def _entry_ids(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'<a href="/entries/(\d+)/"', html)}


def _canonical_mentioning(*places) -> set[int]:
    ids = None
    for place in places:
        found = set(place.entries.filter(duplicate_of=None).values_list("pk", flat=True))
        ids = found if ids is None else ids & found
    return ids


def test_place_filter_lists_the_entries_mentioning_the_place(client, archive, settings):
    settings.BROWSE_PAGE_SIZE = 100
    odesa = archive.places["odesa"]
    html = client.get("/entries/?place=odesa-ua").content.decode()
    assert _entry_ids(html) == _canonical_mentioning(odesa) != set()
    assert 'aria-label="Remove filter Place: Odesa"' in html
    assert '<input type="hidden" name="place" value="odesa-ua"' in html


def test_several_places_are_all_of(client, archive, settings):
    settings.BROWSE_PAGE_SIZE = 100
    odesa, ukraine = archive.places["odesa"], archive.places["UA"]
    # Odesa and the country row Ukraine is not a place filter; two towns never share an entry here,
    # so tag one entry with both to see the intersection.
    entry = next(iter(odesa.entries.filter(duplicate_of=None)))
    EntryLocation.objects.create(entry=entry, location=archive.places["warsaw"])
    entry_denorm_refresh(entry_ids=[entry.pk])
    html = client.get("/entries/?place=odesa-ua&place=warsaw-pl").content.decode()
    assert _entry_ids(html) == {entry.pk}
    assert ukraine.kind == Location.Kind.COUNTRY


def test_a_rejected_mention_does_not_count(client, archive, settings):
    settings.BROWSE_PAGE_SIZE = 100
    odesa = archive.places["odesa"]
    mention = EntryLocation.objects.filter(location=odesa, entry__duplicate_of=None).first()
    mention.source = MentionSource.REJECTED
    mention.save()
    entry_denorm_refresh(entry_ids=[mention.entry_id])
    html = client.get("/entries/?place=odesa-ua").content.decode()
    assert mention.entry_id not in _entry_ids(html)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("place=atlantis", "No place has the slug “atlantis”"),
        ("place=ukraine", "“Ukraine” is a country; use country=UA."),
        ("place=bad%20slug", "is not a valid place slug"),
    ],
)
def test_a_bad_place_is_a_clear_error(client, archive, query, message):
    response = client.get(f"/entries/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_entries_page_has_a_place_facet_and_links_to_every_directory(client, archive):
    html = client.get("/entries/?country=UA").content.decode()
    facet = html[html.index('id="facet-place"') :]
    facet = facet[: facet.index("</section>")]
    assert 'href="?country=UA&amp;place=odesa-ua"' in facet
    assert "Warsaw" not in facet and "Ukraine" not in facet  # only places of these entries; no countries
    assert '<a href="/places/?country=UA">All 3 places…</a>' in facet
    assert re.search(r'<a href="/people/\?country=UA">All \d people…</a>', html)
    assert re.search(r'<a href="/organisations/\?country=UA">All 1 organisation…</a>', html)
    # The find box of a facet goes to its directory with the filters.
    assert '<form class="facet__find" method="get" action="/people/" role="search">' in html
    assert '<input type="hidden" name="country" value="UA">' in facet


def test_a_place_page_shows_its_country_timeline_company_and_entries(client, archive):
    odesa = archive.places["odesa"]
    odesa.latitude, odesa.longitude = 46.4825, 30.7233
    odesa.save()
    response = client.get("/places/odesa-ua/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Odesa</h1>" in html
    assert 'in <a href="/countries/UA/">Ukraine</a>' in html
    assert "46.4825, 30.7233" in html
    assert "<svg" in html and "place=odesa-ua" in html
    assert 'href="/entries/?place=odesa-ua&amp;person=' in html
    assert _entry_ids(html) <= _canonical_mentioning(odesa)
    assert f"All {len(_canonical_mentioning(odesa))} entries mentioning Odesa" in html


def test_place_urls(client, archive):
    assert client.get("/places/ukraine/")["Location"] == "/countries/UA/"
    assert client.get("/places/atlantis/").status_code == 404
    assert archive.places["odesa"].get_absolute_url() == "/places/odesa-ua/"


def test_place_tags_link_to_the_place_page(client, archive):
    html = client.get("/entries/?place=odesa-ua").content.decode()
    assert '<a class="tag tag--place" href="/places/odesa-ua/">Odesa</a>' in html
    assert '<a class="tag tag--place" href="/countries/UA/">Ukraine</a>' in html


def test_country_pages_link_their_mentioned_places(client, archive):
    html = client.get("/countries/UA/").content.decode()
    assert '<a href="/places/odesa-ua/">Odesa</a>' in html
    assert '<a href="/places/?country=UA">All places mentioned with Ukraine…</a>' in html


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # Filters' slugs, summary, entry page, names, place facet, directory totals.
        ("/entries/?place=odesa-ua", 6),
        ("/entries/?place=odesa-ua&place=kharkiv-ua&country=UA&person=amara-okafor", 6),
        # Place, histogram, company, entries and their names.
        ("/places/odesa-ua/", 5),
    ],
)
def test_place_pages_run_a_fixed_number_of_queries(client, archive, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_an_empty_facet_has_no_find_box_or_all_link(client, archive):
    html = client.get("/entries/?q=nothingmatchesthis").content.decode()
    assert "All 0 p" not in html and "All 0 o" not in html and 'class="facet__find"' not in html


def test_a_known_spelling_of_a_place_leads_to_its_page(client):
    from articles.models import LocationAlias
    from tests.factories import LocationFactory

    odesa = LocationFactory(name="Odesa", slug="odesa-ua", country_code="UA")
    LocationAlias.objects.create(location=odesa, name="Odessa")
    namesake = LocationFactory(name="Odessa", slug="odessa-us", country_code="US")

    response = client.get("/places/odessa-ua/")  # the alias, with the place's country
    assert response.status_code == 301 and response["Location"] == "/places/odesa-ua/"
    assert client.get("/places/odessa-us/").status_code == 200  # a real place keeps its own page
    assert client.get(f"/places/{namesake.slug}/").status_code == 200
    assert client.get("/places/odessa-pl/").status_code == 404  # the alias is Ukraine's, not Poland's
    assert client.get("/places/nowhere-ua/").status_code == 404

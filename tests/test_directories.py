"""/people/, /organisations/, /places/: every name reachable, by any spelling, with the filters kept."""

import re

import pytest

from articles.models import ActorAlias, LocationAlias
from articles.selectors.directory import PEOPLE, PLACES, directory_page
from articles.selectors.entries import EntryFilters
from tests.browse_archive import build_browse_archive
from tests.factories import LocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return build_browse_archive(articles=4, entries_per_article=8, undated=2)


def _names(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html)


def _entry_total(client, query: str) -> int:
    html = client.get(f"/entries/?{query}").content.decode()
    return int(re.search(r'page-head__count" aria-live="polite"><strong>([\d,]+)</strong>', html)[1].replace(",", ""))


def test_people_are_listed_most_mentioned_first_with_their_counts(client, archive):
    response = client.get("/people/")
    assert response.status_code == 200
    html = response.content.decode()
    people = sorted(archive.people.values(), key=lambda a: (-a.entries.filter(duplicate_of=None).count(), a.name))
    assert _names(html) == [p.name for p in people]
    okafor = archive.people["okafor"]
    okafor.refresh_from_db()
    assert f'<a href="/entries/?person=amara-okafor" aria-label="{okafor.mention_count} entries' in html
    assert "<strong>4</strong> people" in html


def test_organisations_and_places_have_their_own_lists(client, archive):
    orgs = [o for o in archive.orgs.values() if o.entries.filter(duplicate_of=None).exists()]
    orgs.sort(key=lambda o: (-o.entries.filter(duplicate_of=None).count(), o.name))
    # The relief agency is never mentioned: a name without entries is not listed.
    assert _names(client.get("/organisations/").content.decode()) == [o.name for o in orgs] != []
    assert "Northern Relief Agency" not in [o.name for o in orgs]
    places = _names(client.get("/places/").content.decode())
    # Countries have /countries/; the places are the towns in them.
    assert set(places) == {"Odesa", "Lviv", "Kharkiv", "Warsaw", "Rzeszów", "Geneva"}
    assert 'href="/places/odesa-ua/"' in client.get("/places/").content.decode()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/people/?name=okafor", ["Amara Okafor"]),  # case
        ("/people/?name=Lindqvest", ["Erik Lindqvist"]),  # a misspelling (trigram similarity)
        ("/places/?name=rzeszow", ["Rzeszów"]),  # accents
        ("/places/?name=Lemberg", ["Lviv"]),  # an alias
        ("/people/?name=Amarah", ["Amara Okafor"]),  # an alias of a person
        ("/people/?name=100%25", []),  # LIKE wildcards are literal
    ],
)
def test_a_name_is_found_by_any_spelling(client, archive, url, expected):
    ActorAlias.objects.create(actor=archive.people["okafor"], name="Amarah Okafo")
    LocationAlias.objects.create(location=archive.places["lviv"], name="Lemberg")
    html = client.get(url).content.decode()
    assert _names(html) == expected


def test_a_filtered_directory_counts_what_the_entries_page_would_show(client, archive):
    # The name box's text narrows the list; it is no filter of the entries a count links to.
    html = client.get("/people/?country=PL&name=a").content.decode()
    rows = re.findall(r'href="/entries/\?country=PL&amp;person=([a-z-]+)" aria-label="(\d+) entr', html)
    assert rows
    for slug, count in rows:
        assert _entry_total(client, f"country=PL&person={slug}") == int(count)
    assert "in the entries of these filters" in html
    assert 'aria-label="Remove filter Country: Poland"' in html
    # The name box keeps the filters.
    assert '<input type="hidden" name="country" value="PL">' in html


def test_places_never_mentioned_are_not_listed(client, archive):
    LocationFactory(name="Quiet Hamlet", slug="quiet-hamlet-ua", country_code="UA")
    assert "Quiet Hamlet" not in client.get("/places/").content.decode()
    assert "Quiet Hamlet" not in client.get("/countries/UA/").content.decode()


def test_directory_pages(client, archive, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    first = _names(client.get("/people/").content.decode())
    second = _names(client.get("/people/?page=2").content.decode())
    assert len(first) == len(second) == 2 and not set(first) & set(second)
    response = client.get("/people/?page=9")
    assert response.status_code == 404
    assert "Page 9 does not exist: these results have 2 pages." in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("name=" + "x" * 101, "A name to find is limited to 100 characters."),
        ("country=XX", "“XX” is not an ISO 3166 country code"),
        ("place=nowhere", "No place has the slug “nowhere”"),
        ("page=abc", "“abc” is not a page number."),
    ],
)
def test_bad_input_is_a_clear_error(client, archive, query, message):
    response = client.get(f"/places/?{query}")
    assert response.status_code in (400, 404)
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/people/?name=%00", "/people/?name=%25%5F%5C", "/places/?q=%22x&name=(", "/organisations/?page=-1"]
)
def test_odd_input_never_gives_a_server_error(client, archive, url):
    assert client.get(url).status_code < 500


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/people/", 2),  # the filters' slugs (one query), then the counted page with its total
        ("/organisations/?country=UA&person=amara-okafor", 2),
        ("/places/?name=odesa&country=UA", 2),
        # With q: the planner's estimates and the newest matches (result_scope).
        ("/people/?q=grain", 5),
    ],
)
@pytest.mark.parametrize("page_size", [2, 50])
def test_directories_run_a_fixed_number_of_queries(
    client, archive, settings, django_assert_num_queries, url, queries, page_size
):
    settings.DIRECTORY_PAGE_SIZE = page_size
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_directory_selector_counts_all_and_pages_some(archive):
    everyone = directory_page(directory=PEOPLE, filters=EntryFilters(), offset=0, limit=50)
    some = directory_page(directory=PEOPLE, filters=EntryFilters(), offset=1, limit=2)
    assert everyone.total == some.total == 4
    assert [r.slug for r in some.rows] == [r.slug for r in everyone.rows][1:3]
    in_poland = directory_page(directory=PLACES, filters=EntryFilters(countries=("PL",)), offset=0, limit=50)
    assert {r.name for r in in_poland.rows} == {"Warsaw", "Rzeszów"}

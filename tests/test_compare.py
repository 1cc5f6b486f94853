"""/compare/: timelines on one date axis and scale, shared entries, who else appears with each."""

import re

import pytest

from articles.selectors.compare import Subject, comparison, shared_entries
from tests.browse_archive import build_browse_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return build_browse_archive(articles=4, entries_per_article=8, undated=2)


def _subject(archive, key):
    person = archive.people[key]
    return Subject("person", person.slug, person.name, person.pk)


def _entry_total(client, query: str) -> int:
    html = client.get(f"/entries/?{query}").content.decode()
    return int(re.search(r'page-head__count" aria-live="polite"><strong>([\d,]+)</strong>', html)[1])


def test_timelines_share_one_axis_and_one_scale(archive):
    result = comparison(subjects=[_subject(archive, "okafor"), _subject(archive, "moreau")])
    first, second = result.timelines
    assert first.unit == second.unit
    assert [b.start for b in first.buckets] == [b.start for b in second.buckets]
    peak = max(b.count for t in result.timelines for b in t.buckets)
    assert first.max_count == second.max_count == peak
    # Each timeline still counts its own entries.
    okafor = archive.people["okafor"]
    assert first.total == okafor.entries.filter(duplicate_of=None).count()


def test_shared_entries_mention_every_subject(client, archive):
    subjects = [_subject(archive, "okafor"), _subject(archive, "lindqvist")]
    shared = set(shared_entries(subjects).values_list("pk", flat=True))
    okafor = set(archive.people["okafor"].entries.filter(duplicate_of=None).values_list("pk", flat=True))
    lindqvist = set(archive.people["lindqvist"].entries.filter(duplicate_of=None).values_list("pk", flat=True))
    assert shared == okafor & lindqvist != set()
    assert len(shared) == _entry_total(client, "person=amara-okafor&person=erik-lindqvist")


def test_two_countries_share_entries_mentioning_both(archive):
    subjects = [Subject("country", "UA", "Ukraine"), Subject("country", "PL", "Poland")]
    for entry in shared_entries(subjects):
        assert {"UA", "PL"} <= set(entry.country_codes)


def test_the_page_shows_each_timeline_the_shared_entries_and_the_company(client, archive):
    response = client.get("/compare/?person=amara-okafor&person=erik-lindqvist")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<figure class="chart">') == 2
    assert "Entries mentioning all of them" in html
    shared = _entry_total(client, "person=amara-okafor&person=erik-lindqvist")
    noun = "entry mentions" if shared == 1 else "entries mention"
    assert f"<strong>{shared}</strong> {noun} Amara Okafor and Erik Lindqvist." in html
    company = html[html.index('id="company-heading"') :]
    # Who else appears: never the compared people themselves.
    assert "With Amara Okafor" in company and "With Erik Lindqvist" in company
    first = company[company.index("With Amara Okafor") : company.index("With Erik Lindqvist")]
    assert "Erik Lindqvist</a>" not in first and "Amara Okafor</a>" not in first
    assert 'href="/entries/?person=amara-okafor&amp;org=' in company
    # Bars of the same period are the same height for the same count: one viewBox, one peak.
    assert len(set(re.findall(r'viewBox="([^"]+)"', html))) == 1


def test_people_places_organisations_and_countries_can_be_mixed(client, archive):
    url = "/compare/?person=amara-okafor&org=state-railways&place=odesa-ua&country=PL"
    html = client.get(url).content.decode()
    assert html.count('<figure class="chart">') == 4
    for name in ("Amara Okafor", "State Railways", "Odesa", "Poland"):
        assert f"With {name}" in html


def test_fewer_than_two_offers_the_most_mentioned_to_add(client, archive):
    html = client.get("/compare/?person=amara-okafor").content.decode()
    assert "Add one more to compare with Amara Okafor" in html
    assert 'href="?person=amara-okafor&amp;person=' in html
    assert 'href="?person=amara-okafor&amp;place=' in html
    assert "Choose two to four" in client.get("/compare/").content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("person=nobody&person=amara-okafor", "No person has the slug “nobody”"),
        ("place=ukraine&person=amara-okafor", "is a country; use country=UA"),
        ("country=XX&country=UA", "“XX” is not an ISO 3166 country code"),
        (
            "person=amara-okafor&person=erik-lindqvist&person=claire-moreau&person=rami-haddad&country=UA",
            "Compare at most 4 at once; this link names 5.",
        ),
    ],
)
def test_bad_subjects_are_a_clear_error(client, archive, query, message):
    response = client.get(f"/compare/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("url", ["/compare/?person=%00", "/compare/?q=x&date_from=bad&person=amara-okafor"])
def test_odd_input_never_gives_a_server_error(client, archive, url):
    assert client.get(url).status_code < 500


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # Slugs; the timelines; the shared count, entries and their names; one company query each.
        ("/compare/?person=amara-okafor&person=erik-lindqvist", 7),
        ("/compare/?person=amara-okafor&person=erik-lindqvist&place=odesa-ua&country=UA", 9),
        # One subject: slugs and the three lists of names to add.
        ("/compare/?person=amara-okafor", 4),
    ],
)
def test_compare_runs_a_fixed_number_of_queries(client, archive, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200

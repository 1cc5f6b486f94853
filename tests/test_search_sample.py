"""Big full-text results are summarised over their newest matches, labelled; small ones stay exact."""

import dataclasses

import pytest

from articles.selectors import entries as entries_selectors
from articles.selectors.entries import EntryFilters, entries_filter, result_scope
from articles.selectors.facets import country_facet, date_histogram
from tests.browse_archive import build_browse_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return build_browse_archive(articles=4, entries_per_article=8, undated=2)


def _matches(q):
    return entries_filter(filters=EntryFilters(q=q)).filter(published_on__isnull=False)


def test_small_results_are_exact_and_unlabelled(client, archive):
    filters = EntryFilters(q="border")
    scope = result_scope(filters=filters)
    assert scope.sample == 0
    histogram = date_histogram(filters=filters, scope=scope)
    assert histogram.exact and histogram.total == entries_filter(filters=filters).count()
    html = client.get("/entries/?q=border").content.decode()
    assert 'id="sample-note"' not in html and "about" not in html.split("page-head__count")[1][:80]


WIDE = "convoy OR grain OR defence OR front"


def test_big_results_count_the_newest_matches_and_say_so(client, archive, monkeypatch):
    assert _matches(WIDE).count() > 3
    monkeypatch.setattr(entries_selectors, "SAMPLE_SIZE", 3)
    filters = EntryFilters(q=WIDE)
    scope = result_scope(filters=filters)
    newest = list(_matches(WIDE).order_by("-published_on", "-id").values_list("pk", flat=True)[:3])
    assert list(scope.sample_ids) == newest
    histogram = date_histogram(filters=filters, scope=scope)
    assert not histogram.exact and histogram.sample == 3
    assert sum(b.count for b in histogram.buckets) == 3
    # Each country is counted within those three entries only.
    assert all(item.count <= 3 for item in country_facet(filters=filters, scope=scope))
    html = client.get("/entries/", {"q": WIDE}).content.decode()
    assert 'id="sample-note"' in html
    assert f"cover the newest 3 of about {histogram.total:,} matches" in html
    assert "relevance ranks the newest 3" in html
    assert "<strong>about " in html
    # Sorted by newest, every match can be paged through: no ranking note.
    html = client.get("/entries/", {"q": WIDE, "sort": "newest"}).content.decode()
    assert 'id="sample-note"' in html and "relevance ranks" not in html


def test_a_sample_as_big_as_the_result_is_exact(archive, monkeypatch):
    monkeypatch.setattr(entries_selectors, "SAMPLE_SIZE", _matches(WIDE).count())
    scope = result_scope(filters=EntryFilters(q=WIDE))
    assert scope.sample == 0


@pytest.mark.parametrize("walk", [0, 1, 3, 1000])
def test_the_newest_matches_are_the_same_whether_walked_or_planned(archive, monkeypatch, walk):
    # walk=0: no walk, the planner answers; 1: the walk finds too few and the planner's branch
    # answers; 1000: the walk answers.
    monkeypatch.setattr(entries_selectors, "SAMPLE_SIZE", 2)
    monkeypatch.setattr(entries_selectors, "WALK_CANDIDATES", walk)
    for params in ({"q": WIDE}, {"q": WIDE, "countries": ("UA",)}, {"q": "border", "countries": ("PL", "UA")}):
        filters = EntryFilters(**params)
        newest = list(
            entries_filter(filters=filters)
            .filter(published_on__isnull=False)
            .order_by("-published_on", "-id")
            .values_list("pk", flat=True)[:3]
        )
        others = entries_filter(filters=dataclasses.replace(filters, q=""))
        ids = entries_selectors._newest_match_ids(filters, 3, walk_over=others if walk else None)
        assert list(ids) == newest, (walk, params)


def test_the_walk_is_skipped_when_it_would_not_find_the_sample():
    sample = entries_selectors.SAMPLE_SIZE
    # A common term in a big set: the newest candidates hold enough matches.
    assert entries_selectors._walk_pays(matches=17_000, others=140_000)
    # A rarer term in the same set: 25 000 candidates would hold ~540 of its 3 000 matches.
    assert not entries_selectors._walk_pays(matches=3_000, others=140_000)
    # Fewer matches than the sample: nothing to walk for.
    assert not entries_selectors._walk_pays(matches=sample - 1, others=sample - 1)
    assert not entries_selectors._walk_pays(matches=0, others=0)

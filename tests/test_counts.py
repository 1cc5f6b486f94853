"""Fast counts: planner estimates above a threshold, exact below, precomputed archive facets."""

import datetime

import pytest

from articles.models import Entry
from articles.selectors.counts import (
    EstimatedCountPaginator,
    archive_actor_counts,
    archive_country_counts,
    archive_day_counts,
    archive_totals,
    estimated_count,
)
from articles.services.facets import facet_counts_refresh
from articles.services.generate import archive_generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    archive_generate(entries=500, seed=9)


def test_small_sets_are_counted_exactly(archive):
    entries = Entry.objects.canonical()
    count = estimated_count(entries)
    assert count.exact and count.value == entries.count()
    assert str(count) == f"{entries.count():,}"


def test_large_sets_get_the_planner_estimate_labelled_as_such(archive):
    count = estimated_count(Entry.objects.all(), exact_below=10)
    assert not count.exact
    assert 250 <= count.value <= 1000  # ANALYZE ran after the load: the estimate is close to 500
    assert str(count).startswith("about ")


def test_the_paginator_counts_with_the_estimate(archive, django_assert_num_queries):
    expected = Entry.objects.canonical().count()
    paginator = EstimatedCountPaginator(Entry.objects.canonical().newest_first(), 50)
    with django_assert_num_queries(2):  # EXPLAIN, then the exact count of this small set
        assert paginator.count == expected
    assert paginator.result_count.exact


def test_archive_facets_match_the_entries_after_a_refresh(archive):
    facet_counts_refresh()
    canonical = Entry.objects.canonical()
    for code, n in archive_country_counts(limit=5):
        assert n == canonical.filter(country_codes__contains=[code]).count()
    for actor_id, n in archive_actor_counts(limit=5):
        assert n == canonical.filter(actor_ids__contains=[actor_id]).count()
    days = archive_day_counts()
    day, n = max(days.items(), key=lambda item: item[1])
    assert isinstance(day, datetime.date) and n == canonical.filter(published_on=day).count()
    totals = archive_totals()
    assert totals["total"] == canonical.count()
    assert totals["undated"] == canonical.filter(published_on__isnull=True).count()
    assert sum(days.values()) + totals["undated"] == totals["total"]


def test_big_filters_have_exact_precomputed_facets(archive):
    from articles.models import Actor
    from articles.selectors.counts import precomputed_facets

    facet_counts_refresh(pairs_from=100)
    code, n = archive_country_counts(limit=1)[0]
    facets = precomputed_facets(facet="country", value=code, limit=5)
    in_country = Entry.objects.canonical().filter(country_codes__contains=[code])
    assert facets["total"] == [("", n)] and n == in_country.count()
    for actor_id, count in facets["person"]:
        assert Actor.objects.get(pk=int(actor_id)).kind == "person"
        assert count == in_country.filter(actor_ids__contains=[int(actor_id)]).count()
    for other, count in facets["country"]:
        assert count == in_country.filter(country_codes__contains=[other]).count()
    assert sum(count for _, count in facets["day"]) == in_country.exclude(published_on=None).count()
    assert len(facets["country"]) <= 5
    # A filter below the threshold is not precomputed: the page counts it live.
    small_code, small_n = archive_country_counts()[-1]
    assert small_n < 100 and precomputed_facets(facet="country", value=small_code) is None

"""Browse facets read the precomputed counts when they cover the set, and give the same answers."""

import pytest

from articles.models import Actor, Location
from articles.selectors.counts import precomputed_facets
from articles.selectors.entries import EntryFilters
from articles.selectors.facets import actor_facets, country_facet, date_histogram, place_facet
from articles.services.facets import facet_counts_refresh
from articles.services.generate import archive_generate
from tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def everything(filters: EntryFilters):
    histogram = date_histogram(filters=filters)
    actors = actor_facets(filters=filters, limit=5)
    return (
        country_facet(filters=filters, limit=8),
        [(i.value, i.count) for i in actors.people],
        [(i.value, i.count) for i in actors.organisations],
        histogram.buckets,
        histogram.undated,
        histogram.total,
        [(i.value, i.count) for i in place_facet(filters=filters, limit=6)],
    )


def test_precomputed_and_live_facets_agree(django_assert_num_queries):
    archive_generate(entries=600, seed=21)
    top_country = Location.objects.countries().order_by("-mention_count").first().country_code
    top_person = Actor.objects.people().order_by("-mention_count").first()
    cases = [
        EntryFilters(),
        EntryFilters(countries=(top_country,)),
        EntryFilters(person_ids=(top_person.id,)),
        EntryFilters(countries=(top_country,), date_from=top_person.entries.first().published_on),
    ]
    # Never refreshed in this transaction: the view says total 0, so everything is counted live.
    live = [everything(filters) for filters in cases]

    facet_counts_refresh(pairs_from=50)
    assert precomputed_facets(facet="country", value=top_country) is not None
    assert precomputed_facets(facet="actor", value=top_person.id) is not None
    for filters, expected in zip(cases, live, strict=True):
        with django_assert_num_queries(3):  # one query each, precomputed or live
            date_histogram(filters=filters)
            actor_facets(filters=filters, limit=5)
            country_facet(filters=filters, limit=8)
        assert everything(filters) == expected, filters


def test_entries_added_after_a_refresh_are_counted_live():
    archive_generate(entries=300, seed=22)
    facet_counts_refresh(pairs_from=30)
    code = Location.objects.countries().order_by("-mention_count").first().country_code
    before = {item.value: item.count for item in country_facet(filters=EntryFilters(), limit=60)}
    histogram_before = date_histogram(filters=EntryFilters(countries=(code,)))

    entry = EntryFactory(body="A new report from the border, written for this test.")
    entry.country_codes = [code]
    entry.save()

    after = {item.value: item.count for item in country_facet(filters=EntryFilters(), limit=60)}
    assert after[code] == before[code] + 1
    assert date_histogram(filters=EntryFilters(countries=(code,))).total == histogram_before.total + 1


def test_home_counts_read_the_precomputed_totals_and_stay_exact():
    from articles.models import Entry
    from articles.selectors.stats import archive_stats

    archive_generate(entries=200, seed=23)
    live = archive_stats()
    facet_counts_refresh()
    assert archive_stats() == live
    EntryFactory(published_on=None, body="An undated note written for this test.")
    stats = archive_stats()
    assert stats.entries == Entry.objects.canonical().count() == live.entries + 1
    assert stats.undated_entries == live.undated_entries + 1

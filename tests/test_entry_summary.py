"""/entries/'s one summary query gives exactly what the histogram and facet selectors give separately."""

import datetime

import pytest

from articles.models import Actor, Location
from articles.selectors.entries import EntryFilters, ResultScope, entries_filter
from articles.selectors.facets import actor_facets, country_facet, date_histogram, entry_summary
from articles.services.facets import facet_counts_refresh
from articles.services.generate import archive_generate

pytestmark = pytest.mark.django_db


def separately(filters, scope):
    histogram = date_histogram(filters=filters, scope=scope)
    actors = actor_facets(filters=filters, scope=scope)
    return histogram, country_facet(filters=filters, scope=scope), actors


def together(filters, scope):
    summary = entry_summary(filters=filters, scope=scope)
    return summary.histogram, summary.countries, summary.actors


@pytest.mark.parametrize("refreshed", [False, True])
def test_summary_matches_the_separate_selectors(refreshed, django_assert_num_queries):
    archive_generate(entries=500, seed=31)
    if refreshed:
        facet_counts_refresh(pairs_from=40)
    codes = list(Location.objects.countries().order_by("-mention_count").values_list("country_code", flat=True)[:2])
    person = Actor.objects.people().order_by("-mention_count").first()
    day = entries_filter(filters=EntryFilters()).exclude(published_on=None).order_by("published_on")[100].published_on
    cases = [
        EntryFilters(),
        EntryFilters(countries=(codes[0],)),
        EntryFilters(person_ids=(person.id,)),
        EntryFilters(countries=tuple(codes), person_ids=(person.id,), date_from=day),
        EntryFilters(countries=(codes[0],), date_from=day, date_to=day + datetime.timedelta(days=200)),
        EntryFilters(person_ids=(person.id,), undated="exclude"),
        EntryFilters(countries=(codes[1],), undated="only"),
        EntryFilters(include_duplicates=True, date_to=day),
    ]
    for filters in cases:
        scope = ResultScope()
        with django_assert_num_queries(1):
            summary = together(filters, scope)
        assert summary == separately(filters, scope), filters

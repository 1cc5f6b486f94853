"""Facet counts and the date histogram respect every other active filter."""

import datetime
from collections import Counter

import pytest

from articles.links import histogram_chart
from articles.models import Actor
from articles.selectors.entries import EntryFilters, entries_filter
from articles.selectors.facets import actor_facets, country_facet, date_histogram, place_facet
from tests.browse_archive import build_browse_archive
from tests.factories import ArticleFactory, entry_with_mentions

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return build_browse_archive(articles=4, entries_per_article=8, undated=2)


def expected_country_counts(filters):
    return Counter(code for e in entries_filter(filters=filters) for code in e.country_codes)


def expected_actor_counts(filters):
    return Counter(i for e in entries_filter(filters=filters) for i in e.actor_ids)


def test_country_counts_are_exact_for_a_filtered_set(archive):
    okafor = archive.people["okafor"]
    filters = EntryFilters(person_ids=(okafor.pk,), date_from=datetime.date(2024, 6, 20))
    facet = country_facet(filters=filters)
    assert {item.value: item.count for item in facet} == dict(expected_country_counts(filters))
    assert [item.count for item in facet] == sorted((item.count for item in facet), reverse=True)


def test_country_facet_ignores_the_country_filter_itself_but_keeps_the_others(archive):
    okafor = archive.people["okafor"]
    filters = EntryFilters(countries=("PL",), person_ids=(okafor.pk,))
    facet = {item.value: item for item in country_facet(filters=filters)}
    without_country = EntryFilters(person_ids=(okafor.pk,))
    assert {code: item.count for code, item in facet.items()} == dict(expected_country_counts(without_country))
    assert facet["PL"].selected and not facet["UA"].selected
    assert facet["UA"].label == "Ukraine"  # the stored country's name
    assert facet["CH"].label == "Switzerland"  # from ISO 3166 when no country row exists


def test_selected_countries_are_listed_first_even_when_rare(archive):
    facet = country_facet(filters=EntryFilters(countries=("CH",)), limit=1)
    assert [item.value for item in facet] == ["CH"]


def test_actor_counts_respect_text_dates_and_countries(archive):
    filters = EntryFilters(q="border OR convoy", countries=("PL",), date_to=datetime.date(2024, 12, 31))
    facets = actor_facets(filters=filters)
    expected = expected_actor_counts(filters)
    got = {item.ref.id: item.count for item in facets.people + facets.organisations}
    assert got == dict(expected)
    assert all(item.ref.kind == "person" for item in facets.people)
    assert all(item.ref.kind == "organisation" for item in facets.organisations)
    assert not facets.precomputed


def test_a_selected_person_counts_every_result_and_others_count_the_intersection(archive):
    okafor = archive.people["okafor"]
    filters = EntryFilters(person_ids=(okafor.pk,))
    total = entries_filter(filters=filters).count()
    people = {item.value: item for item in actor_facets(filters=filters).people}
    assert people["amara-okafor"].selected and people["amara-okafor"].count == total
    lindqvist = archive.people["lindqvist"]
    both = entries_filter(filters=EntryFilters(person_ids=(okafor.pk, lindqvist.pk))).count()
    assert people["erik-lindqvist"].count == both


def test_unfiltered_actor_facets_use_the_counts_refreshed_on_import(archive):
    facets = actor_facets(filters=EntryFilters())
    assert facets.precomputed
    exact = expected_actor_counts(EntryFilters())
    assert {item.ref.id: item.count for item in facets.people + facets.organisations} == dict(exact)


def test_unfiltered_actor_facets_break_ties_at_the_limit_by_name(archive):
    Actor.objects.filter(kind="person").update(mention_count=1)
    for name, count in (("Zed Top", 9), ("Bea Tied", 5), ("Abe Tied", 5), ("Cal Tied", 5)):
        Actor.objects.create(name=name, slug=name.lower().replace(" ", "-"), kind="person", mention_count=count)
    people = actor_facets(filters=EntryFilters(), limit=3).people
    assert [item.label for item in people] == ["Zed Top", "Abe Tied", "Bea Tied"]


def test_facets_are_limited_per_kind(archive):
    facets = actor_facets(filters=EntryFilters(include_duplicates=True), limit=2)
    assert len(facets.people) == 2
    assert len(facets.organisations) == 2


def test_place_facet_counts(archive):
    okafor = archive.people["okafor"]
    filters = EntryFilters(person_ids=(okafor.pk,))
    expected = Counter(i for e in entries_filter(filters=filters) for i in e.location_ids)
    assert {item.ref.id: item.count for item in place_facet(filters=filters, limit=50)} == dict(expected)


def test_histogram_buckets_add_up_and_undated_entries_are_counted(archive):
    histogram = date_histogram(filters=EntryFilters())
    all_entries = entries_filter(filters=EntryFilters())
    assert histogram.undated == all_entries.filter(published_on__isnull=True).count() == 2
    assert histogram.total == all_entries.count()
    assert histogram.dated == histogram.total - 2
    assert histogram.unit == "day"  # span under ~3 months
    starts = [b.start for b in histogram.buckets]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert starts[0] == datetime.date(2024, 6, 3)


def test_histogram_with_a_date_range_counts_only_that_range_and_reports_hidden_undated(archive):
    filters = EntryFilters(date_from=datetime.date(2024, 6, 4), date_to=datetime.date(2024, 6, 30))
    histogram = date_histogram(filters=filters)
    assert histogram.total == entries_filter(filters=filters).count()
    assert histogram.undated == 2  # still reported so the page can say they are hidden
    assert histogram.buckets[0].start >= datetime.date(2024, 6, 4)
    assert histogram.buckets[-1].end <= datetime.date(2024, 6, 30)


def test_histogram_bucket_size_follows_the_span():
    article = ArticleFactory(published_on=datetime.date(2021, 1, 5))
    for i, day in enumerate([datetime.date(2021, 1, 5), datetime.date(2022, 3, 9), datetime.date(2024, 2, 29)]):
        entry_with_mentions(article=article, position=i, published_on=day, title=f"Day {i}")
    assert date_histogram(filters=EntryFilters()).unit == "month"
    # The span is the requested range clipped to the data: here 5 January to 1 September 2021.
    assert date_histogram(filters=EntryFilters(date_to=datetime.date(2021, 9, 1))).unit == "week"
    assert date_histogram(filters=EntryFilters(date_to=datetime.date(2021, 2, 1))).unit == "day"
    many = date_histogram(filters=EntryFilters(date_from=datetime.date(2021, 1, 1), date_to=datetime.date(2022, 4, 1)))
    assert many.unit == "week"
    assert all(b.start.weekday() == 0 for b in many.buckets)
    assert sum(b.count for b in many.buckets) == 2


def test_histogram_bars_link_to_their_period_and_keep_the_other_filters(archive, rf):
    request = rf.get("/entries/?country=UA&page=3&undated=exclude")
    histogram = date_histogram(filters=EntryFilters(countries=("UA",)))
    chart = histogram_chart(histogram=histogram, params=request.GET)
    bar = next(b for b in chart.bars if b.count)
    assert "country=UA" in bar.url and "page=" not in bar.url and "undated" not in bar.url
    assert f"date_from={histogram.buckets[0].start.isoformat()}" in bar.url
    assert bar.label.endswith("entries") or bar.label.endswith("entry")


def test_an_empty_archive_has_an_empty_histogram_and_no_facets():
    assert date_histogram(filters=EntryFilters()).buckets == []
    assert date_histogram(filters=EntryFilters()).total == 0
    assert country_facet(filters=EntryFilters()) == []
    assert actor_facets(filters=EntryFilters(q="anything")).people == []

"""A big actor within a date range (and one country) is counted from `articles_facet_days`, with
the same answers as counting the entries live."""

import datetime

import pytest
from django.db import connection

from articles.models import Actor, Entry, Location
from articles.selectors.entries import EntryFilters, entries_filter
from articles.selectors.facet_days import days_scope
from articles.selectors.facets import actor_facets, country_facet, date_histogram, entry_summary
from articles.services.facets import facet_counts_add, facet_counts_refresh
from articles.services.generate import archive_generate
from tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def summary(filters: EntryFilters):
    result = entry_summary(filters=filters)
    return (
        result.histogram,
        [(i.value, i.count) for i in result.countries],
        [(i.value, i.count) for i in result.actors.people],
        [(i.value, i.count) for i in result.actors.organisations],
    )


def separately(filters: EntryFilters):
    actors = actor_facets(filters=filters)
    return (
        date_histogram(filters=filters),
        [(i.value, i.count) for i in country_facet(filters=filters)],
        [(i.value, i.count) for i in actors.people],
        [(i.value, i.count) for i in actors.organisations],
    )


@pytest.fixture
def archive():
    archive_generate(entries=800, seed=41)
    person = Actor.objects.people().order_by("-mention_count").first()
    org = Actor.objects.organisations().order_by("-mention_count").first()
    code = Location.objects.countries().order_by("-mention_count").first().country_code
    days = sorted(
        set(entries_filter(filters=EntryFilters()).exclude(published_on=None).values_list("published_on", flat=True))
    )
    return person, org, code, days


def cases(person, org, code, days):
    middle, late = days[len(days) // 3], days[2 * len(days) // 3]
    return [
        EntryFilters(person_ids=(person.id,), countries=(code,), date_from=middle, date_to=late),
        EntryFilters(person_ids=(person.id,), date_from=middle, date_to=late),
        EntryFilters(person_ids=(person.id,), countries=(code,), date_from=middle),
        EntryFilters(person_ids=(person.id,), date_to=late, undated="exclude"),
        EntryFilters(org_ids=(org.id,), countries=(code,), date_from=middle, date_to=late),
        EntryFilters(person_ids=(person.id,), date_from=days[-1] + datetime.timedelta(days=30)),
    ]


def test_day_counts_give_the_live_answers(archive, django_assert_num_queries):
    filters_list = cases(*archive)
    assert all(days_scope(f, set()) for f in filters_list)
    live = [summary(filters) for filters in filters_list]  # never refreshed: all counted live
    facet_counts_refresh(pairs_from=60)
    person = archive[0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM articles_facet_days WHERE actor_id = %s", [person.id])
        assert cursor.fetchone()[0] > 0
    for filters, expected in zip(filters_list, live, strict=True):
        with django_assert_num_queries(1):
            got = summary(filters)
        assert got == expected, filters
        assert separately(filters) == expected, filters


def test_pages_read_the_day_counts_while_they_are_current(archive):
    person, _org, code, days = archive
    filters = EntryFilters(person_ids=(person.id,), countries=(code,), date_from=days[0], date_to=days[-1])
    facet_counts_refresh(pairs_from=60)
    exact = date_histogram(filters=filters).total
    # Proof that the table, not a live count, answers: a changed row shows on the page.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_facet_days SET n = n + 1000 WHERE actor_id = %s AND country = %s AND co_actor_id = 0"
            " AND day = %s",
            [person.id, code, days[-1]],
        )
    assert date_histogram(filters=filters).total == exact + 1000
    # An entry stored since the counts were made: pages count live again (and see it).
    entry = EntryFactory(published_on=days[-1], body="A late report written for this test.")
    Entry.objects.filter(pk=entry.pk).update(actor_ids=[person.id], country_codes=[code])
    assert date_histogram(filters=filters).total == exact + 1


def day_rows() -> set:
    with connection.cursor() as cursor:
        cursor.execute("SELECT actor_id, country, day, co_actor_id, n FROM articles_facet_days")
        return set(cursor.fetchall())


def test_added_entries_add_to_the_day_counts_as_a_recount_would(archive):
    person, _org, code, days = archive
    facet_counts_refresh(pairs_from=60)
    before = day_rows()
    added = [
        EntryFactory(
            published_on=days[-1],
            body=f"Report {i} written for this test.",
            actor_ids=[person.id],
            country_codes=[code],
        )
        for i in range(3)
    ]
    assert facet_counts_add(entry_ids=[e.pk for e in added], pairs_from=60)
    after_add = day_rows()
    assert after_add != before
    facet_counts_refresh(pairs_from=60)
    assert after_add == day_rows()

"""`field__any=values` matches what `field__in=values` matches, with the values as one array parameter."""

import pytest

from articles.lookups import Ids
from articles.models import Actor, Entry
from tests.factories import ActorFactory, EntryFactory

pytestmark = pytest.mark.django_db


def test_any_matches_like_in():
    entries = EntryFactory.create_batch(4)
    wanted = [entries[0].pk, entries[2].pk, 10**12]
    assert set(Entry.objects.filter(pk__any=wanted)) == set(Entry.objects.filter(pk__in=wanted))
    assert set(Entry.objects.filter(pk__any=wanted).values_list("pk", flat=True)) == {entries[0].pk, entries[2].pk}
    assert not Entry.objects.filter(pk__any=[]).exists()


def test_any_sends_one_parameter_of_the_column_type():
    sql, params = Entry.objects.filter(pk__any=range(2000)).query.sql_with_params()
    assert '"articles_entry"."id" = ANY(%s::bigint[])' in sql
    assert params == (list(range(2000)),)


def test_any_on_a_text_column():
    ActorFactory(name="Ada Example", slug="ada-example")
    ActorFactory(name="Bo Example", slug="bo-example")
    assert list(Actor.objects.filter(slug__any=("ada-example", "nobody")).values_list("name", flat=True)) == [
        "Ada Example"
    ]


def test_ids_are_one_array_literal():
    entries = EntryFactory.create_batch(3)
    wanted = Ids.of([entries[2].pk, entries[0].pk])
    assert wanted.literal == f"{{{entries[2].pk},{entries[0].pk}}}"
    assert set(Entry.objects.filter(pk__any=wanted)) == {entries[0], entries[2]}
    sql, params = Entry.objects.filter(pk__any=wanted).query.sql_with_params()
    assert params == (wanted.literal,)
    assert not Entry.objects.filter(pk__any=Ids.of([])).exists()

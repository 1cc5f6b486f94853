"""The schema's constraints hold in PostgreSQL itself, not only in Python."""

import pytest
from django.db import IntegrityError, transaction

from articles.models import ActorAlias, Entry
from articles.services.denorm import entry_denorm_refresh
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    EntryActorFactory,
    EntryFactory,
    EntryLocationFactory,
    LocationFactory,
)

pytestmark = pytest.mark.django_db


def test_actor_slugs_are_unique():
    ActorFactory(slug="donald-trump")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorFactory(slug="donald-trump")


def test_article_content_hash_and_source_file_are_unique():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(content_hash=article.content_hash)
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(source_file=article.source_file)


def test_only_one_canonical_entry_per_content_hash_but_duplicates_may_repeat_it():
    canonical = EntryFactory(content_hash="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryFactory(content_hash="a" * 64)
    duplicate = EntryFactory(content_hash="a" * 64, duplicate_of=canonical)
    assert list(Entry.objects.canonical().filter(content_hash="a" * 64)) == [canonical]
    assert duplicate.duplicate_of == canonical


def test_entry_positions_are_unique_within_an_article():
    entry = EntryFactory(position=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryFactory(article=entry.article, position=0)


def test_an_actor_alias_is_unique_per_actor_whatever_its_case():
    actor = ActorFactory()
    ActorAlias.objects.create(actor=actor, name="Zelenskyy")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorAlias.objects.create(actor=actor, name="ZELENSKYY")


def test_denormalised_arrays_follow_the_mention_tables():
    entry = EntryFactory(title="Drone strike on Odesa", body="A port city was hit.")
    odesa = LocationFactory(name="Odesa", country_code="UA")
    kursk = LocationFactory(name="Kursk", country_code="RU")
    person = ActorFactory()
    for location in (odesa, kursk):
        EntryLocationFactory(entry=entry, location=location)
    EntryActorFactory(entry=entry, actor=person)
    entry_denorm_refresh(entry_ids=[entry.pk])
    entry.refresh_from_db()
    assert entry.country_codes == ["RU", "UA"]
    assert entry.actor_ids == [person.pk]
    assert Entry.objects.mentioning_countries(["RU"]).get() == entry
    assert Entry.objects.filter(search_vector="odesa").get() == entry

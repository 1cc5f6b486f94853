"""Storing extraction results: canonical rows are reused, editors' links survive."""

import pytest

from articles.extraction import ActorMention, EntryEntities, LocationMention
from articles.models import Actor, ActorAlias, EntryActor, Location, MentionSource
from articles.services.entities import entry_entities_store
from tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def entities(*actors, locations=()):
    return EntryEntities(actors=[ActorMention(n, k, c) for n, k, c in actors], locations=list(locations))


def test_actors_and_places_are_created_once_and_entries_point_at_them():
    first, second = EntryFactory(), EntryFactory()
    odesa = LocationMention("Odesa", "city", "UA", 2, geonames_id=698740)
    ukraine = LocationMention("Ukraine", "country", "UA")
    entry_entities_store(
        entities_by_entry={
            first.pk: entities(("Donald Trump", "person", 3), locations=[odesa, ukraine]),
            second.pk: entities(("Donald Trump", "person", 1), ("NATO", "organisation", 1), locations=[odesa]),
        }
    )
    assert Actor.objects.count() == 2
    assert Location.objects.count() == 2
    first.refresh_from_db()
    assert first.country_codes == ["UA"]
    assert EntryActor.objects.get(entry=first).count == 3


def test_an_alias_resolves_to_the_existing_actor():
    actor = Actor.objects.create(name="Volodymyr Zelensky", slug="volodymyr-zelensky", kind="person")
    ActorAlias.objects.create(actor=actor, name="Zelenskyy")
    entry = EntryFactory()
    entry_entities_store(entities_by_entry={entry.pk: entities(("Zelenskyy", "person", 1))})
    assert Actor.objects.count() == 1
    entry.refresh_from_db()
    assert entry.actor_ids == [actor.pk]


def test_editor_links_survive_a_new_extraction():
    entry = EntryFactory()
    wrong = Actor.objects.create(name="Kamala", slug="kamala", kind="person")
    added = Actor.objects.create(name="Oleh Kiper", slug="oleh-kiper", kind="person")
    EntryActor.objects.create(entry=entry, actor=wrong, source=MentionSource.REJECTED)
    EntryActor.objects.create(entry=entry, actor=added, source=MentionSource.MANUAL)
    entry_entities_store(entities_by_entry={entry.pk: entities(("Kamala", "person", 1))})
    sources = dict(EntryActor.objects.filter(entry=entry).values_list("actor__name", "source"))
    assert sources == {"Kamala": "rejected", "Oleh Kiper": "manual"}
    entry.refresh_from_db()
    assert entry.actor_ids == [added.pk]

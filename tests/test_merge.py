"""Merging two actors moves every mention and alias and leaves nothing behind."""

import pytest

from articles.models import Actor, ActorAlias, EntryActor, MentionSource
from articles.services.actors import actor_merge
from articles.services.denorm import entry_denorm_refresh
from tests.factories import ActorFactory, EntryActorFactory, EntryFactory

pytestmark = pytest.mark.django_db


def test_merge_moves_mentions_sums_counts_and_keeps_the_source_name_as_alias():
    target = ActorFactory(name="Volodymyr Zelensky", slug="volodymyr-zelensky")
    source = ActorFactory(name="Zelenskyy", slug="zelenskyy")
    ActorAlias.objects.create(actor=source, name="Zelenskiy")
    ActorAlias.objects.create(actor=source, name="volodymyr zelensky")  # same as the target's name
    shared, only_source = EntryFactory(), EntryFactory()
    EntryActorFactory(entry=shared, actor=target, count=2)
    EntryActorFactory(entry=shared, actor=source, count=3)
    EntryActorFactory(entry=only_source, actor=source, count=1)
    entry_denorm_refresh(entry_ids=[shared.pk, only_source.pk])

    actor_merge(source=source, target=target)

    assert not Actor.objects.filter(pk=source.pk).exists()
    counts = dict(EntryActor.objects.filter(actor=target).values_list("entry_id", "count"))
    assert counts == {shared.pk: 5, only_source.pk: 1}
    assert sorted(target.aliases.values_list("name", flat=True)) == ["Zelenskiy", "Zelenskyy"]
    for entry in (shared, only_source):
        entry.refresh_from_db()
        assert entry.actor_ids == [target.pk]
    target.refresh_from_db()
    assert target.mention_count == 2


def test_an_editors_decision_on_either_actor_survives_the_merge():
    target, source = ActorFactory(), ActorFactory()
    entry = EntryFactory()
    EntryActorFactory(entry=entry, actor=target, source=MentionSource.AUTO)
    EntryActorFactory(entry=entry, actor=source, source=MentionSource.REJECTED)
    actor_merge(source=source, target=target)
    assert EntryActor.objects.get(entry=entry).source == MentionSource.REJECTED


def test_merging_an_actor_into_itself_is_refused():
    actor = ActorFactory()
    with pytest.raises(ValueError, match="into itself"):
        actor_merge(source=actor, target=actor)


def test_admin_action_asks_for_the_target_then_merges(staff_client):
    keep = ActorFactory(name="Keir Starmer", slug="keir-starmer")
    drop = ActorFactory(name="Sir Keir", slug="sir-keir")
    EntryActorFactory(actor=drop)
    url = "/admin/articles/actor/"
    selected = {"action": "merge_actors", "_selected_action": [keep.pk, drop.pk]}
    page = staff_client.post(url, selected)
    assert page.status_code == 200
    assert b"Merge into the chosen actor" in page.content
    done = staff_client.post(url, {**selected, "confirm": "yes", "merge_target": keep.pk})
    assert done.status_code == 302
    assert list(Actor.objects.values_list("name", flat=True)) == ["Keir Starmer"]
    assert EntryActor.objects.get().actor == keep
    assert list(keep.aliases.values_list("name", flat=True)) == ["Sir Keir"]

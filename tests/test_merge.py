"""Merging two actors moves every mention and alias and leaves nothing behind."""

import pytest
from django.contrib.auth.models import Permission

from articles.models import Actor, ActorAlias, EntryActor, MentionSource
from articles.services.actors import actor_merge
from articles.services.denorm import entry_denorm_refresh
from tests.factories import ActorFactory, EntryActorFactory, EntryFactory, OrganisationFactory

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


def test_a_person_cannot_be_merged_into_an_organisation():
    person, organisation = ActorFactory(), OrganisationFactory()
    with pytest.raises(ValueError, match="different kinds"):
        actor_merge(source=person, target=organisation)
    assert Actor.objects.count() == 2


def test_the_admin_refuses_a_merge_across_kinds(staff_client):
    person, organisation = ActorFactory(), OrganisationFactory()
    selected = {"action": "merge_actors", "_selected_action": [person.pk, organisation.pk]}
    response = staff_client.post("/admin/articles/actor/", {**selected, "confirm": "yes", "merge_target": person.pk})
    assert response.status_code == 302
    assert Actor.objects.count() == 2


def test_merging_needs_permission_to_delete_actors(client, django_user_model):
    editor = django_user_model.objects.create_user("junior", password="a-long-test-password", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename__in=["view_actor", "change_actor"]))
    client.force_login(editor)
    keep, drop = ActorFactory(), ActorFactory()
    selected = {"action": "merge_actors", "_selected_action": [keep.pk, drop.pk]}
    client.post("/admin/articles/actor/", {**selected, "confirm": "yes", "merge_target": keep.pk})
    assert Actor.objects.count() == 2
    assert b"merge_actors" not in client.get("/admin/articles/actor/").content

    editor.user_permissions.add(Permission.objects.get(codename="delete_actor"))
    client.post("/admin/articles/actor/", {**selected, "confirm": "yes", "merge_target": keep.pk})
    assert list(Actor.objects.values_list("pk", flat=True)) == [keep.pk]


def test_merged_and_renamed_actors_keep_their_old_addresses(client, staff_client):
    keep = ActorFactory(name="Volodymyr Zelensky", slug="volodymyr-zelensky")
    drop = ActorFactory(name="Zelenskyy", slug="zelenskyy")
    ActorAlias.objects.create(actor=keep, name="Zelenskiy")
    EntryActorFactory(actor=keep)
    actor_merge(source=drop, target=keep)

    for old in ["zelenskyy", "zelenskiy"]:  # the merged-away actor's slug; a known alias's slug
        response = client.get(f"/people/{old}/")
        assert response.status_code == 301 and response["Location"] == "/people/volodymyr-zelensky/"
    assert client.get("/people/nobody-of-that-name/").status_code == 404

    url = f"/admin/articles/actor/{keep.pk}/change/"
    data = {
        "name": keep.name,
        "slug": "volodymyr-zelenskyy",
        "kind": "person",
        "description": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
    }
    assert staff_client.post(url, data).status_code == 302
    for old in ["volodymyr-zelensky", "zelenskyy"]:
        assert client.get(f"/people/{old}/")["Location"] == "/people/volodymyr-zelenskyy/"


def test_a_merged_organisation_redirects_to_the_organisation_page(client):
    keep = OrganisationFactory(name="World Health Organization", slug="world-health-organization")
    drop = OrganisationFactory(name="WHO", slug="who")
    actor_merge(source=drop, target=keep)
    response = client.get("/organisations/who/")
    assert response.status_code == 301 and response["Location"] == "/organisations/world-health-organization/"

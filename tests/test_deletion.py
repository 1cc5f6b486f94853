"""Editors delete articles and entries in the admin; a story repeated elsewhere keeps exactly one
canonical entry (the partial unique index would refuse two, and none would hide it)."""

import pytest
from django.urls import reverse

from articles.models import Article, Entry
from tests.factories import ArticleFactory, EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_in_three_snapshots():
    """One story: canonical in the first snapshot, repeated in two later ones."""
    snapshots = [ArticleFactory(headline=f"Live: day {n}") for n in (1, 2, 3)]
    body = "Drones struck a depot near the river before dawn."
    canonical = EntryFactory(article=snapshots[0], position=0, title="Depot hit", body=body)
    copies = [
        EntryFactory(
            article=a,
            position=0,
            title="Depot hit",
            body=body,
            content_hash=canonical.content_hash,
            duplicate_of=canonical,
        )
        for a in snapshots[1:]
    ]
    return snapshots, canonical, copies


def assert_one_canonical(copies):
    rows = Entry.objects.filter(pk__in=[c.pk for c in copies]).order_by("pk")
    heir, other = rows
    assert heir.duplicate_of_id is None
    assert other.duplicate_of_id == heir.pk


def test_deleting_the_article_with_the_canonical_copy_promotes_a_repeat(staff_client, story_in_three_snapshots):
    snapshots, canonical, copies = story_in_three_snapshots
    url = reverse("admin:articles_article_delete", args=[snapshots[0].pk])

    response = staff_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Article.objects.filter(pk=snapshots[0].pk).exists()
    assert not Entry.objects.filter(pk=canonical.pk).exists()
    assert_one_canonical(copies)


def test_bulk_deleting_canonical_entries_promotes_a_repeat(staff_client, story_in_three_snapshots):
    _, canonical, copies = story_in_three_snapshots
    url = reverse("admin:articles_entry_changelist")

    response = staff_client.post(url, {"action": "delete_selected", "_selected_action": [canonical.pk], "post": "yes"})

    assert response.status_code == 302
    assert not Entry.objects.filter(pk=canonical.pk).exists()
    assert_one_canonical(copies)


def test_deleting_every_copy_leaves_nothing_behind(staff_client, story_in_three_snapshots):
    snapshots, _, _ = story_in_three_snapshots
    url = reverse("admin:articles_article_changelist")
    ids = [a.pk for a in snapshots]

    response = staff_client.post(url, {"action": "delete_selected", "_selected_action": ids, "post": "yes"})

    assert response.status_code == 302
    assert not Article.objects.exists() and not Entry.objects.exists()

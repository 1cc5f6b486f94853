"""Editors delete articles and entries in the admin; a story repeated elsewhere keeps exactly one
canonical entry (the partial unique index would refuse two, and none would hide it)."""

import io

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


def test_an_update_that_drops_a_story_repeated_in_the_file_stores_the_new_text(tmp_path):
    from django.core.management import call_command

    repeated = ["Depot hit overnight", "", "Drones struck a depot near the river before dawn.", ""]
    other = ["Talks resume in Geneva", "", "Delegations met again on Tuesday afternoon.", ""]
    aid = ["Aid convoy reaches the city", "", "Twelve lorries crossed the checkpoint at noon.", ""]
    path = tmp_path / "live.txt"
    path.write_text(
        "\n".join(
            [
                "date 2024-05-02 Live: the war on day 70",
                "The latest from the front.",
                "",
                *repeated,
                *aid,
                *repeated,
                *other,
                *repeated,
            ]
        )
    )
    call_command("import_articles", str(path), "--no-extract", stdout=io.StringIO())
    assert Entry.objects.filter(duplicate_of__isnull=False).count() == 2

    path.write_text(
        "\n".join(["date 2024-05-02 Live: the war on day 70", "The latest from the front.", "", *aid, *other])
    )
    call_command("import_articles", str(path), "--no-extract", stdout=io.StringIO())

    assert set(Entry.objects.values_list("title", "duplicate_of")) == {
        (None, None),  # the opening summary
        ("Aid convoy reaches the city", None),
        ("Talks resume in Geneva", None),
    }

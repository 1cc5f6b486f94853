"""Editors fix the archive in the admin and readers see the fix on the public pages."""

import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.models import Article, Entry
from tests.factories import ActorFactory, ArticleFactory, EntryFactory

pytestmark = pytest.mark.django_db


def test_admin_is_for_staff_only(client, django_user_model):
    assert client.get("/admin/").status_code == 302
    django_user_model.objects.create_user("reader", password="a-long-test-password")
    client.login(username="reader", password="a-long-test-password")
    assert client.get("/admin/articles/article/").status_code == 302


def test_editor_fixes_an_article_date_and_adds_an_actor_alias(staff_client):
    article = ArticleFactory(headline="Strikes on the port overnight", published_on=None)
    EntryFactory(article=article, published_on=None, position=0)
    actor = ActorFactory(name="Volodymyr Zelensky", slug="volodymyr-zelensky")

    change_url = reverse("admin:articles_article_change", args=[article.pk])
    form = staff_client.get(change_url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        {
            "headline": article.headline,
            "published_on": "2024-11-08",
            "date_precision": "day",
            "entries-TOTAL_FORMS": "0",
            "entries-INITIAL_FORMS": "0",
        }
    )
    response = staff_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    article.refresh_from_db()
    assert article.published_on == datetime.date(2024, 11, 8)
    assert article.entries.get().published_on == datetime.date(2024, 11, 8)

    actor_url = reverse("admin:articles_actor_change", args=[actor.pk])
    response = staff_client.post(
        actor_url,
        {
            "name": actor.name,
            "slug": actor.slug,
            "kind": "person",
            "description": "",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "Zelenskyy",
        },
    )
    assert response.status_code == 302

    article_page = staff_client.get(reverse("articles:article-detail", args=[article.pk])).content.decode()
    assert "8 November 2024" in article_page
    actor_page = staff_client.get(actor.get_absolute_url()).content.decode()
    assert "Zelenskyy" in actor_page
    assert Article.objects.count() == 1


def _change_form_data(client, url) -> dict:
    """What the browser would post back for an admin change form nobody edited."""
    form = client.get(url).context["adminform"].form
    return {k: v for k, v in form.initial.items() if v is not None and k in form.fields}


def test_an_entry_form_differing_only_by_line_endings_has_not_changed(staff_client):
    entry = EntryFactory(body="One paragraph.\n\nAnother,\nwith a break.", published_on=None)
    url = reverse("admin:articles_entry_change", args=[entry.pk])
    data = _change_form_data(staff_client, url)
    data.update(
        {
            "body": entry.body.replace("\n", "\r\n"),  # what a browser sends back
            "date_precision": "day",
            "actor_mentions-TOTAL_FORMS": "0",
            "actor_mentions-INITIAL_FORMS": "0",
            "location_mentions-TOTAL_FORMS": "0",
            "location_mentions-INITIAL_FORMS": "0",
        }
    )
    assert staff_client.post(url, data).status_code == 302
    assert LogEntry.objects.get().get_change_message() == "No fields changed."
    entry.refresh_from_db()
    assert entry.body == "One paragraph.\n\nAnother,\nwith a break."

    data["body"] = "Corrected paragraph.\r\n\r\nAnother,\r\nwith a break."
    staff_client.post(url, data)
    entry.refresh_from_db()
    assert entry.body == "Corrected paragraph.\n\nAnother,\nwith a break."


def test_dating_an_article_dates_the_entries_that_had_its_old_date(staff_client):
    article = ArticleFactory(published_on=None)
    undated = [EntryFactory(article=article, position=p, published_on=None) for p in range(3)]
    own = EntryFactory(article=article, position=3, published_on=datetime.date(2024, 11, 1))
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = _change_form_data(staff_client, url)
    data.update(published_on="2024-11-08", date_precision="day")
    assert staff_client.post(url, data).status_code == 302
    assert {e.published_on for e in Entry.objects.filter(pk__in=[e.pk for e in undated])} == {
        datetime.date(2024, 11, 8)
    }
    own.refresh_from_db()
    assert own.published_on == datetime.date(2024, 11, 1)  # its own date stays


@pytest.mark.parametrize("entries", [300, 5000])
def test_an_article_with_thousands_of_entries_opens_and_saves(staff_client, entries, django_assert_max_num_queries):
    article = ArticleFactory(published_on=None)
    Entry.objects.bulk_create(
        Entry(article=article, position=p, title=None, body=f"Update {p}.\n\nMore.", content_hash=f"h{p}")
        for p in range(entries)
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    with django_assert_max_num_queries(20):
        response = staff_client.get(url)
    page = response.content.decode()
    assert f"Entries ({entries})" in page
    assert len(re.findall(r'href="/admin/articles/entry/\d+/change/"', page)) == 50  # one page of links
    assert staff_client.get(url + "?entries_page=2").context["entry_page"][0].position == 50
    data = _change_form_data(staff_client, url)
    data.update(published_on="2024-11-08", date_precision="day")
    assert len(data) < 50  # nothing per entry is posted back (TooManyFieldsSent at ~1 000 fields)
    with django_assert_max_num_queries(20):
        assert staff_client.post(url, data).status_code == 302
    assert Entry.objects.filter(article=article, published_on=datetime.date(2024, 11, 8)).count() == entries


def _entry_form_data(client, entry, **changes) -> dict:
    data = _change_form_data(client, reverse("admin:articles_entry_change", args=[entry.pk]))
    data.update(
        {
            "actor_mentions-TOTAL_FORMS": "0",
            "actor_mentions-INITIAL_FORMS": "0",
            "location_mentions-TOTAL_FORMS": "0",
            "location_mentions-INITIAL_FORMS": "0",
        }
    )
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_duplicate_of_must_point_at_another_canonical_entry(staff_client):
    canonical = EntryFactory(body="The story.")
    repeat = EntryFactory(body="The story, again.", duplicate_of=canonical)
    other = EntryFactory()
    url = lambda entry: reverse("admin:articles_entry_change", args=[entry.pk])  # noqa: E731

    cases = [
        (other, other.pk, "cannot repeat itself"),
        (other, repeat.pk, f"itself repeats entry {canonical.pk}"),
        (canonical, other.pk, "1 other entries repeat this one"),
    ]
    for entry, target, message in cases:
        response = staff_client.post(url(entry), _entry_form_data(staff_client, entry, duplicate_of=str(target)))
        assert response.status_code == 200, message
        assert message in str(response.context["adminform"].form.errors["duplicate_of"])
    assert Entry.objects.filter(duplicate_of__isnull=False).count() == 1


def test_making_a_repeat_canonical_when_its_story_has_a_canonical_copy_is_a_form_error(staff_client):
    canonical = EntryFactory()
    repeat = EntryFactory(content_hash=canonical.content_hash, duplicate_of=canonical)
    data = _entry_form_data(staff_client, repeat)
    data.pop("duplicate_of")
    response = staff_client.post(reverse("admin:articles_entry_change", args=[repeat.pk]), data)
    assert response.status_code == 200
    assert f"Entry {canonical.pk} is already the canonical copy" in str(response.context["adminform"].form.errors)
    repeat.refresh_from_db()
    assert repeat.duplicate_of_id == canonical.pk


def test_admin_filters_speak_the_editors_words(staff_client):
    article = ArticleFactory()
    first = EntryFactory(article=article, position=0)
    repeat = EntryFactory(article=article, position=1, duplicate_of=first, content_hash="other")
    html = staff_client.get("/admin/articles/entry/").content.decode()
    assert "Conflict news archive" in html
    assert "By is a repeat" in html and "By has a date" in html and "By duplicate of" not in html
    repeats = staff_client.get("/admin/articles/entry/?repeat=yes").context["cl"].result_list
    assert [entry.pk for entry in repeats] == [repeat.pk]
    originals = staff_client.get("/admin/articles/entry/?repeat=no").context["cl"].result_list
    assert [entry.pk for entry in originals] == [first.pk]

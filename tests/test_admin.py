"""Editors fix the archive in the admin and readers see the fix on the public pages."""

import datetime

import pytest
from django.urls import reverse

from articles.models import Article
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

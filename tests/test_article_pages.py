"""A long live blog is read in pages, and a much-repeated entry lists a bounded set of snapshots."""

import pytest

from tests.factories import ArticleFactory, EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_blog(settings):
    settings.ARTICLE_PAGE_SIZE = 4
    article = ArticleFactory(headline="A long day of updates")
    entries = [EntryFactory(article=article, position=n, title=f"Update number {n}") for n in range(10)]
    return article, entries


def test_an_article_page_shows_one_page_of_its_entries_and_links_the_rest(client, live_blog, django_assert_num_queries):
    article, entries = live_blog
    # The article with its counts, its correction notes, one page of entries, their names.
    with django_assert_num_queries(4):
        html = client.get(f"/articles/{article.pk}/").content.decode()
    assert "10 entries" in html and "showing 1–4" in html
    assert "Update number 3" in html and "Update number 4" not in html
    assert 'href="?page=3"' in html
    last = client.get(f"/articles/{article.pk}/", {"page": 3}).content.decode()
    assert "Update number 9" in last and "Update number 7" not in last
    past = client.get(f"/articles/{article.pk}/", {"page": 4})
    assert past.status_code == 404
    assert "does not exist" in past.content.decode()


def test_an_entry_links_to_the_article_page_that_shows_it(client, live_blog):
    article, entries = live_blog
    html = client.get(f"/entries/{entries[6].pk}/").content.decode()
    assert f'href="/articles/{article.pk}/?page=2#entry-{entries[6].pk}"' in html
    assert f'id="entry-{entries[6].pk}"' in client.get(f"/articles/{article.pk}/?page=2").content.decode()


def test_an_entry_repeated_many_times_lists_the_first_snapshots(client, monkeypatch):
    monkeypatch.setattr("articles.views.DUPLICATES_SHOWN", 3)
    original = EntryFactory(article=ArticleFactory(headline="First report"))
    for n in range(5):
        EntryFactory(article=ArticleFactory(headline=f"Snapshot {n}"), duplicate_of=original)
    html = client.get(f"/entries/{original.pk}/").content.decode()
    assert html.count("Snapshot ") == 3
    assert "The first 3 snapshots are listed" in html

"""Input that used to reach the database as an error: long runs of "-" in q, page numbers
spelled with leading zeros."""

import pytest

from articles.filters import MAX_EXCLUDE_RUN, validate_search_text
from tests.factories import ArticleFactory, EntryFactory

pytestmark = pytest.mark.django_db

# PostgreSQL's websearch parser fails ("tsquery stack too small") on 33 negations of one word.
EXCLUDE_RUNS = ["-" * 33 + "war", "-- " * 20 + "war", "-!" * 40 + "war", "-\t" * 40 + "war", "-|-&-<-(" * 9 + "war"]


@pytest.mark.parametrize("url", ["/entries/", "/articles/", "/entries.atom", "/entries.csv", "/entries.json"])
@pytest.mark.parametrize("q", EXCLUDE_RUNS)
def test_long_runs_of_exclude_signs_are_a_400_naming_the_search(client, url, q):
    EntryFactory(body="War reached the valley.")
    response = client.get(url, {"q": q})
    assert response.status_code == 400
    assert f"at most {MAX_EXCLUDE_RUN}" in response.content.decode()


def test_ordinary_searches_with_hyphens_and_exclusions_pass():
    for q in ["-rumour ceasefire", "al-Aqsa -hospital", "well-known -a -b -c", "- " * MAX_EXCLUDE_RUN + "x"]:
        validate_search_text(q)


def test_a_number_spelled_with_leading_zeros_redirects_to_the_one_address(client):
    entry = EntryFactory(article=ArticleFactory())
    for route, pk in (("entries", entry.pk), ("articles", entry.article_id)):
        response = client.get(f"/{route}/{'0' * 30}{pk}/")
        assert response.status_code == 301
        assert response["Location"] == f"/{route}/{pk}/"
        assert client.get(f"/{route}/{pk}/").status_code == 200

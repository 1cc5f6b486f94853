"""Random and hostile query strings never break a browse page, export or feed."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.browse_archive import build_browse_archive

pytestmark = pytest.mark.django_db

PARAMS = [
    "q",
    "date_from",
    "date_to",
    "country",
    "person",
    "org",
    "article",
    "undated",
    "include_duplicates",
    "sort",
    "page",
]
HOSTILE = [
    "",
    "0",
    "-1",
    "99999999999999999999",
    "2024-02-30",
    "UA",
    "xx",
    "<script>",
    "' OR 1=1 --",
    "\u202e",
    "%",
    '"',
    "a" * 600,
    "!(",
    "&&",
    "amara-okafor",
    "relevance",
    "only",
    "on",
    "\x00",
    "２０２４-０１-０１",
]
URLS = ["/entries/", "/entries.csv", "/entries.json", "/entries.atom", "/articles/"]

values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
query_strings = st.lists(st.tuples(st.sampled_from(PARAMS), values), max_size=6)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(url=st.sampled_from(URLS), pairs=query_strings)
def test_any_query_string_is_answered_without_a_server_error(client, url, pairs):
    response = client.get(url, pairs)  # repeated parameters included
    assert response.status_code < 500
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Traceback" not in body


def test_fuzzing_runs_against_data(client):
    # The same checks with an archive in place, on a fixed hostile sample.
    build_browse_archive(articles=2, entries_per_article=4, undated=1)
    for url in URLS:
        for value in HOSTILE:
            for param in PARAMS:
                assert client.get(url, {param: value}).status_code < 500, (url, param, value)

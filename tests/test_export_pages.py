"""Exports in capped pages continued by keyset, errors before the first byte, broken streams
that say so (articles/selectors/export_pages.py, articles/exports.py)."""

import csv
import io
import json
import re

import psycopg
import pytest
from django.db import DatabaseError, connection

from articles.exports import INCOMPLETE, csv_lines, json_chunks
from articles.selectors.entries import EntryFilters, entries_filter
from articles.selectors.export_pages import EXPORT_FIELDS, ExportKey, export_key_parse
from tests.browse_archive import build_browse_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return build_browse_archive(articles=3, entries_per_article=8, undated=3)


def csv_ids(response) -> list[int]:
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    return [int(row["id"]) for row in csv.DictReader(io.StringIO(body))]


def next_link(response) -> str:
    match = re.fullmatch(r"<http://testserver(?P<url>[^>]+)>; rel=\"next\"", response.get("Link", ""))
    return match["url"] if match else ""


def follow_pages(client, url: str) -> tuple[list[int], int]:
    """Every id of an export followed through its next links, and how many pages it took."""
    ids, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        ids += csv_ids(response)
        pages += 1
        url = next_link(response)
    return ids, pages


@pytest.mark.parametrize("query", ["", "sort=oldest", "country=UA", "include_duplicates=on", "q=ships&sort=newest"])
def test_capped_export_pages_join_into_the_whole_export_in_order(client, archive, settings, query):
    whole = csv_ids(client.get(f"/entries.csv?{query}"))
    settings.EXPORT_MAX_ROWS = 4
    first = client.get(f"/entries.csv?{query}")
    assert len(csv_ids(first)) == min(4, len(whole))
    ids, pages = follow_pages(client, f"/entries.csv?{query}")
    assert ids == whole  # same rows, same order, none twice (dated, then undated, across pages)
    assert pages == -(-len(whole) // 4)


def test_a_truncated_export_says_so_and_the_last_page_does_not(client, archive, settings):
    settings.EXPORT_MAX_ROWS = 5
    first = client.get("/entries.json?sort=oldest")
    assert first["X-Export-Truncated"] == "first 5 rows"
    assert "after=" in next_link(first)
    assert len(json.loads(b"".join(first.streaming_content))) == 5
    total = entries_filter(filters=EntryFilters()).count()
    settings.EXPORT_MAX_ROWS = total
    whole = client.get("/entries.json?sort=oldest")
    assert "X-Export-Truncated" not in whole and "Link" not in whole
    assert len(json.loads(b"".join(whole.streaming_content))) == total


def test_relevance_exports_are_capped_without_a_continuation(client, archive, settings):
    settings.EXPORT_MAX_ROWS = 1
    response = client.get("/entries.csv?q=ships OR talks OR drones")
    assert len(csv_ids(response)) == 1
    assert response["X-Export-Truncated"] == "first 1 rows"
    assert "Link" not in response
    refused = client.get("/entries.csv?q=ships&after=2024-01-01.5")
    assert refused.status_code == 400
    assert "after: only an export sorted by date" in refused.content.decode()


@pytest.mark.parametrize("raw", ["", "x", "2024-02-30.5", "2024-01-01", "undated.", "1.2", "2024-01-01.5;drop", "９.1"])
def test_a_bad_after_key_is_a_400_naming_it(client, archive, raw):
    response = client.get("/entries.csv", {"after": raw})
    assert response.status_code == 400
    assert "after: must be the value of a previous export's next link" in response.content.decode()


def test_export_keys_round_trip():
    for key in (ExportKey(published_on=None, id=7), export_key_parse("2024-03-01.12")):
        assert export_key_parse(key.token) == key


def test_an_export_whose_query_fails_gets_an_error_status_not_a_200_header(client, settings):
    # A real statement timeout: another session locks a table the export reads (the names of
    # people; this test writes none, so it holds no lock the other session would wait for), and
    # the export's query waits until PostgreSQL cancels it. The first rows are read before the
    # response starts, so the failure is a 503 page (before: a 200 whose CSV was only the header).
    settings.PUBLIC_STATEMENT_TIMEOUT = 200
    params = connection.get_connection_params()
    with psycopg.connect(**params) as locker:
        locker.execute("SET lock_timeout = '5s'")
        locker.execute("LOCK TABLE articles_actor IN ACCESS EXCLUSIVE MODE")
        response = client.get("/entries.csv")
        locker.rollback()
    assert response.status_code == 503
    assert not response.streaming
    assert "took too long" in response.content.decode()


def failing_rows(good: int):
    """Rows from a query that fails after `good` rows (what a dropped connection does)."""
    for n in range(good):
        yield {**dict.fromkeys(EXPORT_FIELDS), "id": n, "people": [], "places": []}
    raise DatabaseError("server closed the connection unexpectedly")


@pytest.mark.parametrize("stream", [csv_lines, json_chunks])
def test_a_stream_broken_midway_ends_with_a_marker_and_an_error(stream):
    lines = []
    with pytest.raises(DatabaseError):  # the server then aborts the transfer (no closing chunk)
        for line in stream(rows=failing_rows(2), entry_url_prefix="/entries/"):
            lines.append(line)
    assert len(lines) == 4  # header or "[", two rows, the marker
    assert INCOMPLETE in lines[-1]
    if stream is json_chunks:
        with pytest.raises(json.JSONDecodeError):  # never a valid, shorter array
            json.loads("".join(lines))

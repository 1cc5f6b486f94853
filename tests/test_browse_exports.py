"""CSV, JSON and Atom export exactly the filtered view; hostile text stays inert."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest

from articles.exports import csv_cell
from articles.models import Entry
from articles.selectors.entries import EntryFilters, entries_filter
from tests.browse_archive import build_browse_archive
from tests.factories import ArticleFactory, entry_with_mentions

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def archive(settings):
    settings.BROWSE_PAGE_SIZE = 5
    return build_browse_archive(articles=3, entries_per_article=8, undated=2)


def streamed(response) -> str:
    assert response.streaming, "exports stream instead of building the whole body in memory"
    return b"".join(response.streaming_content).decode()


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(streamed(response).lstrip("\ufeff"))))


def test_csv_has_every_matching_row_not_one_page(client, archive):
    response = client.get("/entries.csv?country=UA")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="entries.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    expected = entries_filter(filters=EntryFilters(countries=("UA",)))
    assert len(rows) == expected.count() > 5
    assert {int(r["id"]) for r in rows} == set(expected.values_list("id", flat=True))
    assert all("UA" in r["countries"].split("; ") for r in rows)
    first = rows[0]
    assert first["url"].startswith("http://testserver/entries/") and first["article_headline"]
    assert first["article_publisher"] == "Test Wire" and first["article_byline"] == ""
    assert first["people"] or first["organisations"]


def test_json_matches_the_page_filters_and_order(client, archive):
    response = client.get("/entries.json?person=amara-okafor&sort=oldest")
    assert response["Content-Type"].startswith("application/json")
    rows = json.loads(streamed(response))
    okafor = archive.people["okafor"]
    expected = entries_filter(filters=EntryFilters(person_ids=(okafor.pk,)))
    assert len(rows) == expected.count()
    assert all("Amara Okafor" in r["people"] for r in rows)
    dated = [r["published_on"] for r in rows if r["published_on"]]
    assert dated == sorted(dated)
    assert rows[-1]["published_on"] is None  # undated entries come last, never dropped


def test_exports_include_duplicates_only_when_asked(client, archive):
    plain = json.loads(streamed(client.get("/entries.json")))
    with_duplicates = json.loads(streamed(client.get("/entries.json?include_duplicates=on")))
    assert len(with_duplicates) == len(plain) + len(archive.duplicates)
    assert {r["duplicate_of_id"] for r in with_duplicates} - {None} == {d.duplicate_of_id for d in archive.duplicates}


def test_an_empty_result_is_a_valid_empty_export(client, archive):
    assert json.loads(streamed(client.get("/entries.json?q=nothingmatcheshere"))) == []
    assert csv_rows(client.get("/entries.csv?q=nothingmatcheshere")) == []


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_csv_neutralises_formulas(value):
    assert csv_cell(value) == "'" + value
    assert csv_cell(["=1", "ok"]) == "'=1; ok"
    assert csv_cell("Plain text") == "Plain text"
    assert csv_cell(None) == ""


def test_csv_export_neutralises_formulas_in_stored_text(client):
    entry_with_mentions(article=ArticleFactory(headline="=cmd|' /C calc'!A0"), title="@SUM(1+1)", body="-5 dead")
    (row,) = csv_rows(client.get("/entries.csv"))
    assert row["title"] == "'@SUM(1+1)"
    assert row["body"] == "'-5 dead"
    assert row["article_headline"] == "'=cmd|' /C calc'!A0"


@pytest.mark.parametrize("url", ["/entries.csv", "/entries.json", "/entries.atom"])
@pytest.mark.parametrize("query", ["country=XX", "date_from=yesterday", "person=nobody", "q=" + "x" * 5000])
def test_bad_export_queries_are_400_with_the_reason(client, archive, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    if url != "/entries.atom":
        assert response.content.decode().startswith("Invalid query string:")
        assert query.split("=")[0] in response.content.decode()


def test_atom_feed_is_valid_and_lists_the_latest_filtered_entries(client, archive):
    response = client.get("/entries.atom?country=PL")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text
    assert feed.find(f"{ATOM}link").get("href").endswith("/entries/?country=PL")
    items = feed.findall(f"{ATOM}entry")
    expected = entries_filter(filters=EntryFilters(countries=("PL",)))
    assert len(items) == min(50, expected.count())
    for item in items:
        assert item.find(f"{ATOM}id").text and item.find(f"{ATOM}link").get("href").startswith("http://testserver/")
    assert all(item.find(f"{ATOM}updated") is not None for item in items)  # required by Atom
    published = [i.find(f"{ATOM}published").text for i in items if i.find(f"{ATOM}published") is not None]
    assert published and published == sorted(published, reverse=True)


def test_atom_shows_hostile_text_as_text(client):
    entry_with_mentions(title="<script>alert(1)</script>", body='"><img src=x onerror=alert(1)> {{ secret }}')
    body = client.get("/entries.atom").content.decode()
    feed = ET.fromstring(body)
    (item,) = feed.findall(f"{ATOM}entry")
    assert item.find(f"{ATOM}title").text == "<script>alert(1)</script>"  # XML text, not markup
    # The summary is marked as plain text: readers show the tag as text; the XML escapes it.
    summary = item.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == '"><img src=x onerror=alert(1)> {{ secret }}'
    assert "<img" not in body


def test_large_exports_stream_in_chunks(client, archive, django_assert_max_num_queries):
    # A server-side cursor: the response is an iterator, rows are fetched as it is consumed.
    response = client.get("/entries.csv")
    chunks = iter(response.streaming_content)
    header = next(chunks).decode()
    assert header.lstrip("\ufeff").startswith("id,published_on")
    assert sum(1 for _ in chunks) == entries_filter(filters=EntryFilters()).count()


def test_atom_feed_says_what_it_follows_and_its_self_link_keeps_the_query(client, archive):
    response = client.get("/entries.atom?person=amara-okafor&country=UA&q=&undated=")
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "Entries mentioning Amara Okafor in Ukraine — Conflict news archive"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == "http://testserver/entries.atom?person=amara-okafor&country=UA"
    assert links["alternate"] == "http://testserver/entries/?person=amara-okafor&country=UA"
    plain = ET.fromstring(client.get("/entries.atom").content)
    assert plain.find(f"{ATOM}title").text == "Entries — Conflict news archive"
    assert {link.get("rel"): link.get("href") for link in plain.findall(f"{ATOM}link")}["self"].endswith(
        "/entries.atom"
    )


def test_exports_and_feed_carry_the_time_of_day_of_each_post(client):
    entry = entry_with_mentions(title="Ferry docks", body="It tied up at the quay.")
    Entry.objects.filter(pk=entry.pk).update(published_time=datetime.time(22, 21), time_zone="GMT")
    (row,) = json.loads(b"".join(client.get("/entries.json").streaming_content))
    assert (row["published_time"], row["time_zone"]) == ("22:21:00", "GMT")
    lines = b"".join(client.get("/entries.csv").streaming_content).decode().lstrip("\ufeff").splitlines()
    header, line = next(csv.reader(lines[:1])), next(csv.reader(lines[1:]))
    assert dict(zip(header, line, strict=True))["published_time"] == "22:21:00"
    (item,) = ET.fromstring(client.get("/entries.atom").content).findall(f"{ATOM}entry")
    assert item.find(f"{ATOM}published").text == f"{entry.published_on.isoformat()}T22:21:00+00:00"
    Entry.objects.filter(pk=entry.pk).update(time_zone="EEST")
    (item,) = ET.fromstring(client.get("/entries.atom").content).findall(f"{ATOM}entry")
    assert item.find(f"{ATOM}published").text == f"{entry.published_on.isoformat()}T22:21:00+03:00"

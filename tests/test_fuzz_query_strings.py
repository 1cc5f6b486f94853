"""Random and hostile query strings on every list, export and feed URL: never a 5xx, never a
traceback. The test client re-raises any exception a view lets escape, so a crash fails here."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Actor, Location
from articles.services.denorm import entry_denorm_refresh, mention_counts_refresh
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    EntryActorFactory,
    EntryFactory,
    EntryLocationFactory,
    LocationFactory,
)

pytestmark = pytest.mark.django_db

URLS = [
    "/",
    "/entries/",
    "/articles/",
    "/countries/",
    "/countries/ua/",
    "/people/a-field-commander/",
    "/organisations/a-relief-agency/",
    "/entries.csv",
    "/entries.json",
    "/entries.atom",
]
KEYS = [
    "q",
    "date_from",
    "date_to",
    "country",
    "person",
    "org",
    "article",
    "include_duplicates",
    "undated",
    "sort",
    "page",
    "after",
    "per_page",
    "format",
]
HOSTILE_VALUES = [
    "",
    " ",
    "'",
    '"',
    "\\",
    "%",
    "\x00",
    "\x1b[31m",
    "' OR 1=1 --",
    '"unclosed quote',
    "-",
    "!",
    "&|",
    ":*",
    "(",
    "OR",
    "-- -",
    "<script>alert(1)</script>",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "0",
    "-1",
    "1e308",
    "NaN",
    "99999999999999999999999",
    "2024-02-30",
    "2024-13-01",
    "0000-00-00",
    "9999-12-31",
    "2024-1-1",
    "yesterday",
    "XX",
    "ua",
    "../../etc/passwd",
    "\u202e\u200b",
    "🛰️ дрон",
    "a" * 5000,
    # Page numbers in other scripts' digits (str.isdigit says yes, int() may say no).
    "²",
    "١٢",
    "𝟙",
    # Runs of search operators (33 "-" overflow PostgreSQL's tsquery stack).
    "-" * 40 + "war",
    "-- " * 40 + "war",
    "-!" * 40 + "war",
    "war " + "-war " * 60,
    " OR " * 80,
    "<->" * 50,
    # Control characters.
    "\x01\x02\x7f",
    "war\x0bpeace\x0c",
    "\t\r\n",
    "2024-01-01.\x00",
]
# Raw query strings the test client would never build: broken escapes and invalid UTF-8.
RAW_QUERIES = [
    "q=%ZZ",
    "q=%",
    "q=%00",
    "q=%FF%FE%FD",
    "country=%C3%28",
    "page=%E2%82",
    "&&&=&=",
    "q",
    "=x",
    "q[]=1&q[0]=2",
    "date_from=2024-01-01&date_from=2024-02-01&date_to=2023-01-01",
    "country=" + "&country=".join(["UA"] * 300),
    "sort=relevance",
    "sort=relevance&q=war",
    "page=0",
    "page=-5",
    "page=last",
    "page=99999",
]


def assert_handled(client, url: str) -> None:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code < 500, url
    assert b"Traceback" not in body, url
    assert b"Internal Server Error" not in body, url


@pytest.fixture
def small_archive():
    article = ArticleFactory(headline="Relief convoy crosses the northern checkpoint")
    person = ActorFactory(name="A Field Commander", slug="a-field-commander", kind=Actor.Kind.PERSON)
    agency = ActorFactory(name="A Relief Agency", slug="a-relief-agency", kind=Actor.Kind.ORGANISATION)
    town = LocationFactory(name="River Town", slug="river-town", kind=Location.Kind.CITY, country_code="UA")
    entries = [
        EntryFactory(article=article, position=n, title=f"Update {n}", body=f"Convoy moved {n} kilometres.")
        for n in range(3)
    ]
    EntryFactory(article=article, position=3, published_on=None, title="Undated note", body="No date given.")
    for entry in entries:
        EntryActorFactory(entry=entry, actor=person)
        EntryActorFactory(entry=entry, actor=agency)
        EntryLocationFactory(entry=entry, location=town)
    entry_denorm_refresh(entry_ids=[e.pk for e in entries])
    mention_counts_refresh()
    return article


def test_every_url_survives_each_hostile_value_in_every_parameter(client, small_archive):
    for url in URLS:
        for value in HOSTILE_VALUES:
            query = "&".join(f"{key}={quote(value)}" for key in KEYS)
            assert_handled(client, f"{url}?{query}")
        for raw in RAW_QUERIES:
            assert_handled(client, f"{url}?{raw}")
        assert_handled(client, f"{url}?article={small_archive.pk}&include_duplicates=on&sort=oldest")


@pytest.mark.parametrize("url", ["/entries/", "/articles/", "/entries.csv", "/entries.atom"])
def test_one_hostile_parameter_among_none_else(client, small_archive, url):
    # Alone, a bad value takes other paths than beside other bad ones (no other error stops first).
    for key in KEYS:
        for value in HOSTILE_VALUES:
            assert_handled(client, f"{url}?{key}={quote(value)}")


query_pairs = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(KEYS), st.text(max_size=8)),
        st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=40), st.integers().map(str)),
    ),
    max_size=6,
)


# Hostile by construction: page numbers in any script's digits, long runs of search operators,
# text full of control characters.
page_numbers = st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=12)
operator_runs = st.lists(
    st.sampled_from(["-", "!", "|", "&", "<->", "(", ")", " ", "\t", "OR", '"', "*", ":", "war", "a"]), max_size=120
).map("".join)
control_text = st.text(alphabet=st.characters(categories=["Cc", "Cf", "L"]), max_size=40)
targeted_pairs = st.lists(
    st.one_of(
        st.tuples(st.just("page"), page_numbers),
        st.tuples(st.sampled_from(["q", "page", "after"]), operator_runs),
        st.tuples(st.sampled_from(KEYS), control_text),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(url=st.sampled_from(URLS), pairs=st.one_of(query_pairs, targeted_pairs))
def test_random_query_strings_never_break_a_page(client, small_archive, url, pairs):
    # Lone surrogates cannot be sent over HTTP; everything else is percent-encoded as a browser would.
    query = "&".join(
        f"{quote(key.encode('utf-8', 'replace'))}={quote(value.encode('utf-8', 'replace'))}" for key, value in pairs
    )
    assert_handled(client, f"{url}?{query}")

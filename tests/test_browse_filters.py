"""The /entries/ query string: parsing, validation and what each filter selects."""

import datetime

import pytest
from django.http import QueryDict

from articles.filters import Q_MAX_LENGTH, EntryFilterSet
from articles.selectors.entries import EntryFilters, entries_filter, entry_page
from tests.browse_archive import build_browse_archive
from tests.factories import ActorFactory, ArticleFactory, CountryFactory, LocationFactory, entry_with_mentions

pytestmark = pytest.mark.django_db


def filterset(query: str) -> EntryFilterSet:
    return EntryFilterSet(QueryDict(query))


@pytest.fixture
def archive():
    return build_browse_archive(articles=3, entries_per_article=6, undated=2)


def ids(filters: EntryFilters) -> set[int]:
    return set(entries_filter(filters=filters).values_list("id", flat=True))


def test_an_empty_query_string_is_every_canonical_entry(archive):
    filters = filterset("").entry_filters
    assert filters == EntryFilters()
    assert ids(filters) == {e.pk for e in archive.entries}


@pytest.mark.parametrize(
    ("query", "field", "fragment"),
    [
        ("date_from=yesterday", "date_from", "YYYY-MM-DD"),
        ("date_to=2024-13-45", "date_to", "YYYY-MM-DD"),
        ("country=XX", "country", "“XX” is not an ISO 3166 country code"),
        ("country=Ukraine", "country", "not an ISO 3166 country code"),
        ("person=nobody-at-all", "person", "No person has the slug “nobody-at-all”"),
        ("org=amara-okafor", "org", "“Amara Okafor” is not a organisation; use person=amara-okafor"),
        ("person=<script>", "person", "not a valid person slug"),
        ("article=abc", "article", "must be an article number"),
        ("article=999999", "article", "There is no article 999999"),
        ("sort=sideways", "sort", "Select a valid choice"),
        ("undated=sometimes", "undated", "Select a valid choice"),
        ("q=" + "war " * 1250, "q", f"limited to {Q_MAX_LENGTH} characters"),
        ("q=a%00b", "q", "Null characters are not allowed"),
    ],
)
def test_bad_input_is_a_form_error_naming_the_parameter(archive, query, field, fragment):
    fs = filterset(query)
    assert not fs.is_valid()
    assert fs.entry_filters is None
    assert any(fragment in message for message in fs.form.errors[field]), fs.form.errors
    assert not fs.qs.exists()


def test_dates_in_the_wrong_order_are_explained(archive):
    fs = filterset("date_from=2024-08-01&date_to=2024-06-01")
    assert fs.form.errors["date_to"] == [
        "The end date (1 June 2024) is before the start date (1 August 2024): swap them to see that period."
    ]


def test_undated_only_cannot_be_combined_with_a_date_range(archive):
    fs = filterset("undated=only&date_from=2024-06-01")
    assert "cannot be in a date range" in fs.form.errors["undated"][0]


def test_country_codes_are_case_insensitive_and_any_of(archive):
    filters = filterset("country=pl&country=ch").entry_filters
    assert filters.countries == ("PL", "CH")
    selected = entries_filter(filters=filters)
    assert selected.count() > 0
    for entry in selected:
        assert {"PL", "CH"} & set(entry.country_codes)
    only_pl = ids(filterset("country=PL").entry_filters)
    only_ch = ids(filterset("country=CH").entry_filters)
    assert ids(filters) == only_pl | only_ch


def test_people_and_organisations_are_all_of(archive):
    okafor, lindqvist = archive.people["okafor"], archive.people["lindqvist"]
    both = ids(filterset("person=amara-okafor&person=erik-lindqvist").entry_filters)
    assert both
    assert both == ids(EntryFilters(person_ids=(okafor.pk,))) & ids(EntryFilters(person_ids=(lindqvist.pk,)))
    with_org = ids(filterset("person=amara-okafor&org=state-railways").entry_filters)
    assert with_org and all(
        {okafor.pk, archive.orgs["rail"].pk} <= set(e.actor_ids)
        for e in entries_filter(filters=EntryFilters())
        if e.pk in with_org
    )


def test_date_range_is_inclusive_and_leaves_undated_entries_out(archive):
    filters = filterset("date_from=2024-06-03&date_to=2024-06-04").entry_filters
    dates = {e.published_on for e in entries_filter(filters=filters)}
    assert dates == {datetime.date(2024, 6, 3), datetime.date(2024, 6, 4)}


def test_undated_entries_can_be_selected_or_excluded(archive):
    undated = {e.pk for e in archive.entries if e.published_on is None}
    assert len(undated) == 2
    assert ids(filterset("undated=only").entry_filters) == undated
    assert ids(filterset("undated=exclude").entry_filters).isdisjoint(undated)


def test_duplicates_are_hidden_unless_asked_for(archive):
    duplicate_ids = {d.pk for d in archive.duplicates}
    assert duplicate_ids
    assert ids(filterset("").entry_filters).isdisjoint(duplicate_ids)
    assert duplicate_ids <= ids(filterset("include_duplicates=on").entry_filters)


def test_article_filter(archive):
    article = archive.articles[1]
    assert ids(filterset(f"article={article.pk}&include_duplicates=on").entry_filters) == set(
        article.entries.values_list("id", flat=True)
    )


def test_websearch_syntax_phrases_or_and_minus(archive):
    def titles(query):
        return {row.entry.title for row in entry_page(filters=filterset(query).entry_filters, offset=0, limit=100)}

    assert titles("q=grain") == {"Grain ships leave the southern port"}
    assert titles('q="air defence"') == {"Drone attack on energy sites", "Parliament debates defence budget"}
    assert titles("q=grain OR sanctions") == {"Grain ships leave the southern port", "Sanctions package announced"}
    assert titles("q=defence -budget") == {"Drone attack on energy sites"}
    # Stemming with the 'english' configuration: "ship" finds "ships" and "shipping".
    assert titles("q=ship") == {"Grain ships leave the southern port", "Sanctions package announced"}


def test_relevance_ranks_a_title_match_above_a_body_match():
    article = ArticleFactory()
    body_match = entry_with_mentions(article=article, position=0, title="Morning summary", body="A convoy moved north.")
    title_match = entry_with_mentions(article=article, position=1, title="Convoy crosses", body="Trucks moved north.")
    rows = entry_page(filters=filterset("q=convoy").entry_filters, offset=0, limit=10)
    assert [row.entry.pk for row in rows] == [title_match.pk, body_match.pk]
    assert "<mark>convoy</mark>" in rows[1].snippet.lower()


def test_snippets_escape_the_text_and_only_add_mark_tags():
    article = ArticleFactory()
    entry_with_mentions(
        article=article, position=0, title="Hostile", body='Shelling <script>alert(1)</script> "><img onerror=x>'
    )
    (row,) = entry_page(filters=filterset("q=shelling").entry_filters, offset=0, limit=10)
    # The text parser drops tag-like text from headlines; whatever is left is escaped.
    assert "<script" not in row.snippet and "<img" not in row.snippet
    assert row.snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    assert "<mark>Shelling</mark>" in row.snippet


def test_sort_orders_with_undated_last(archive):
    newest = entry_page(filters=filterset("sort=newest").entry_filters, offset=0, limit=100)
    oldest = entry_page(filters=filterset("sort=oldest").entry_filters, offset=0, limit=100)
    newest_dates = [r.entry.published_on for r in newest]
    oldest_dates = [r.entry.published_on for r in oldest]
    assert newest_dates[-2:] == [None, None] and oldest_dates[-2:] == [None, None]
    assert newest_dates[:-2] == sorted(newest_dates[:-2], reverse=True)
    assert oldest_dates[:-2] == sorted(oldest_dates[:-2])
    # Relevance without a search falls back to newest.
    assert filterset("sort=relevance").entry_filters.effective_sort == "newest"
    assert filterset("q=grain").entry_filters.effective_sort == "relevance"


def test_entry_rows_name_their_people_and_places_in_one_query(django_assert_num_queries):
    ua = CountryFactory(country_code="UA", name="Ukraine", slug="ukraine")
    city = LocationFactory(name="Kherson", slug="kherson-ua", country_code="UA")
    person = ActorFactory(name="Lena Park", slug="lena-park")
    entry_with_mentions(actors=[person], locations=[city, ua])
    filters = EntryFilters()
    with django_assert_num_queries(2):
        (row,) = entry_page(filters=filters, offset=0, limit=10)
        assert [p.name for p in row.people] == ["Lena Park"]
        assert [p.name for p in row.places] == ["Kherson", "Ukraine"]
        assert row.people[0].url == "/people/lena-park/"
        assert row.places[0].url == "/places/kherson-ua/"  # a town links to its own page
        assert row.places[1].url == "/countries/UA/"


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize("per_page", [1, 3, 7, 50])
def test_date_sorted_pages_split_at_undated_entries_keep_the_same_order(archive, sort, per_page):
    from articles.selectors.entries import entries_ordered
    from articles.selectors.facets import date_histogram

    filters = filterset(f"sort={sort}&q=border OR convoy OR grain OR talks").entry_filters
    expected = [e.pk for e in entries_ordered(entries=entries_filter(filters=filters), filters=filters)]
    assert None in {e.published_on for e in entries_filter(filters=filters)}
    dated = date_histogram(filters=filters).dated
    paged = []
    for offset in range(0, len(expected), per_page):
        rows = entry_page(filters=filters, offset=offset, limit=per_page, dated_total=dated)
        paged += [row.entry.pk for row in rows]
    assert paged == expected

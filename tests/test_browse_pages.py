"""Every page renders, runs a fixed number of queries whatever the page size, and never fails on bad input."""

import pytest
from django.urls import reverse

from tests.browse_archive import build_browse_archive
from tests.factories import ArticleFactory, entry_with_mentions

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return build_browse_archive(articles=4, entries_per_article=8, undated=2)


def page_urls(archive):
    return {
        "home": ("/", 5),
        # Histogram and facets are one query (selectors.facets.entry_summary); the place facet
        # with its total and the people/organisation totals ("All N …") two more.
        "entries": ("/entries/", 6),
        # With q: + the planner's estimates (matches, other filters) and the ids of the newest
        # matches (selectors.entries.result_scope); the names q spells come with the filters' slugs.
        "entries, search": ("/entries/?q=border", 9),
        "entries, every filter": (
            "/entries/?q=border&country=PL&country=UA&person=amara-okafor&org=state-railways"
            "&place=odesa-ua&date_from=2024-06-01&date_to=2024-09-30&include_duplicates=on&sort=oldest",
            9,
        ),
        "entries, undated": ("/entries/?undated=only", 6),
        # + the entries above and below it in its article (one query), + its correction notes.
        "entry": (f"/entries/{archive.entries[3].pk}/", 5),
        "duplicate entry": (f"/entries/{archive.duplicates[0].pk}/", 5),
        # + the countries of the page's articles (one query).
        "articles": ("/articles/", 4),
        "articles, filtered": ("/articles/?country=UA&person=amara-okafor&q=grain", 4),
        "article": (f"/articles/{archive.articles[1].pk}/", 4),
        # + the stamps of every entry, to cut a page out of the clock order.
        "article, oldest first": (f"/articles/{archive.articles[1].pk}/?order=oldest", 5),
        "article history": (f"/articles/{archive.articles[1].pk}/history/", 3),
        "person": ("/people/amara-okafor/", 6),
        "organisation": ("/organisations/state-railways/", 6),
        "countries": ("/countries/", 1),
        "people": ("/people/", 2),
        "places, filtered": ("/places/?country=UA&name=odesa", 2),
        "place": ("/places/odesa-ua/", 5),
        "compare": ("/compare/?person=amara-okafor&person=erik-lindqvist", 7),
        "compare four": (
            "/compare/?person=amara-okafor&org=state-railways&place=odesa-ua&country=UA",
            9,
        ),
        "country": ("/countries/UA/", 5),
        "atom": ("/entries.atom?country=UA", 3),
        # Exports: whether more than EXPORT_MAX_ROWS match, then the dated and the undated rows
        # (selectors.export_pages); relevance: the check and the ranked rows.
        "csv": ("/entries.csv?country=UA", 4),
        "json": ("/entries.json?q=border", 3),
    }


@pytest.mark.parametrize("page_size", [3, 50])
def test_each_page_runs_a_fixed_number_of_queries_whatever_the_page_size(
    client, archive, settings, django_assert_num_queries, page_size
):
    settings.BROWSE_PAGE_SIZE = page_size
    for name, (url, queries) in page_urls(archive).items():
        with django_assert_num_queries(queries):
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, name


def test_entries_page_shows_rows_facets_chips_histogram_and_exports(client, archive):
    response = client.get("/entries/?country=UA&person=amara-okafor")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-label="Remove filter Country: Ukraine"' in html
    assert 'aria-label="Remove filter Person: Amara Okafor"' in html
    assert "<svg" in html and "date_from=" in html
    assert 'href="/entries.csv?country=UA&amp;person=amara-okafor"' in html
    assert 'href="/entries.json?country=UA&amp;person=amara-okafor"' in html
    assert 'type="application/atom+xml"' in html
    # Facet links toggle one value and keep the rest.
    assert 'href="?person=amara-okafor"' in html  # removing Ukraine keeps the person
    assert 'href="?country=UA&amp;country=PL&amp;person=amara-okafor"' in html


def test_search_results_show_highlighted_snippets(client, archive):
    html = client.get("/entries/?q=grain").content.decode()
    assert '<p class="entry__snippet">' in html and "<mark>grain</mark>" in html


def test_pagination_keeps_the_filters(client, archive, settings):
    settings.BROWSE_PAGE_SIZE = 4
    html = client.get("/entries/?country=UA&page=2").content.decode()
    assert 'href="?country=UA&amp;page=3"' in html
    assert 'href="?country=UA"' in html  # page 1 drops the page parameter
    assert '<a aria-current="page" href="?country=UA&amp;page=2">2</a>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=99999", "Page 99,999 does not exist"),
        ("page=abc", "“abc” is not a page number."),
        ("page=0", "“0” is not a page number."),
        ("page=-1", "“-1” is not a page number."),
    ],
)
def test_a_page_that_does_not_exist_is_a_clear_404(client, archive, query, message):
    response = client.get(f"/entries/?{query}")
    assert response.status_code == 404
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("date_from=yesterday", "date_from</code>: must be a date written YYYY-MM-DD"),
        ("country=XX", "“XX” is not an ISO 3166 country code"),
        ("person=no-such-person", "No person has the slug “no-such-person”"),
        ("org=no-such-org", "No organisation has the slug “no-such-org”"),
        ("date_from=2024-09-01&date_to=2024-06-01", "is before the start date"),
        ("q=" + "ceasefire " * 500, "Search text is limited to 500 characters."),
        ("article=12345678901234567890", "must be an article number"),
        ("country=" + "&country=".join(["UA"] * 30), "At most 20 values"),
    ],
)
def test_bad_input_shows_the_page_with_a_clear_message_and_no_results(client, archive, query, message):
    response = client.get(f"/entries/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert 'class="entry"' not in html
    assert client.get(f"/articles/?{query}").status_code in (400, 404)


@pytest.mark.parametrize(
    "url",
    [
        "/entries/?q=%00",
        "/entries/?q=%22unclosed",
        "/entries/?q=%21%21%21(((",
        "/entries/?q=-",
        "/entries/?q=OR",
        "/entries/?date_from=0001-01-01&date_to=9999-12-31",
        "/entries/?date_from=9999-12-31",
        "/entries/?country=&person=&org=",
        "/entries/?person=%F0%9F%92%A3",
        "/entries/?sort=relevance",
        "/entries/?include_duplicates=maybe",
        "/entries/?undated=only&q=convoy",
        "/entries.csv?q=%00",
        "/entries.json?page=abc",
        "/entries.atom?date_to=0000-00-00",
        "/articles/?page=99999",
        "/articles/?undated=only",
    ],
)
def test_odd_input_never_gives_a_server_error(client, archive, url):
    response = client.get(url)
    assert response.status_code < 500
    if response.streaming:
        b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "url",
    [
        "/entries/999999/",
        "/entries/99999999999999999999999/",
        "/articles/999999/",
        "/articles/99999999999999999999999/",
        "/people/nobody/",
        "/organisations/nobody/",
        "/countries/XX/",
        "/countries/UKR/",
        "/countries/ZW/",  # a real country the archive never mentions
    ],
)
def test_unknown_objects_are_404(client, archive, url):
    assert client.get(url).status_code == 404


def test_actor_and_country_urls_are_canonical(client, archive):
    assert client.get("/organisations/amara-okafor/")["Location"] == "/people/amara-okafor/"
    assert client.get("/people/state-railways/")["Location"] == "/organisations/state-railways/"
    assert client.get("/countries/ua/")["Location"] == "/countries/UA/"


def test_undated_entries_are_listed_and_never_silently_dropped(client, archive):
    html = client.get("/entries/").content.decode()
    assert "Includes 2 undated entries" in html
    html = client.get("/entries/?date_from=2024-06-01").content.decode()
    assert "2 undated entries match the other filters but are hidden by the date filter" in html
    assert 'href="?undated=only"' in html
    html = client.get("/entries/?undated=only").content.decode()
    assert html.count('class="entry"') == 2 and "Undated" in html


def test_article_page_lists_entries_in_order_and_marks_duplicates(client, archive):
    article = archive.articles[1]
    html = client.get(article.get_absolute_url()).content.decode()
    duplicate = archive.duplicates[0]
    assert duplicate.article_id == article.pk
    assert f'href="/entries/{duplicate.duplicate_of_id}/"' in html
    assert "see the original entry" in html
    positions = [html.index(f'id="entry-{e.pk}"') for e in article.entries.order_by("position")]
    assert positions == sorted(positions)
    # An untitled entry shown in full gets a link, not a heading repeating its first words.
    untitled = article.entries.filter(title__isnull=True).first() or article.entries.first()
    untitled.title = None
    untitled.save(update_fields=["title"])
    html = client.get(article.get_absolute_url()).content.decode()
    row = html[html.index(f'id="entry-{untitled.pk}"') :]
    row = row[: row.index("</article>")]
    assert "entry__title" not in row and f'class="entry__permalink" href="/entries/{untitled.pk}/"' in row
    # Bodies are paragraphs, not escaped markup (Django's linebreaks returns a plain string).
    assert '<div class="entry__body"><p>' in html and "&lt;p&gt;" not in html
    assert " · By " not in html  # no byline recorded
    article.byline = "Ada Lindqvist; Reuters"
    article.save(update_fields=["byline"])
    assert " · By Ada Lindqvist; Reuters" in client.get(article.get_absolute_url()).content.decode()


def test_entry_page_links_the_canonical_entry_and_its_repeats(client, archive):
    duplicate = archive.duplicates[0]
    html = client.get(f"/entries/{duplicate.pk}/").content.decode()
    assert '<div class="prose"><p>' in html and "&lt;p&gt;" not in html
    assert f'href="/entries/{duplicate.duplicate_of_id}/"' in html
    html = client.get(f"/entries/{duplicate.duplicate_of_id}/").content.decode()
    assert "Also published in" in html and f'href="/entries/{duplicate.pk}/"' in html


def test_actor_page(client, archive):
    html = client.get("/people/amara-okafor/").content.decode()
    assert "<h1>Amara Okafor</h1>" in html
    assert "Mentions over time" in html
    assert 'href="/entries/?person=amara-okafor&amp;person=erik-lindqvist"' in html  # co-mentioned person
    assert 'href="/entries/?person=amara-okafor&amp;org=state-railways"' in html
    assert 'href="/entries/?person=amara-okafor&amp;place=rzeszow-pl"' in html  # a place, by itself
    assert 'href="/entries/?person=amara-okafor"' in html


def test_country_pages(client, archive):
    html = client.get("/countries/").content.decode()
    assert 'href="/countries/UA/"' in html and 'href="/countries/CH/"' in html and "Switzerland" in html
    html = client.get("/countries/UA/").content.decode()
    assert "<h1>Ukraine</h1>" in html and "Kharkiv" in html and "Odesa" in html
    assert 'href="/entries/?country=UA&amp;person=amara-okafor"' in html
    # A country with places but no country row of its own still has a page.
    assert client.get("/countries/CH/").status_code == 200


def test_home_page(client, archive):
    html = client.get("/").content.decode()
    assert "Most mentioned people" in html and 'href="/people/amara-okafor/"' in html
    assert 'href="/countries/UA/"' in html
    assert "Entries over time" in html
    assert 'href="/entries/?undated=only"' in html


def test_hostile_text_is_shown_as_text_on_every_page(client):
    article = ArticleFactory(headline='<script>alert("h")</script>{{ request }}')
    entry = entry_with_mentions(
        article=article, title='"><img src=x onerror=alert(1)>', body="{% debug %} javascript:x"
    )
    for url in [
        "/",
        "/entries/",
        "/entries/?q=javascript",
        f"/entries/{entry.pk}/",
        article.get_absolute_url(),
        "/articles/",
    ]:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, url
    assert "&lt;script&gt;" in client.get(article.get_absolute_url()).content.decode()


def test_views_only_answer_safe_methods(client, archive):
    assert client.post(reverse("articles:entry-list")).status_code == 405


@pytest.mark.parametrize(
    "url", ["/", "/entries/", "/entries/?q=anything", "/articles/", "/countries/", "/entries.json"]
)
def test_an_empty_archive_renders_every_list(client, url):
    response = client.get(url)
    assert response.status_code == 200
    if not response.streaming:
        assert "Traceback" not in response.content.decode()

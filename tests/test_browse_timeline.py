"""Live blogs in time order: times in meta lines, article order switch, entry steps and headings."""

import pytest

from articles.models import Article, Entry
from articles.services.imports import article_import

pytestmark = pytest.mark.django_db

# Our own live blog, newest post first as live blogs print them; one post has no time.
TRUCE_BLOG = """\
date 2025-02-04 Harbour live: ferries return after the storm
The harbour reopened this morning after three days of gales. Ferries queued to leave.
10:21 p.m.: Last ferry of the day docks safely
Passengers cheered as it tied up at the northern quay.
9:48 p.m.: Coastguard lifts its warning
The warning for small boats ended at dusk.
Port museum reopens its doors
Visitors returned to the galleries by the water.
7:40 a.m.: First crossing leaves on time
Twelve cars and a bus were on board.
"""


@pytest.fixture
def blog(tmp_path):
    path = tmp_path / "harbour.txt"
    path.write_text(TRUCE_BLOG, encoding="utf-8")
    report = article_import(path=path, extractor=None)
    assert report.status == "new", report.error
    return Article.objects.get(pk=report.article_id)


def titles_in_order(html: str, article: Article) -> list[str]:
    entries = list(article.entries.all())
    found = sorted((html.index(f'id="entry-{e.pk}"'), e.title or "(opening)") for e in entries)
    return [title for _, title in found]


def test_each_entry_meta_line_shows_its_time_and_zone(client, blog):
    html = client.get(blog.get_absolute_url()).content.decode()
    assert '<time class="entry__time" datetime="22:21">22:21</time>' in html
    assert '<time class="entry__time" datetime="07:40">07:40</time>' in html
    Entry.objects.filter(article=blog, position=1).update(time_zone="GMT")
    entry = Entry.objects.get(article=blog, position=1)
    assert ">22:21 GMT</time>" in client.get(entry.get_absolute_url()).content.decode()
    assert ">22:21 GMT</time>" in client.get("/entries/").content.decode()


def test_an_article_reads_oldest_first_newest_first_or_as_published(client, blog):
    as_published = titles_in_order(client.get(blog.get_absolute_url()).content.decode(), blog)
    oldest = titles_in_order(client.get(blog.get_absolute_url() + "?order=oldest").content.decode(), blog)
    newest = titles_in_order(client.get(blog.get_absolute_url() + "?order=newest").content.decode(), blog)
    assert as_published == [
        "(opening)",
        "10:21 p.m.: Last ferry of the day docks safely",
        "9:48 p.m.: Coastguard lifts its warning",
        "Port museum reopens its doors",
        "7:40 a.m.: First crossing leaves on time",
    ]
    # The untimed museum post stays next to the post it was written after (07:40).
    assert oldest == [
        "7:40 a.m.: First crossing leaves on time",
        "Port museum reopens its doors",
        "9:48 p.m.: Coastguard lifts its warning",
        "10:21 p.m.: Last ferry of the day docks safely",
        "(opening)",
    ]
    assert newest == oldest[::-1]


def test_the_order_switch_marks_the_current_order_and_rejects_unknown_ones(client, blog):
    html = client.get(blog.get_absolute_url() + "?order=newest").content.decode()
    assert '<a href="?order=newest" aria-current="true">Newest first</a>' in html
    assert '<a href="?">As published</a>' in html
    response = client.get(blog.get_absolute_url() + "?order=sideways")
    assert response.status_code == 400
    assert "<code>order</code>: must be one of: page, oldest, newest" in response.content.decode()


def test_an_entry_page_steps_to_the_entries_above_and_below_it(client, blog):
    middle = Entry.objects.get(article=blog, position=2)
    html = client.get(middle.get_absolute_url()).content.decode()
    above, below = (Entry.objects.get(article=blog, position=p) for p in (1, 3))
    assert f'rel="prev" href="/entries/{above.pk}/"' in html and "Last ferry of the day docks safely" in html
    assert f'rel="next" href="/entries/{below.pk}/"' in html and "Port museum reopens its doors" in html
    first = Entry.objects.get(article=blog, position=0)
    html = client.get(first.get_absolute_url()).content.decode()
    assert 'rel="prev"' not in html and 'rel="next"' in html


def test_an_untitled_entry_is_headed_by_its_opening_words_shown_once(client, blog):
    opening = Entry.objects.get(article=blog, position=0)
    assert opening.title is None
    html = client.get(opening.get_absolute_url()).content.decode()
    assert "Untitled entry" not in html
    assert "<h1>The harbour reopened this morning after three days of gales.</h1>" in html
    after_heading = html[html.index("</h1>") :]
    assert "three days of gales" not in after_heading  # not again in the body
    assert '<div class="prose"><p>Ferries queued to leave.</p></div>' in after_heading
    listing = client.get("/entries/").content.decode()
    assert listing.count("three days of gales") == 1  # in the heading, not again in the excerpt
    assert '<p class="entry__excerpt">Ferries queued to leave.</p>' in listing


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/entries/?q=&undated=&article=&country=UA", "/entries/?country=UA"),
        ("/entries/?q=&date_from=&date_to=&undated=&sort=", "/entries/"),
        ("/entries/?country=UA&person=&page=2", "/entries/?country=UA&page=2"),
        ("/articles/?q=&country=PL&undated=", "/articles/?country=PL"),
    ],
)
def test_a_submitted_form_lands_on_a_url_without_empty_parameters(client, url, target):
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, target)


def test_a_url_without_empty_parameters_is_served_as_it_is(client, blog):
    assert client.get("/entries/?country=UA&sort=oldest").status_code == 200

"""Article text is untrusted: markup, script URLs and template syntax in it show up as text
on every page, in the admin and in the Atom feed, and CSV cells cannot start a formula."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

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

HEADLINE = 'Talks stall <script>alert("headline")</script> "><img src=x onerror=alert(1)> {{ settings.SECRET_KEY }}'
TITLE = 'Convoy held up {% now "Y" %} <iframe src="javascript:alert(2)"></iframe>'
BODY = (
    'Officials said <script>alert("body")</script> and pointed to <a href="javascript:alert(3)">this</a>, '
    "javascript:alert(4), {{ request.user }} and {% csrf_token %} in a statement."
)
PERSON = '<b onmouseover="alert(5)">Minister Hostile</b>'
PLACE = "<svg onload=alert(6)>Harbour Town"
FORMULA_TITLES = ['=HYPERLINK("http://evil.example","click")', "+SUM(1,2)", "-2+3*cmd|' /C calc'!A0", "@SUM(1+1)*cmd"]

# What must never appear verbatim in HTML: each would run script or load something.
LIVE_MARKUP = [
    re.compile(r"<script>alert", re.I),
    re.compile(r"<img src=x onerror", re.I),
    re.compile(r"<iframe", re.I),
    re.compile(r"""href\s*=\s*["']?\s*javascript:""", re.I),
    re.compile(r"<b onmouseover", re.I),
    re.compile(r"<svg onload", re.I),
]


@pytest.fixture
def hostile_archive():
    article = ArticleFactory(headline=HEADLINE, standfirst=BODY)
    entry = EntryFactory(article=article, position=0, title=TITLE, body=BODY)
    formula_entries = [
        EntryFactory(article=article, position=n, title=title, body=title) for n, title in enumerate(FORMULA_TITLES, 1)
    ]
    person = ActorFactory(name=PERSON, slug="minister-hostile", kind=Actor.Kind.PERSON)
    place = LocationFactory(name=PLACE, slug="harbour-town", kind=Location.Kind.CITY, country_code="UA")
    for target in [entry, *formula_entries]:
        EntryActorFactory(entry=target, actor=person)
        EntryLocationFactory(entry=target, location=place)
    entry_denorm_refresh(entry_ids=[entry.pk, *(e.pk for e in formula_entries)])
    mention_counts_refresh()
    return {"article": article, "entry": entry, "person": person, "place": place}


def assert_inert(html: str, url: str) -> None:
    for pattern in LIVE_MARKUP:
        assert not pattern.search(html), f"{url}: live markup {pattern.pattern!r}"
    assert settings.SECRET_KEY not in html, f"{url}: template syntax in data was evaluated"


def public_pages(archive) -> list[str]:
    return [
        "/",
        "/entries/",
        "/entries/?q=statement",
        "/entries/?person=minister-hostile",
        "/entries/?country=UA",
        f"/entries/{archive['entry'].pk}/",
        "/articles/",
        f"/articles/{archive['article'].pk}/",
        "/people/minister-hostile/",
        "/countries/",
        "/countries/ua/",
    ]


def test_public_pages_show_hostile_text_as_text(client, hostile_archive):
    for url in public_pages(hostile_archive):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)


def test_the_article_page_shows_the_markup_escaped_not_dropped(client, hostile_archive):
    html = client.get(f"/articles/{hostile_archive['article'].pk}/").content.decode()
    # Quotes may be escaped as &quot; (Django) or &#34; (Jinja2's markupsafe): the same text.
    html = html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    assert "&lt;script&gt;alert(&quot;headline&quot;)&lt;/script&gt;" in html
    assert "{{ settings.SECRET_KEY }}" in html
    assert "{% now &quot;Y&quot; %}" in html or '{% now "Y" %}' in html


def test_the_admin_shows_hostile_text_as_text(staff_client, hostile_archive):
    urls = [
        "/admin/articles/article/",
        f"/admin/articles/article/{hostile_archive['article'].pk}/change/",
        "/admin/articles/entry/",
        f"/admin/articles/entry/{hostile_archive['entry'].pk}/change/",
        "/admin/articles/actor/",
        f"/admin/articles/actor/{hostile_archive['person'].pk}/change/",
        "/admin/articles/location/",
    ]
    for url in urls:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)


def test_the_atom_feed_is_well_formed_and_carries_no_live_markup(client, hostile_archive):
    response = client.get("/entries.atom")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # raises on malformed XML
    html_texts, all_texts = [], []
    for element in root.iter():
        text = "".join(element.itertext())
        all_texts.append(text)
        if element.get("type") in {"html", "xhtml"}:
            html_texts.append(text)
    # An html-typed element is rendered as HTML by feed readers: it must hold escaped text.
    for text in html_texts:
        for pattern in LIVE_MARKUP:
            assert not pattern.search(text), f"html-typed feed element carries {pattern.pattern!r}"
    assert any(text.startswith("Convoy held up {% now") for text in all_texts), "hostile title missing"
    # Summaries are plain text (type="text"): readers show the hostile body as the text it is.
    summaries = root.findall("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary")
    assert summaries and all(summary.get("type") == "text" for summary in summaries)
    assert any("<script>alert(" in (summary.text or "") for summary in summaries), "hostile body not shown as text"


def test_csv_export_neutralises_formula_cells(client, hostile_archive):
    response = client.get("/entries.csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells, "the CSV export is empty"
    dangerous = [cell for cell in cells if cell[:1] in {"=", "+", "-", "@"}]
    assert not dangerous, f"formula cells: {dangerous[:5]}"
    # Neutralised, not dropped: the text is still there after a leading quote.
    for title in FORMULA_TITLES:
        assert "'" + title in cells, title


def test_json_export_carries_hostile_text_as_plain_data(client, hostile_archive):
    response = client.get("/entries.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    document = json.loads(content)
    assert BODY in set(string_values(document))


def string_values(value):
    """Every string anywhere in a decoded JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from string_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from string_values(item)

"""Search that knows spellings, and a sort control that shows the order used."""

import datetime
import re

import pytest

from articles.models import ActorAlias, LocationAlias
from articles.selectors.spellings import named_entities, other_spellings
from articles.services.denorm import mention_counts_refresh
from tests.factories import ActorFactory, ArticleFactory, LocationFactory, entry_with_mentions

pytestmark = pytest.mark.django_db

# Our own sentences: each spells the president (or the city) differently.
BODIES = [
    "President Zelensky thanked the allies for the new air defence systems.",
    "Zelenskyy met the visiting ministers at the presidential office.",
    "In his nightly address Zelenskiy spoke about the situation at the front.",
    "Volodymyr Zelensky said the talks would continue next week.",
    "Shops reopened in Kiev after the overnight alert ended.",
    "Trams ran again in Kyiv on the repaired line.",
]


@pytest.fixture
def archive():
    zelensky = ActorFactory(name="Volodymyr Zelensky", slug="volodymyr-zelensky")
    for alias in ("Zelenskyy", "Zelenskiy", "Zelensky"):
        ActorAlias.objects.create(actor=zelensky, name=alias)
    kyiv = LocationFactory(name="Kyiv", slug="kyiv-ua", country_code="UA")
    LocationAlias.objects.create(location=kyiv, name="Kiev")
    article = ArticleFactory(published_on=datetime.date(2024, 11, 8))
    for i, body in enumerate(BODIES):
        is_city = "Kiev" in body or "Kyiv" in body
        entry_with_mentions(
            article=article,
            position=i,
            title=f"Update {i + 1}",
            body=body,
            published_on=datetime.date(2024, 11, 1 + i),
            actors=[] if is_city else [zelensky],
            locations=[kyiv] if is_city else [],
        )
    mention_counts_refresh()
    return {"zelensky": zelensky, "kyiv": kyiv}


def _count(html: str) -> int:
    return int(re.search(r'page-head__count" aria-live="polite"><strong>([\d,]+)</strong>', html)[1])


@pytest.mark.parametrize("q", ["Zelenskiy", "zelensky", "Zelenskyy", '"Volodymyr Zelensky"', "ZELENSKIY"])
def test_any_spelling_finds_every_spelling(client, archive, q):
    html = client.get("/entries/", {"q": q}).content.decode()
    assert _count(html) == 4


def test_a_place_alias_finds_the_other_spelling(client, archive):
    assert _count(client.get("/entries/?q=Kiev").content.decode()) == 2
    assert _count(client.get("/entries/?q=Kyiv").content.decode()) == 2


def test_other_words_keep_the_search_as_written(client, archive):
    # Not a name: only the entry using that spelling and word.
    assert _count(client.get("/entries/?q=Zelenskiy nightly").content.decode()) == 1


def test_the_page_suggests_the_entity_the_search_names(client, archive):
    html = client.get("/entries/?q=Zelenskiy&country=UA").content.decode()
    person = '<a href="/people/volodymyr-zelensky/">Volodymyr Zelensky</a> — 4 entries.'
    assert f'<span class="suggestion__kind">Person:</span> {person}' in html
    # The link swaps the text search for the person's filter and keeps the other filters.
    assert '<a class="suggestion__filter" href="/entries/?country=UA&amp;person=volodymyr-zelensky">' in html
    place = client.get("/entries/?q=kiev").content.decode()
    assert '<span class="suggestion__kind">Place:</span> <a href="/places/kyiv-ua/">Kyiv</a> — 2 entries.' in place
    # Already a filter: no suggestion.
    assert "suggestion__kind" not in client.get("/entries/?q=Zelenskiy&person=volodymyr-zelensky").content.decode()


def test_exports_match_every_spelling_too(client, archive):
    response = client.get("/entries.csv?q=Zelenskiy")
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert len(lines) == 1 + 4


def test_named_entities_ignore_case_accents_and_quotes(archive):
    LocationAlias.objects.create(location=archive["kyiv"], name="Kýiv")
    assert [e.name for e in named_entities(q="kyiv")] == ["Kyiv"]
    assert [e.name for e in named_entities(q='"KIEV"')] == ["Kyiv"]
    assert named_entities(q="Zelensky tanks") == []
    assert named_entities(q="") == [] and named_entities(q="x" * 500) == []
    spellings = other_spellings(q="Zelenskiy", entities=named_entities(q="Zelenskiy"))
    assert set(spellings) == {"Volodymyr Zelensky", "Zelensky", "Zelenskyy"}


def _selected_sort(html: str) -> str:
    select = html[html.index('name="sort"') :]
    return re.search(r'<option value="(\w+)" selected>', select[: select.index("</select>")])[1]


def _order(html: str) -> list[str]:
    return re.findall(r'<a href="/entries/(\d+)/"', html)


def test_the_sort_control_shows_the_sort_used(client, archive):
    assert _selected_sort(client.get("/entries/?q=Zelensky").content.decode()) == "relevance"
    assert _selected_sort(client.get("/entries/").content.decode()) == "newest"
    assert _selected_sort(client.get("/entries/?sort=relevance").content.decode()) == "newest"
    assert _selected_sort(client.get("/entries/?q=Zelensky&sort=oldest").content.decode()) == "oldest"


def test_applying_the_form_unchanged_keeps_the_order(client, archive):
    searched = client.get("/entries/?q=Zelensky").content.decode()
    # What the form submits unchanged: the shown sort.
    resubmitted = client.get("/entries/?q=Zelensky&sort=" + _selected_sort(searched)).content.decode()
    assert _order(resubmitted) == _order(searched)


def test_the_suggestion_lists_the_other_spellings_searched(client, archive):
    html = client.get("/entries/?q=zelenskiy").content.decode()
    note = re.search(r"This search also matches ([^.]+)\.", html)[1]
    assert set(note.split(", ")) == {"Volodymyr Zelensky", "Zelensky", "Zelenskyy"}

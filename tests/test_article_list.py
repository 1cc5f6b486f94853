"""The article list shows each article's standfirst, publisher and countries."""

import pytest

from tests.factories import ArticleFactory, CountryFactory, entry_with_mentions

pytestmark = pytest.mark.django_db


def test_article_rows_show_standfirst_publisher_and_countries(client):
    ukraine = CountryFactory(country_code="UA", name="Ukraine", slug="ukraine")
    poland = CountryFactory(country_code="PL", name="Poland", slug="poland")
    article = ArticleFactory(standfirst="Trains run again between the two capitals", publisher="The Northern Ledger")
    entry_with_mentions(article=article, position=0, title="Line reopens", body="Kyiv.", locations=[ukraine])
    entry_with_mentions(article=article, position=1, title="Border queue", body="Both.", locations=[ukraine, poland])
    quiet = ArticleFactory(standfirst="", publisher="")
    entry_with_mentions(article=quiet, position=0, title="No places here", body="Nothing named.")
    html = client.get("/articles/").content.decode()
    row = html[html.index(article.headline) :]
    row = row[: row.index("</li>")]
    assert '<span class="article-row__publisher">The Northern Ledger</span>' in row
    assert '<p class="article-row__standfirst">Trains run again between the two capitals</p>' in row
    # Most mentioned first, each a link to its country page.
    assert '<a href="/countries/UA/">Ukraine</a>, <a href="/countries/PL/">Poland</a>' in row
    other = html[html.index(quiet.headline) :]
    assert "article-row__countries" not in other[: other.index("</li>")]

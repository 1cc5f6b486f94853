"""Dates outside a plausible range are counted but do not stretch the chart (selectors/facets.py)."""

import datetime

import pytest

from articles.selectors.entries import EntryFilters
from articles.selectors.facets import date_histogram
from tests.factories import ArticleFactory, EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outliers():
    article = ArticleFactory()
    days = [datetime.date(2024, 3, d) for d in (1, 2, 9)] + [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)]
    return [EntryFactory(article=article, position=n, published_on=day) for n, day in enumerate(days)]


def test_the_chart_spans_the_plausible_dates_and_counts_the_rest(outliers):
    histogram = date_histogram(filters=EntryFilters())
    assert histogram.unit == "day"
    assert (histogram.buckets[0].start, histogram.buckets[-1].end) == (
        datetime.date(2024, 3, 1),
        datetime.date(2024, 3, 9),
    )
    assert histogram.off_chart == 2
    assert histogram.dated == histogram.total == 5


def test_pages_stay_small_and_list_every_entry(client, outliers):
    for url in ("/", "/entries/"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.content.count(b"<rect") < 20  # before: one bar per year, 9 999 of them
    html = client.get("/entries/").content.decode()
    assert "2 entries are dated before 1900 or more than a year ahead" in html
    assert "<strong>5</strong> entries" in html


def test_a_range_of_implausible_dates_still_finds_its_entries(client, outliers):
    html = client.get("/entries/?date_from=0001-01-01&date_to=0001-12-31").content.decode()
    assert "<strong>1</strong> entry" in html
    assert f"/entries/{outliers[3].pk}/" in html

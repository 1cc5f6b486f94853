"""Links keep the rest of the query string; pages past the end are explained."""

import pytest
from django.http import QueryDict

from articles.pagination import page_window
from articles.querystring import querystring_page, querystring_set, querystring_setter, querystring_toggle


def test_toggle_adds_or_removes_one_value_and_drops_the_page():
    params = QueryDict("country=UA&person=a&page=4&q=")
    assert querystring_toggle(params, "country", "PL") == "?country=UA&country=PL&person=a"
    assert querystring_toggle(params, "country", "UA") == "?person=a"
    assert querystring_toggle(QueryDict(""), "person", "b") == "?person=b"


def test_set_replaces_or_removes_a_single_value():
    params = QueryDict("q=grain&date_from=2024-01-01&page=2")
    assert querystring_set(params, date_from="2024-02-01") == "?q=grain&date_from=2024-02-01"
    assert querystring_set(params, q=None) == "?date_from=2024-01-01"
    assert querystring_set(QueryDict("page=3")) == "?"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "page=3",
        "country=UA&country=PL&date_from=2024-01-01&undated=exclude&page=2",
        "q=a+b&person=&date_to=2025-01-01",
    ],
)
def test_setter_gives_the_same_parameters_as_set(query):
    params = QueryDict(query)
    build = querystring_setter(params, "date_from", "date_to", "undated")
    for values in ({"date_from": "2024-03-01", "date_to": "2024-03-31"}, {"date_from": "2024-05-06"}, {}):
        fast = QueryDict(build(**values)[1:])
        slow = QueryDict(querystring_set(params, **{"date_from": None, "date_to": None, "undated": None, **values})[1:])
        assert {k: fast.getlist(k) for k in fast} == {k: slow.getlist(k) for k in slow}


def test_page_links_keep_filters_and_page_one_has_no_parameter():
    params = QueryDict("country=UA&page=2")
    assert querystring_page(params, 3) == "?country=UA&page=3"
    assert querystring_page(params, 1) == "?country=UA"


def test_page_window_links_around_the_current_page():
    window = page_window(total=500, page_param="10", per_page=25)
    assert window.num_pages == 20 and window.offset == 225
    assert window.links == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert window.has_previous and window.has_next
    assert (window.first_index, window.last_index) == (226, 250)


def test_page_window_errors():
    assert page_window(total=0, page_param=None, per_page=25).error == ""
    assert page_window(total=30, page_param="3", per_page=25).error == (
        "Page 3 does not exist: these results have 2 pages."
    )
    assert page_window(total=3, page_param="2", per_page=25).error.endswith("have 1 page.")
    assert page_window(total=3, page_param="9" * 30, per_page=25).error.startswith("“99999")

"""detail_path() returns exactly what reverse() would, also under a script prefix."""

import pytest
from django.urls import reverse, set_script_prefix

from articles.paths import detail_path

CASES = [
    ("articles:entry-detail", 12345),
    ("articles:article-detail", 7),
    ("articles:actor-detail", "volodymyr-zelensky"),
    ("articles:organisation-detail", "un-0"),
    ("articles:country-detail", "UA"),
    ("articles:country-detail", "a b&c"),
]


@pytest.mark.parametrize(("route", "arg"), CASES)
def test_detail_path_is_reverse(route, arg):
    assert detail_path(route, arg) == reverse(route, args=[arg])


def test_detail_path_follows_the_script_prefix():
    try:
        set_script_prefix("/archive/")
        expected = reverse("articles:entry-detail", args=[5])
        assert detail_path("articles:entry-detail", 5) == expected == "/archive/entries/5/"
    finally:
        set_script_prefix("/")
    assert detail_path("articles:entry-detail", 5) == "/entries/5/"

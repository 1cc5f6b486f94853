"""The fast display filters give what Django's date and truncatechars filters give."""

import datetime

import pytest
from django.template.defaultfilters import date, truncatechars

from articles.templatetags.display import clip, day, day_long, month

DAYS = [datetime.date(2024, m, d) for m in range(1, 13) for d in (1, 9, 10, 28)] + [datetime.date(1999, 12, 31)]


@pytest.mark.parametrize("value", DAYS)
def test_dates_match_django(value):
    assert day(value) == date(value, "j M Y")
    assert day_long(value) == date(value, "j F Y")
    assert month(value) == date(value, "F Y")


def test_no_date_is_empty():
    assert day(None) == day_long(None) == month(None) == ""


@pytest.mark.parametrize("text", ["", "short", "x" * 90, "y" * 91, "Ukraine war: Kyiv hit by drones " * 5, "é" * 100])
@pytest.mark.parametrize("length", [1, 10, 90])
def test_clip_matches_truncatechars(text, length):
    assert clip(text, length) == truncatechars(text, length)

"""The fast display filters give what Django's date, truncatechars, intcomma and pluralize give."""

import datetime

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma as django_intcomma
from django.template.defaultfilters import date, truncatechars
from django.template.defaultfilters import pluralize as django_pluralize

from articles.display import clip, day, day_long, intcomma, month, pluralize, weekday_long

DAYS = [datetime.date(2024, m, d) for m in range(1, 13) for d in (1, 9, 10, 28)] + [datetime.date(1999, 12, 31)]


@pytest.mark.parametrize("value", DAYS)
def test_dates_match_django(value):
    assert day(value) == date(value, "j M Y")
    assert day_long(value) == date(value, "j F Y")
    assert month(value) == date(value, "F Y")
    assert weekday_long(value) == date(value, "l j F Y")


def test_no_date_is_empty():
    assert day(None) == day_long(None) == month(None) == weekday_long(None) == ""


@pytest.mark.parametrize("text", ["", "short", "x" * 90, "y" * 91, "Ukraine war: Kyiv hit by drones " * 5, "é" * 100])
@pytest.mark.parametrize("length", [1, 10, 90])
def test_clip_matches_truncatechars(text, length):
    assert clip(text, length) == truncatechars(text, length)


@pytest.mark.parametrize("value", [0, 7, 999, 1000, 12345, 1015095, -4200])
def test_intcomma_matches_django(value):
    assert intcomma(value) == django_intcomma(value)


@pytest.mark.parametrize("value", [0, 1, 2, 21, [], ["x"], ["x", "y"]])
@pytest.mark.parametrize("forms", ["entry,entries", "is,are", "s"])
def test_pluralize_matches_django(value, forms):
    assert pluralize(value, forms) == django_pluralize(value, forms)

"""Links and labels computed in Python for the templates: chips, chart bars, entry URLs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.text import Truncator

from articles.querysets import UNDATED_EXCLUDE, UNDATED_ONLY
from articles.querystring import querystring_set, querystring_setter, querystring_toggle
from articles.selectors.countries import country_name
from articles.selectors.facets import Histogram


def entries_url(*pairs: tuple[str, object], **params) -> str:
    """/entries/ with the given filters, e.g. entries_url(("person", "a"), ("person", "b"))."""
    items = list(pairs) + [(k, v) for k, v in params.items() if v not in (None, "")]
    query = urlencode([(k, str(v)) for k, v in items])
    return reverse("articles:entry-list") + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Chip:
    label: str
    remove_url: str
    kind: str


def active_filter_chips(*, params: QueryDict, form) -> list[Chip]:
    """One removable chip per active filter (the form is valid)."""
    data = form.cleaned_data
    chips = []
    if data.get("q"):
        chips.append(Chip(f"“{Truncator(data['q']).chars(60)}”", querystring_set(params, q=None, sort=None), "Search"))
    if data.get("date_from"):
        chips.append(Chip(f"{data['date_from']:%-d %b %Y}", querystring_set(params, date_from=None), "From"))
    if data.get("date_to"):
        chips.append(Chip(f"{data['date_to']:%-d %b %Y}", querystring_set(params, date_to=None), "To"))
    for code in data.get("country") or ():
        chips.append(Chip(country_name(code) or code, querystring_toggle(params, "country", code), "Country"))
    for name, kind in (("person", "Person"), ("org", "Organisation")):
        for slug in data.get(name) or ():
            chips.append(Chip(form.actors[slug].name, querystring_toggle(params, name, slug), kind))
    for slug in data.get("place") or ():
        chips.append(Chip(form.places[slug].name, querystring_toggle(params, "place", slug), "Place"))
    if data.get("article") is not None:
        headline = Truncator(form.article_headline or "").chars(60)
        chips.append(Chip(headline, querystring_set(params, article=None), "Article"))
    if data.get("undated") == UNDATED_ONLY:
        chips.append(Chip("Undated only", querystring_set(params, undated=None), "Dates"))
    elif data.get("undated") == UNDATED_EXCLUDE:
        chips.append(Chip("Dated only", querystring_set(params, undated=None), "Dates"))
    if data.get("include_duplicates"):
        chips.append(Chip("Repeated entries shown", querystring_set(params, include_duplicates=None), "Duplicates"))
    return chips


@dataclass(frozen=True)
class Bar:
    # SVG coordinates as text: the template would localise numbers one by one (slow, and a
    # locale's decimal comma would break the drawing).
    x: str
    y: str
    width: str
    height: str
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    unit: str
    first_label: str
    last_label: str
    max_count: int


def _svg_number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _period_label(start: datetime.date, unit: str) -> str:
    if unit == "year":
        return f"{start:%Y}"
    if unit == "month":
        return f"{start:%B %Y}"
    if unit == "week":
        return f"week of {start:%-d %b %Y}"
    return f"{start:%-d %b %Y}"


def histogram_chart(*, histogram: Histogram, params: QueryDict, base_url: str = "") -> Chart | None:
    """SVG geometry for the histogram; each bar links to its period with the other filters kept."""
    if not histogram.buckets:
        return None
    width, height = 720, 120
    slot = width / len(histogram.buckets)
    gap = min(2.0, slot * 0.2)
    peak = histogram.max_count or 1
    bars = []
    bar_query = querystring_setter(params, "date_from", "date_to", "undated")
    for i, bucket in enumerate(histogram.buckets):
        bar_height = 0.0 if not bucket.count else max(2.0, (height - 4) * bucket.count / peak)
        query = bar_query(date_from=bucket.start.isoformat(), date_to=bucket.end.isoformat())
        label = _period_label(bucket.start, histogram.unit)
        noun = "entry" if bucket.count == 1 else "entries"
        bars.append(
            Bar(
                x=_svg_number(i * slot),
                y=_svg_number(height - bar_height),
                width=_svg_number(max(slot - gap, 1.0)),
                height=_svg_number(bar_height),
                label=f"{label}: {bucket.count:,} {noun}",
                count=bucket.count,
                url=base_url + query,
            )
        )
    first, last = histogram.buckets[0], histogram.buckets[-1]
    return Chart(
        bars=bars,
        width=width,
        height=height,
        unit=histogram.unit,
        first_label=_period_label(first.start, histogram.unit),
        last_label=_period_label(last.start, histogram.unit),
        max_count=histogram.max_count,
    )

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
class CountryLink:
    code: str
    name: str
    url: str


ROW_COUNTRIES = 4


def country_links(codes: list[str], limit: int = ROW_COUNTRIES) -> tuple[list[CountryLink], int]:
    """The first `limit` countries as links to their pages, and how many more there are."""
    links = [
        CountryLink(code, country_name(code) or code, reverse("articles:country-detail", args=[code]))
        for code in codes[:limit]
    ]
    return links, max(0, len(codes) - limit)


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


def _joined(names: list[str], word: str) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {word} " + names[-1]


def view_description(*, form) -> str:
    """What a filtered view follows, in words: "Entries mentioning Volodymyr Zelensky in Ukraine"."""
    data = form.cleaned_data
    words = ["Entries"]
    if data.get("q"):
        words.append(f"matching “{Truncator(data['q']).chars(60)}”")
    actors = [form.actors[slug].name for name in ("person", "org") for slug in data.get(name) or ()]
    if actors:
        words.append("mentioning " + _joined(actors, "and"))
    countries = [country_name(code) or code for code in data.get("country") or ()]
    if countries:
        words.append("in " + _joined(countries, "or"))
    if data.get("article") is not None:
        words.append(f"of “{Truncator(form.article_headline or '').chars(60)}”")
    if data.get("date_from"):
        words.append(f"from {data['date_from']:%-d %b %Y}")
    if data.get("date_to"):
        words.append(f"to {data['date_to']:%-d %b %Y}")
    if data.get("undated") == UNDATED_ONLY:
        words.append("without a date")
    return " ".join(words)


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
    slot_x: str = "0"  # the bar's whole column: the tap target, wider and taller than the bar
    slot_width: str = "0"


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    unit: str
    first_label: str
    last_label: str
    max_count: int
    off_chart: int = 0
    axis_label: str = ""  # what the y-axis counts: "Entries per day", "Entries per 2 weeks"


# At most MAX_BARS bars (neighbouring periods merge): on a 390 px phone each bar stays at least
# 4 px wide. At least MIN_SLOTS slots: one day is one bar, not a block as wide as the chart.
MAX_BARS = 60
MIN_SLOTS = 12
CHART_WIDTH, CHART_HEIGHT = 720, 120


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


def _span_label(group: list, unit: str) -> str:
    first, last = group[0], group[-1]
    if len(group) == 1:
        return _period_label(first.start, unit)
    end = last.end if unit == "day" else last.start
    return f"{_period_label(first.start, unit)} – {_period_label(end, unit).removeprefix('week of ')}"


def _grouped(buckets: list) -> tuple[list[list], int]:
    """Neighbouring buckets merged so that there are at most MAX_BARS groups; and the group size."""
    size = -(-len(buckets) // MAX_BARS)
    return [buckets[i : i + size] for i in range(0, len(buckets), size)], size


def histogram_chart(*, histogram: Histogram, params: QueryDict, base_url: str = "") -> Chart | None:
    """SVG geometry for the histogram; each bar links to its period with the other filters kept."""
    if not histogram.buckets:
        return None
    groups, size = _grouped(histogram.buckets)
    counts = [sum(bucket.count for bucket in group) for group in groups]
    width, height = CHART_WIDTH, CHART_HEIGHT
    slot = width / max(len(groups), MIN_SLOTS)
    left = (width - slot * len(groups)) / 2  # few bars sit in the middle
    gap = min(1.5, slot * 0.15) if len(groups) > MIN_SLOTS else slot * 0.3
    peak = max(counts) or 1
    bars = []
    bar_query = querystring_setter(params, "date_from", "date_to", "undated")
    for i, (group, count) in enumerate(zip(groups, counts, strict=True)):
        bar_height = 0.0 if not count else max(2.0, (height - 4) * count / peak)
        query = bar_query(date_from=group[0].start.isoformat(), date_to=group[-1].end.isoformat())
        noun = "entry" if count == 1 else "entries"
        x = left + i * slot
        bars.append(
            Bar(
                x=_svg_number(x + gap / 2),
                y=_svg_number(height - bar_height),
                width=_svg_number(max(slot - gap, 1.0)),
                height=_svg_number(bar_height),
                label=f"{_span_label(group, histogram.unit)}: {count:,} {noun}",
                count=count,
                url=base_url + query,
                slot_x=_svg_number(x),
                slot_width=_svg_number(slot),
            )
        )
    unit = histogram.unit if size == 1 else f"{size} {histogram.unit}s"
    return Chart(
        bars=bars,
        width=width,
        height=height,
        unit=unit,
        first_label=_period_label(groups[0][0].start, histogram.unit),
        last_label=_period_label(groups[-1][0].start, histogram.unit),
        max_count=max(counts),
        axis_label=f"Entries per {unit}",
        off_chart=histogram.off_chart,
    )

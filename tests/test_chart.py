"""The date histogram as drawn (articles/links.py::histogram_chart): bars a thumb can hit."""

import datetime

from django.http import QueryDict

from articles.links import CHART_WIDTH, MAX_BARS, MIN_SLOTS, histogram_chart
from articles.selectors.facets import Bucket, Histogram

START = datetime.date(2024, 6, 1)


def daily(counts: list[int]) -> Histogram:
    buckets = [
        Bucket(START + datetime.timedelta(days=i), START + datetime.timedelta(days=i), n) for i, n in enumerate(counts)
    ]
    return Histogram(unit="day", buckets=buckets, total=sum(counts))


def test_a_hundred_days_merge_into_at_most_sixty_bars_that_keep_every_entry():
    counts = [(i * 7) % 11 for i in range(100)]
    chart = histogram_chart(histogram=daily(counts), params=QueryDict())
    assert len(chart.bars) == 50 <= MAX_BARS
    assert sum(bar.count for bar in chart.bars) == sum(counts)
    assert chart.unit == "2 days" and chart.axis_label == "Entries per 2 days"
    first = chart.bars[0]
    assert first.label == f"1 Jun 2024 – 2 Jun 2024: {counts[0] + counts[1]:,} entries"
    assert first.url == "?date_from=2024-06-01&date_to=2024-06-02"
    # 720 units over about 330 px on a phone: each bar at least 4 px wide.
    assert min(float(bar.width) for bar in chart.bars) * 330 / CHART_WIDTH >= 4


def test_one_day_is_one_bar_in_the_middle_not_a_full_width_block():
    chart = histogram_chart(histogram=daily([5]), params=QueryDict())
    (bar,) = chart.bars
    assert float(bar.slot_width) == CHART_WIDTH / MIN_SLOTS
    assert float(bar.width) < CHART_WIDTH / MIN_SLOTS
    middle = float(bar.x) + float(bar.width) / 2
    assert abs(middle - CHART_WIDTH / 2) < 1
    assert chart.axis_label == "Entries per day" and chart.max_count == 5


def test_each_bar_has_a_full_height_tap_target_as_wide_as_its_slot():
    chart = histogram_chart(histogram=daily([1, 0, 3]), params=QueryDict("country=UA"))
    for bar in chart.bars:
        assert float(bar.slot_width) > float(bar.width)
        assert float(bar.slot_x) <= float(bar.x)
    assert "country=UA" in chart.bars[2].url

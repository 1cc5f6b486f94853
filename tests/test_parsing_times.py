"""Times of day of live-blog posts: read from their stamps, kept with the zone the page names."""

import datetime as dt

import pytest

from articles.parse.dates import ClockTime, clock_time
from articles.parsing import parse_article


def parse(text: str):
    return parse_article(text.encode(), filename="times.txt")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("10:21 p.m.: Rescuers reach the harbour", ClockTime(dt.time(22, 21))),
        ("12:30 a.m.: Sirens in the north", ClockTime(dt.time(0, 30))),
        ("12:05 pm", ClockTime(dt.time(12, 5))),
        ("14.05 GMT", ClockTime(dt.time(14, 5), "GMT")),
        ("Today, 3:12 pm", ClockTime(dt.time(15, 12))),
        ("Thu 5 Dec 2024 18.40 GMT", ClockTime(dt.time(18, 40), "GMT")),
        ("Updated 5 December 2024, 09:15 GMT+2", ClockTime(dt.time(9, 15), "GMT+2")),
        ("April 13, 2025 11:32 AM 2 min read", ClockTime(dt.time(11, 32))),
    ],
)
def test_a_stamp_gives_its_time_of_day_and_zone(line, expected):
    assert clock_time(line) == expected


@pytest.mark.parametrize(
    "line", ["2h ago", "1 month ago", "25:10 GMT", "13:30 p.m.", "Thursday 5 December", "5.12.2024"]
)
def test_a_line_without_a_real_clock_time_gives_none(line):
    assert clock_time(line) is None


def test_stamped_posts_and_stamp_lines_keep_their_times():
    article = parse(
        "Border live: crossings reopen\n"
        "The crossing opened at dawn.\n"
        "10:21 p.m.: Officials said 300 trucks had passed by nightfall.\n"
        "More were waiting on the far side.\n"
        "14.05 GMT\n"
        "Aid agencies warned that fuel was running low.\n"
        "1 month ago\n"
        "Rain slows the convoys\n"
        "Roads turned to mud overnight.\n"
    )
    assert [(e.time_of_day, e.time_zone) for e in article.entries] == [
        (None, ""),
        (dt.time(22, 21), ""),
        (dt.time(14, 5), "GMT"),
        (None, ""),  # "1 month ago" names no time of day
    ]


def test_a_stamp_times_only_the_post_below_it_not_the_posts_after():
    article = parse(
        "Harbour live\n"
        "Thu 5 Dec 2024 18.40 GMT\n"
        "Union says the walkout will last a week\n"
        "Dockers stopped work at noon.\n"
        "Ministers call the strike unlawful\n"
        "The transport minister spoke in parliament.\n"
    )
    assert [(e.title, e.published_on, e.time_of_day) for e in article.entries] == [
        ("Union says the walkout will last a week", None, dt.time(18, 40)),
        ("Ministers call the strike unlawful", None, None),
    ]
    assert article.published_on == dt.date(2024, 12, 5)


def test_a_time_stamped_line_after_the_headline_is_a_post_not_the_standfirst():
    article = parse(
        "Truce live: hostages freed\n"
        "10:21 p.m.: Freed hostages reach hospitals in the centre\n"
        "They were flown by helicopter.\n"
        "9:48 p.m.: Prisoners leave the jail at dusk\n"
        "Buses took them to the West Bank.\n"
    )
    assert article.standfirst == ""
    assert [(e.title, e.time_of_day) for e in article.entries] == [
        ("10:21 p.m.: Freed hostages reach hospitals in the centre", dt.time(22, 21)),
        ("9:48 p.m.: Prisoners leave the jail at dusk", dt.time(21, 48)),
    ]

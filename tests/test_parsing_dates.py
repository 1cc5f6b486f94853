"""Dates and bylines found in the text itself: publishers other than the seeds' print them."""

import datetime as dt
import json
from pathlib import Path

import pytest

from articles.parsing import is_title_like, parse_article

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"

WIRE_STORY = """\
Ferry service to the island resumes after a month of storms
By Ada Lindqvist and Tomas Berg, in Tromsø
Published 5 December 2024

TROMSØ, Norway — The first ferry in four weeks left the harbour on Thursday morning, the operator said.
Passengers queued from before dawn for one of the 200 places on board.
"""

DATED_BLOG = """\
Harbour strike live: dockers walk out as talks collapse
Updated Fri 6 Dec 2024 09.15 GMT

Thu 5 Dec 2024 18.40 GMT
Union says the walkout will last a week
Dockers at the three main terminals stopped work at noon, their union said.

Friday 6 December
Ministers call for arbitration
The transport minister said both sides should accept an independent arbiter.

Thu 5 Dec 2024 11.20 GMT
Talks break up without agreement
Negotiators left the building after six hours without a deal.
"""


def parse(text: str, **options):
    return parse_article(text.encode("utf-8"), filename="story.txt", **options)


def test_a_publication_line_dates_an_undated_file_and_a_byline_is_not_its_standfirst():
    article = parse(WIRE_STORY)
    assert (article.published_on, article.date_precision) == (dt.date(2024, 12, 5), "day")
    assert article.standfirst == ""
    assert article.byline == "Ada Lindqvist and Tomas Berg, in Tromsø"
    # One story: neither the byline nor the date line opens an entry of its own.
    assert [(e.title, e.published_on) for e in article.entries] == [(None, None)]
    assert article.entries[0].body.startswith("TROMSØ, Norway")


def test_dated_time_stamps_date_their_entries_and_the_earliest_dates_the_article():
    article = parse(DATED_BLOG)
    assert article.published_on == dt.date(2024, 12, 5)
    assert [(e.title, e.published_on) for e in article.entries] == [
        ("Union says the walkout will last a week", None),  # the article's own date
        ("Ministers call for arbitration", dt.date(2024, 12, 6)),  # year taken from the article
        ("Talks break up without agreement", None),
    ]


def test_the_date_line_wins_and_entries_below_a_dated_stamp_keep_their_own_date():
    article = parse("date 2024-12-04 " + DATED_BLOG)
    assert article.published_on == dt.date(2024, 12, 4)
    assert [e.published_on for e in article.entries] == [
        dt.date(2024, 12, 5),
        dt.date(2024, 12, 6),
        dt.date(2024, 12, 5),
    ]


def test_the_command_line_date_is_used_only_when_the_text_names_none():
    assert parse(WIRE_STORY, default_date=dt.date(2020, 1, 1)).published_on == dt.date(2024, 12, 5)
    undated = WIRE_STORY.replace("Published 5 December 2024\n", "")
    assert parse(undated, default_date=dt.date(2020, 1, 1)).published_on == dt.date(2020, 1, 1)
    assert parse(undated).published_on is None


def test_a_date_without_its_year_needs_an_article_date():
    text = "Night of shelling in the border towns\n\nThursday 5 December\nSirens sounded twice before dawn.\n"
    article = parse(text)
    assert article.published_on is None
    assert [e.published_on for e in article.entries] == [None]
    # Near the turn of the year the nearest year wins: 2 January after a 30 December article is 2025.
    text = "date 2024-12-30 Year-end round-up\n\nThursday 2 January\nThe border crossing reopened.\n"
    assert [e.published_on for e in parse(text).entries] == [dt.date(2025, 1, 2)]


@pytest.mark.parametrize(
    "line",
    [
        "Published 5 December 2024",
        "Last updated: 6 December 2024",
        "December 5, 2024",
        "Dec. 5, 2024 at 2:30 p.m. ET",
        "Friday, December 6, 2024",
        "2024-12-05",
        "First published on Thu 5 Dec 2024 09.00 GMT",
        "Last modified on Fri 6 Dec 2024 10.12 GMT",
        "Dec 8, 2024, 3:12 PM ET",
        "2024-12-08T15:12:00Z",
    ],
)
def test_date_lines_are_not_entry_titles(line):
    assert not is_title_like(line)


@pytest.mark.parametrize("line", ["7 October", "7 October: a year on", "March 2024 in pictures"])
def test_a_title_that_merely_names_a_date_stays_a_title(line):
    assert is_title_like(line)


def test_an_impossible_date_line_dates_nothing():
    article = parse("Quiet day at the front\n\n31 February 2024\nNo shelling was reported.\n")
    assert article.published_on is None


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the month, the bridge had been repaired.",
        "By Thursday, troops had reached the outskirts",
        "By Monday Israel had withdrawn two brigades",
    ],
)
def test_sentences_opening_with_by_stay_in_the_text(line):
    article = parse(f"Convoy reaches the valley\n\nRelief workers arrived on Tuesday.\n{line}\nThe road stayed open.\n")
    assert article.byline == ""
    assert any(line in (entry.title or "") + entry.body for entry in article.entries)


def test_every_byline_of_a_live_blog_is_kept_once():
    text = (
        "Flood live: rivers burst their banks\n\nBy Ada Lindqvist\nWater reached the town square overnight.\n\n"
        "Rescue boats sent north\nBy Reuters\nBy Ada Lindqvist\nThe army sent twelve boats.\n"
    )
    article = parse(text)
    assert article.byline == "Ada Lindqvist; Reuters"
    assert all("By " not in entry.body for entry in article.entries)


def test_sample_files_dated_only_in_their_text_get_their_labelled_date_and_byline():
    labels = json.loads((SAMPLE_DIR / "expected.json").read_text(encoding="utf-8"))["files"]
    dated_in_text = [label for label in labels if label.get("date_in_text")]
    assert dated_in_text
    for label in dated_in_text:
        article = parse_article((SAMPLE_DIR / label["file"]).read_bytes(), filename=label["file"])
        assert str(article.published_on) == label["date_in_text"], label["file"]
        assert article.byline == label.get("byline", ""), label["file"]
        assert len(article.entries) >= label["min_entries"]
        assert not {line for e in article.entries for line in [e.title, *e.body.split("\n\n")]} & set(
            label["title_like_non_entry_lines"]
        )


def test_post_credits_and_short_relative_stamps_of_a_live_page():
    text = (
        "Truce live: both sides accept the harbour deal\nThe latest on the talks\nWhat we covered here\n"
        "Mediators announced the agreement late on Wednesday.\n"
        "2h ago\nMinisters welcome the deal\nFrom WNN's Ada Lindqvist and Tomas Berg\n"
        "The foreign minister said the deal would hold.\n"
        "45m ago\nDockers return to work\nFrom WNN’s Eva Holm in Bergen\nThe first cranes moved at noon.\n"
    )
    article = parse(text)
    assert [e.title for e in article.entries] == [None, "Ministers welcome the deal", "Dockers return to work"]
    assert article.byline == "WNN's Ada Lindqvist and Tomas Berg; WNN’s Eva Holm in Bergen"
    assert "What we covered here" in article.boilerplate_removed
    assert all("From " not in e.body for e in article.entries)


def test_a_writers_name_line_with_a_role_line_below_is_a_byline():
    text = (
        "Harbour live: crowds gather at the quay\n\nPosted at 14:32 8 Dec\nCrowds fill the quayside\n"
        "Ada Lindqvist\nNordic correspondent, reporting from Bergen\nThousands gathered by the water.\n"
    )
    article = parse(text)
    assert article.byline == "Ada Lindqvist, Nordic correspondent, reporting from Bergen"
    assert [(e.title, e.body) for e in article.entries] == [
        ("Crowds fill the quayside", "Thousands gathered by the water.")
    ]


def test_a_lead_paragraph_opening_with_its_date_dates_an_undated_file():
    text = "Army repels attack on the city\nMarch 21, 2025 (PORT SUDAN) – The army said it repelled the attack.\n"
    assert parse(text).published_on == dt.date(2025, 3, 21)
    # Only the lead: a date inside a later paragraph is news, not the publication date.
    text = "Army repels attack on the city\nThe army said so.\nMarch 21, 2025 (PORT SUDAN) – More fighting.\n"
    assert parse(text).published_on is None


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("by Ada Lindqvist", "Ada Lindqvist"),
        ("BY ADA LINDQVIST", "ADA LINDQVIST"),
        ("WNN staff", "WNN staff"),
        ("Harbour Post Reporters", "Harbour Post Reporters"),
        ("Agencies", "Agencies"),
    ],
)
def test_byline_spellings(line, byline):
    article = parse(f"Ferry service resumes\n{line}\nThe first ferry left the harbour on Thursday.\n")
    assert article.byline == (byline or "")
    assert article.standfirst == ""


@pytest.mark.parametrize(
    "line", ["Published date: 6 June 2024 14:05 BST", "April 13, 2025 11:32 AM 2 min read", "6 Jun 2024 · 3 min read"]
)
def test_more_date_line_spellings_date_the_file(line):
    article = parse(f"Ferry service resumes\n{line}\nThe first ferry left the harbour on Thursday.\n")
    assert article.published_on is not None
    assert [e.title for e in article.entries] == [None]


def test_a_key_events_list_of_titles_is_not_a_row_of_empty_posts():
    text = (
        "Harbour live: strike ends\nDockers vote to return as the port reopens\nKey events\n"
        "3h ago\nDockers vote to return\n5h ago\nWhat the deal gives each side\nShow key events only\n"
        "Wed 27 Nov 2024 14.45 GMT\nDockers vote to return\nThe union said 80% backed the offer.\n"
        "Wed 27 Nov 2024 12.10 GMT\nWhat the deal gives each side\nPay rises by 6% over two years.\n"
        "Wed 27 Nov 2024 11.00 GMT\nLive video from the quay\n"
        "Wed 27 Nov 2024 10.00 GMT\nCranes stood idle for a third week.\n"
    )
    article = parse(text)
    assert [e.title for e in article.entries] == [
        "Dockers vote to return",
        "What the deal gives each side",
        "Live video from the quay",  # a post with no text of its own that nothing repeats stays
        None,
    ]
    assert article.cards_removed.count("Dockers vote to return") == 1


def test_today_and_yesterday_stamps_separate_posts():
    text = (
        "Border live: day 400\nLiveblog\nToday, 3:12 pm\nCrossing reopens for aid lorries\n"
        "Forty lorries crossed before noon.\nYesterday, 11:50 pm\nNight curfew lifted\nThe army ended the curfew.\n"
    )
    article = parse(text)
    assert [e.title for e in article.entries] == ["Crossing reopens for aid lorries", "Night curfew lifted"]
    assert "Liveblog" in article.boilerplate_removed


def test_a_page_saved_as_markdown_reads_like_plain_text():
    text = (
        "# Drone barrage live: record attack overnight\n**Air defences stretched across the north**\n\n"
        "## Air force reports record barrage\nThe air force said 267 drones were launched overnight.\n\n"
        "![A drone over the city](https://example.com/drone.jpg)\n"
        "## Allies asked for more systems\nThe president spoke to [reporters](https://example.com/p) in the capital.\n"
    )
    article = parse(text)
    assert article.headline == "Drone barrage live: record attack overnight"
    assert article.standfirst == "Air defences stretched across the north"
    assert [e.title for e in article.entries] == ["Air force reports record barrage", "Allies asked for more systems"]
    assert article.entries[1].body == "The president spoke to reporters in the capital."

"""The parser, line by line, on texts written for these tests (and on the seeds when present)."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from articles.parse.boilerplate import default_rules, required_literal, rules_from_text
from articles.parsing import ParseError, decode_text, entry_content_hash, is_title_like, parse_article

# ../shared/seeds next to the checkout (a worktree sits one level deeper).
SEEDS = next(
    (
        folder
        for folder in (
            Path(settings.BASE_DIR).parent / "shared" / "seeds",
            Path(settings.BASE_DIR).parents[1] / "shared" / "seeds",
        )
        if folder.is_dir()
    ),
    Path(settings.BASE_DIR).parent / "shared" / "seeds",
)

LIVE_BLOG = """\
date 2025-02-03 River crossing live: convoy reaches the northern bank as talks resume
Negotiators meet again in the capital after a week of pauses
Support our reporting today.Relief workers said the first lorries crossed the bridge at dawn.
The convoy carried flour, fuel and medical kits for the clinics in the valley.
Bridge reopens to civilian traffic
Engineers checked the structure overnight and declared it safe for light vehicles.
The agreement covers:
- water trucks and ambulances;
- buses carrying families home.
Our correspondent Mira Okafor reports:
Clinics in the valley run short of insulin
Doctors said stocks would last no more than four days.
Bridge reopens to civilian traffic
Engineers checked the structure overnight
Comments
"""


def parse(text: str, **kwargs):
    return parse_article(text.encode("utf-8"), filename="test.txt", **kwargs)


# --- Decoding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "Café talks – “hope” for ceasefire\n".encode(),
        b"\xef\xbb\xbf" + "Café talks – “hope” for ceasefire\n".encode(),
        "Café talks – “hope” for ceasefire\n".encode("cp1252"),
        "Café talks – “hope” for ceasefire\n".encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "utf16-bom"],
)
def test_decode_text_reads_every_supported_encoding_with_the_right_characters(raw):
    assert decode_text(raw).strip() == "Café talks – “hope” for ceasefire"


def test_decode_text_rejects_binary_input_naming_the_file():
    with pytest.raises(ParseError, match=r"photo\.txt: is a binary file"):
        decode_text(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, filename="photo.txt")


def test_decode_text_rejects_nul_heavy_input():
    with pytest.raises(ParseError, match="binary"):
        decode_text(b"H\x00e\x00l\x00l\x00o\x00" * 100)


def test_parse_of_an_empty_file_is_a_clear_error():
    with pytest.raises(ParseError, match=r"^empty\.txt: file is empty$"):
        parse_article(b"  \n\r\n ", filename="empty.txt")


def test_a_date_line_with_nothing_after_it_has_no_headline():
    with pytest.raises(ParseError, match="no headline"):
        parse_article(b"date 2024-01-02\n", filename="only-date.txt")


def test_a_giant_first_line_is_reported_as_no_headline():
    with pytest.raises(ParseError, match="no headline"):
        parse_article(b"word " * 30000, filename="wall.txt")


# --- Headline and date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_line", "date", "precision"),
    [
        ("date 2024-11-08 Harbour reopens", dt.date(2024, 11, 8), "day"),
        (" date 2024-11-08 Harbour reopens", dt.date(2024, 11, 8), "day"),
        ("date 2024-11 Harbour reopens", dt.date(2024, 11, 1), "month"),
        ("Harbour reopens", None, "day"),
    ],
)
def test_the_first_line_gives_headline_and_optional_date(first_line, date, precision):
    article = parse(first_line + "\nThe harbour reopened on Monday morning.\n")
    assert article.headline == "Harbour reopens"
    assert article.published_on == date
    assert article.date_precision == precision
    assert article.warnings == ()


@pytest.mark.parametrize("token", ["2024-02-30", "2024-13", "2024-1x-01", "20241108"])
def test_a_bad_or_impossible_date_is_a_warning_and_the_article_is_undated(token):
    article = parse(f"date {token} Harbour reopens\nThe harbour reopened on Monday.\n")
    assert article.headline == "Harbour reopens"
    assert article.published_on is None
    assert len(article.warnings) == 1 and token in article.warnings[0]


def test_the_default_date_applies_only_to_undated_files():
    undated = parse("Harbour reopens\nIt reopened.\n", default_date=dt.date(2023, 5, 6))
    dated = parse("date 2024-01-02 Harbour reopens\nIt reopened.\n", default_date=dt.date(2023, 5, 6))
    assert undated.published_on == dt.date(2023, 5, 6)
    assert dated.published_on == dt.date(2024, 1, 2)


def test_a_headline_starting_with_the_word_date_is_not_a_date_line():
    article = parse("Date set for new round of talks\nBoth sides agreed on a venue.\n")
    assert article.headline == "Date set for new round of talks"
    assert article.published_on is None


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_do_not_change_the_result(newline):
    article = parse(LIVE_BLOG.replace("\n", newline))
    reference = parse(LIVE_BLOG)
    assert article == reference


def test_the_same_text_in_another_encoding_has_the_same_hash():
    text = "Café talks resume\nNegotiators met in the old town.\n"
    utf8 = parse_article(text.encode(), filename="a.txt")
    cp1252 = parse_article(text.replace("\n", "\r\n").encode("cp1252"), filename="b.txt")
    assert utf8.text_hash == cp1252.text_hash
    assert cp1252.entries[0].body == "Negotiators met in the old town."


# --- Live blog shape ---------------------------------------------------------------------------------


def test_live_blog_headline_standfirst_and_entry_titles():
    article = parse(LIVE_BLOG)
    assert article.headline == "River crossing live: convoy reaches the northern bank as talks resume"
    assert article.standfirst == "Negotiators meet again in the capital after a week of pauses"
    assert [e.title for e in article.entries] == [
        None,
        "Bridge reopens to civilian traffic",
        "Clinics in the valley run short of insulin",
    ]
    assert [e.position for e in article.entries] == [0, 1, 2]


def test_the_untitled_opening_summary_is_an_entry_and_a_glued_appeal_is_cut_off():
    opening = parse(LIVE_BLOG).entries[0]
    assert opening.title is None
    assert opening.body.startswith("Relief workers said the first lorries crossed the bridge at dawn.")
    assert "Support our reporting" not in opening.body


def test_list_items_and_lead_ins_stay_in_the_body():
    bridge = parse(LIVE_BLOG).entries[1]
    assert bridge.body.split("\n\n") == [
        "Engineers checked the structure overnight and declared it safe for light vehicles.",
        "The agreement covers:",
        "- water trucks and ambulances;",
        "- buses carrying families home.",
        "Our correspondent Mira Okafor reports:",
    ]


def test_a_card_repeating_an_entry_title_is_not_an_entry_and_boilerplate_is_reported():
    article = parse(LIVE_BLOG)
    assert article.cards_removed == ("Bridge reopens to civilian traffic", "Engineers checked the structure overnight")
    assert article.entries[-1].body == "Doctors said stocks would last no more than four days."
    assert "Comments" in article.boilerplate_removed
    assert "Support our reporting today." in article.boilerplate_removed


def test_cards_between_entries_are_skipped_and_a_bodiless_post_keeps_its_title():
    text = (
        "Valley live: shelling eases\n"
        "The night was quieter than any this month.\n"
        "Video shows crowds at the reopened market\n"
        "What happens to the valley's farms now?\n"
        "Harvests were cut in half by the fighting this year\n"
        "Ministers agree on a reconstruction fund\n"
        "The fund will start with pledges from four governments.\n"
    )
    article = parse(text)
    assert [e.title for e in article.entries] == [
        None,
        "Video shows crowds at the reopened market",
        "Ministers agree on a reconstruction fund",
    ]
    assert article.entries[1].body == ""
    assert article.cards_removed == (
        "What happens to the valley's farms now?",
        "Harvests were cut in half by the fighting this year",
    )


def test_time_stamps_and_relative_times_start_entries():
    text = (
        "Border live: crossings reopen\n"
        "The crossing opened at 7am.\n"
        "10:21 p.m.: Officials said 300 trucks had passed by nightfall.\n"
        "More were waiting on the far side.\n"
        "1 month ago\n"
        "Rain slows the convoys\n"
        "Roads turned to mud overnight.\n"
        "14.05 GMT\n"
        "Aid agencies warned that fuel was running low.\n"
    )
    article = parse(text)
    assert [(e.title, e.body.split("\n\n")[0]) for e in article.entries] == [
        (None, "The crossing opened at 7am."),
        (None, "10:21 p.m.: Officials said 300 trucks had passed by nightfall."),
        ("Rain slows the convoys", "Roads turned to mud overnight."),
        (None, "Aid agencies warned that fuel was running low."),
    ]


def test_a_stamp_followed_by_a_title_like_text_gives_the_entry_a_title_that_keeps_its_time():
    article = parse("Border live\nIt opened.\n09:15 GMT – Convoy reaches the crossing\nTrucks lined up for miles.\n")
    assert article.entries[1].title == "09:15 GMT – Convoy reaches the crossing"
    assert article.entries[1].body == "Trucks lined up for miles."


def test_a_plain_article_is_one_untitled_entry():
    article = parse("Ceasefire holds\nThe ceasefire held for a third day.\nBoth sides reported no incidents.\n")
    assert len(article.entries) == 1
    assert article.entries[0].title is None
    assert article.standfirst == ""
    assert article.entries[0].body == "The ceasefire held for a third day.\n\nBoth sides reported no incidents."


def test_a_file_cut_off_mid_sentence_keeps_the_fragment_in_the_body():
    article = parse("Ceasefire holds\nThe ceasefire held for a third day.\nBoth sides reported no incidents on the")
    assert len(article.entries) == 1
    assert article.entries[0].body.endswith("Both sides reported no incidents on the")


@pytest.mark.parametrize(
    ("line", "title_like"),
    [
        ("Ministers agree on a reconstruction fund", True),
        ("Could the bridge be rebuilt by spring?", True),
        ("‘We will not leave’ say residents of the old town", True),
        ("The agreement covers:", False),
        ("- water trucks and ambulances;", False),
        ("• buses carrying families home", False),
        ("2) a second convoy next week", False),
        ("Our correspondent reports:", False),
        ("Roads turned to mud overnight.", False),
        ("“We are tired,” she said.", False),
        ("By Mira Okafor", False),
        ("The convoy arrived at noon. Officials said more would follow", False),
        ("Mr. Okafor meets Gen. Haddad in the capital", True),
        ("(Harbour Agency)", False),
        ("1 month ago", False),
        ("and then the rain came", False),
        ("x" * 300, False),
    ],
)
def test_is_title_like(line, title_like):
    assert is_title_like(line) is title_like


# --- Boilerplate rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "READ MORE",
        "Read more: Ministers agree on a reconstruction fund",
        "Join our commenting forum",
        "Subscribe to our newsletter for daily updates",
        "Support the Guardian",
        "Source: Al Jazeera and news agencies",
        "12 Comments",
        "Share this article",
        "Reporting by Ana Ruiz; Editing by Tom Lee",
        "Photo: Harbour Agency",
        "3 min read",
        "Related: Ministers agree on a reconstruction fund",
        "This article was amended on 6 December 2024 to correct the spelling of a name.",
        "Additional reporting by Ana Ruiz in Bergen",
        "Follow our live coverage here",
        "AFP via Getty Images",
        "Sam Lee/Reuters",
        "View image in fullscreen",
    ],
)
def test_default_boilerplate_rules_remove_publisher_furniture(line):
    article = parse(f"Harbour reopens\nThe harbour reopened on Monday.\n{line}\nShips queued outside the port.\n")
    assert line in article.boilerplate_removed
    assert line not in article.entries[0].body


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        (
            "Families wait at the crossing on Monday. Photograph: Sam Lee/Harbour Agency",
            "Families wait at the crossing on Monday.",
        ),
        (
            "Photo: Dock workers gather at the gate on Monday. (AP Photo/Sam Lee)",
            "Dock workers gather at the gate on Monday.",
        ),
        ("Dock workers gather at the gate on Monday (AP Photo/Sam Lee)", "Dock workers gather at the gate on Monday"),
        ("Caption: A crane stands idle at the container terminal.", "A crane stands idle at the container terminal."),
        (
            "[2/5] Cranes stand idle at the terminal on Monday. WIRE/Sam Lee Purchase Licensing Rights",
            "Cranes stand idle at the terminal on Monday.",
        ),
        (
            "Cranes stand idle at the terminal on Monday. (Port Authority / Telegram)",
            "Cranes stand idle at the terminal on Monday.",
        ),
    ],
)
def test_a_photo_caption_is_kept_apart_from_the_body_and_only_its_credit_removed(line, caption):
    article = parse(f"Harbour reopens\nThe harbour reopened on Monday.\n{line}\nShips queued outside the port.\n")
    entry = article.entries[0]
    assert entry.captions == (caption,)
    assert caption not in entry.body
    credit = " ".join(line.replace(caption, "").split())
    assert credit and all(credit not in stored for stored in (entry.body, *entry.captions))
    assert any(credit.startswith(removed) or removed in credit for removed in article.furniture_removed)


def test_a_credit_on_its_own_line_makes_the_short_line_above_it_a_caption():
    text = "Harbour reopens\nThe harbour reopened on Monday after a week of strikes by dock workers in the port.\n"
    article = parse(text + "Dock workers at the gate.\nPhoto: Harbour Agency/Sam Lee\nShips queued outside the port.\n")
    assert article.entries[0].captions == ("Dock workers at the gate.",)
    assert "Photo: Harbour Agency/Sam Lee" in article.furniture_removed


def test_a_quoting_paragraph_above_a_credit_stays_in_the_body():
    quote = '"We lost everything," said a dock worker at the gate.'
    article = parse(f"Harbour reopens\nThe harbour reopened.\n{quote}\nPhotograph: Sam Lee/Harbour Agency\n")
    assert quote in article.entries[0].body
    assert article.entries[0].captions == ()


def test_news_that_merely_mentions_comments_or_subscriptions_is_kept():
    body = "Comments by the minister angered the opposition, who called for a vote."
    article = parse(f"Harbour reopens\n{body}\n")
    assert article.entries[0].body == body
    assert article.boilerplate_removed == ()


@pytest.mark.parametrize(
    ("pattern", "literal", "matching"),
    [
        ("join our forum", "join our forum", "please join our forum"),
        ("favou?r to ask", "r to ask", "a small favor to ask"),
        ("your (donation|gift)", "your ", "your gift"),
        ("(please )?donate", "donate", "donate now"),
        ("donate|give", "", "give"),
        ("a[|]b", "a", "a|b"),
        (r"\(opens", "opens", "(opens in a new tab"),
        (r"\b(with )?no paywall\b", "no paywall", "with no paywall"),
        (r"photo( credit)?: [^.]{1,80}$", "photo", "photo credit: ap"),
        ("ab+c x{2}yz", "ab", "abbbc xxyz"),
        (r"[\]a]+ sign up", " sign up", "]] sign up"),
    ],
)
def test_required_literal_is_a_safe_prefilter(pattern, literal, matching):
    assert required_literal(pattern) == literal
    assert re.search(pattern, matching) and literal in matching


def test_rules_come_from_data_and_reject_a_broken_rule():
    rules = rules_from_text(
        "# test rules\nline: harbour newsletter\ncontaining: brought to you by\n"
        "sentence: thanks for reading[.!]\npublisher: Harbour Post | harbourpost.example\n"
    )
    assert rules.is_boilerplate("Harbour Newsletter")
    assert rules.is_boilerplate("This live page was Brought to you by a sponsor")
    assert not rules.is_boilerplate("The harbour newsletter was closed by the council.")
    assert rules.cut("The port reopened.Thanks for reading! Ships docked.") == (
        "The port reopened. Ships docked.",
        ["Thanks for reading!"],
    )
    assert rules.publishers == (("Harbour Post", ("harbourpost.example",)),)
    with pytest.raises(ValueError, match="line 1"):
        rules_from_text("line: (unclosed")
    with pytest.raises(ValueError, match="lower case"):
        rules_from_text("line: Harbour")
    with pytest.raises(ValueError, match="unknown rule kind"):
        rules_from_text("footer: harbour")
    assert default_rules().line is not None


# --- Duplicate hashing -------------------------------------------------------------------------


def test_entry_content_hash_ignores_case_whitespace_quotes_and_later_paragraphs():
    first = entry_content_hash("Bridge ‘reopens’", "Engineers  checked it.\n\nMore later.")
    assert first == entry_content_hash("bridge 'REOPENS'", "Engineers checked it.\n\nA different update.")
    assert first != entry_content_hash("Bridge ‘reopens’", "Engineers checked the other one.")
    assert first != entry_content_hash(None, "Engineers checked it.")


# --- Size and speed safety ---------------------------------------------------------------------


def test_a_huge_line_and_a_big_file_parse_without_hanging():
    long_line = "word, " * 20000 + "end"  # 120 000 characters, no full stop
    big = "Harbour reopens\n" + ("The harbour reopened on Monday morning after a long pause.\n" * 150_000)
    article = parse(f"Harbour reopens\n{long_line}\nShips queued.\n")
    assert article.entries[0].body.startswith("word, word")
    assert len(parse(big).entries[0].body) > 8_000_000


# --- The seeds (read at run time; never copied into the project) ---------------------------------


def seed_cases():
    if not (SEEDS / "expected.json").exists():
        return []
    return json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))["files"]


@pytest.mark.skipif(not seed_cases(), reason="seed files are not available")
@pytest.mark.parametrize("expected", seed_cases(), ids=lambda case: case["file"])
def test_seed_headline_date_titles_and_boilerplate(expected):
    article = parse_article((SEEDS / expected["file"]).read_bytes(), filename=expected["file"])
    assert article.headline == expected["headline"]
    assert (article.published_on.isoformat() if article.published_on else None) == expected["date"]
    titles = [e.title for e in article.entries if e.title]
    wanted = expected["entry_titles"]
    recall = sum(1 for t in wanted if t in titles) / len(wanted)
    precision = sum(1 for t in titles if t in wanted) / len(titles)
    assert recall >= 0.9, titles
    assert precision >= 0.8, titles
    assert sum(1 for e in article.entries if e.body) >= expected["min_entries"]
    boilerplate = set(expected.get("boilerplate_lines", []))
    glued = expected.get("boilerplate_glued_prefix", {}).get("prefix")
    for entry in article.entries:
        for paragraph in entry.body.split("\n\n"):
            assert paragraph not in boilerplate
            assert not (glued and glued in paragraph)
    if expected.get("standfirst_line"):
        assert article.standfirst == expected["standfirst_line"]
    # Lead-ins, list items, cards and card summaries never become titles (unless also a real title).
    not_titles = set(expected.get("title_like_non_entry_lines", [])) | set(expected.get("card_standfirst_lines", []))
    assert not (not_titles - set(wanted)) & set(titles)


# --- Other publishers' page shapes (own text) ------------------------------------------------------

TIMELINE_BLOG = """\
Valley crisis live: aid convoy reaches northern district as talks resume
Negotiators expected to meet on Thursday; fuel deliveries remain blocked
Key events
Show key events only
Please turn on JavaScript to use this feature
14.05 GMT
Summary of the day
Here are the main developments:
A convoy of 20 trucks entered the northern district, the agency said.
13.40 GMT
Agency says second convoy held at checkpoint
The agency said its second convoy had been held for six hours.
Updated at 13.55 GMT
1 month ago
Doctors say generators have run out of fuel
The main hospital switched to batteries overnight.
Associated Press writer Jo Bloggs contributed to this report.
Source: Al Jazeera and news agencies
Reuse this content
"""


def test_a_time_stamped_live_blog_with_page_furniture():
    article = parse(TIMELINE_BLOG)
    assert [e.title for e in article.entries] == [
        "Summary of the day",
        "Agency says second convoy held at checkpoint",
        "Doctors say generators have run out of fuel",
    ]
    assert article.entries[2].body == "The main hospital switched to batteries overnight."
    assert set(article.boilerplate_removed) == {
        "Key events",
        "Show key events only",
        "Please turn on JavaScript to use this feature",
        "Updated at 13.55 GMT",
        "Associated Press writer Jo Bloggs contributed to this report.",
        "Source: Al Jazeera and news agencies",
        "Reuse this content",
    }
    assert article.publisher == "Al Jazeera"


def test_a_lone_title_and_summary_pair_before_a_post_is_a_related_article_card():
    article = parse(
        "Harbour live: cranes return\n"
        "Work resumed at dawn.\n"
        "Can the port recover before winter?\n"
        "Engineers say the main quay needs months of repairs\n"
        "Grain ship leaves under escort\n"
        "The vessel sailed at noon with two patrol boats.\n"
    )
    assert [e.title for e in article.entries] == [None, "Grain ship leaves under escort"]


def test_title_like_lines_after_the_last_post_are_cards_not_entries():
    article = parse(
        "Harbour live: cranes return\n"
        "Work resumed at dawn.\n"
        "Grain ship leaves under escort\n"
        "The vessel sailed at noon with two patrol boats.\n"
        "Explainer: who runs the harbour?\n"
        "A short history of the port authority\n"
        "Sign up to our morning briefing\n"
    )
    assert [e.title for e in article.entries] == [None, "Grain ship leaves under escort"]
    assert "Explainer" not in " ".join(e.body for e in article.entries)


def test_generic_reader_appeals_are_boilerplate():
    article = parse(
        "Harbour reopens\n"
        "Our newsroom has no paywall and is funded by readers like you.\n"
        "If you value what we do, please give a little each month.\n"
        "Before you read on\n"
        "Cranes moved again on Tuesday after a week of strikes.\n"
    )
    assert article.entries[0].body == "Cranes moved again on Tuesday after a week of strikes."
    assert len(article.boilerplate_removed) == 3


def test_an_appeal_glued_to_the_news_with_no_space_is_cut_but_a_glued_news_sentence_is_kept():
    article = parse(
        "Port reopens\n"
        "Readers like you keep our reporters in the field.Cranes moved again on Tuesday.\n"
        "The strike ended at noon.Dockers returned to work.\n"
    )
    assert article.entries[0].body.split("\n\n") == [
        "Cranes moved again on Tuesday.",
        "The strike ended at noon.Dockers returned to work.",
    ]
    assert "Readers like you keep our reporters in the field." in article.boilerplate_removed

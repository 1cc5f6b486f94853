"""In Chromium, a reader sees an entry's photo captions under its text, in smaller type."""

from pathlib import Path

import pytest

from tests.factories import ArticleFactory, EntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path("/tmp/furniture-screenshots")


def font_size(page, selector: str) -> float:
    return page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)")


def test_captions_show_under_the_entry_text_in_smaller_type(chromium, live_server):
    article = ArticleFactory(headline="Strikes hit the southern suburbs overnight")
    entry = EntryFactory(
        article=article,
        position=0,
        title="Rescue teams search the rubble",
        body="Rescue teams searched two buildings after the strikes, the civil defence said.",
        captions="Smoke rises over the harbour district after a strike.\n\nA rescuer climbs over the rubble.",
    )
    assert len(entry.caption_list) == 2
    page = chromium.new_page(viewport={"width": 1100, "height": 800})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    for url, body in ((entry.get_absolute_url(), ".prose p"), (article.get_absolute_url(), ".entry__body p")):
        page.goto(live_server.url + url)
        captions = page.locator(".entry__captions li").all_inner_texts()
        assert captions == entry.caption_list
        assert font_size(page, ".entry__captions") < font_size(page, body)
        page.screenshot(path=str(SCREENSHOTS / f"captions{url.replace('/', '_')}.png"), full_page=True)

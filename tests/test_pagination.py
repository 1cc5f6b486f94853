"""Page numbers: ASCII digits only, and at most MAX_PAGES pages of any list (articles/pagination.py)."""

import pytest

from articles.pagination import page_window
from tests.browse_archive import build_browse_archive


@pytest.mark.parametrize("raw", ["²", "١", "٣", "1²", "𝟙", "0", "-1", "1.0", " ", "9" * 10])
def test_only_ascii_digits_are_a_page_number(raw):
    assert "is not a page number" in page_window(total=100, page_param=raw, per_page=10).error


def test_pages_past_the_cap_are_refused_with_the_way_to_reach_them():
    window = page_window(total=10_000, page_param="7", per_page=10, max_pages=5)
    assert window.error.startswith("Only the first 5 pages of a result are shown")
    assert "reverse the sort" in window.error
    shown = page_window(total=10_000, page_param="5", per_page=10, max_pages=5)
    assert (shown.error, shown.capped, shown.num_pages, shown.has_next) == ("", True, 5, False)
    assert max(n for n in shown.links if n) == 5  # no link to page 1 000
    assert not page_window(total=50, page_param="5", per_page=10, max_pages=5).capped


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/entries/", "/articles/"])
def test_list_pages_answer_a_bad_or_capped_page_with_a_message(client, settings, url):
    build_browse_archive(articles=6, entries_per_article=4, undated=1)
    settings.BROWSE_PAGE_SIZE = 1
    settings.BROWSE_MAX_PAGES = 3
    for page, message in (("²", "is not a page number"), ("4", "Only the first 3 pages")):
        response = client.get(url, {"page": page})
        assert response.status_code == 404
        assert message in response.content.decode()
    last = client.get(url, {"page": "3"}).content.decode()
    assert "Pages are listed up to 3." in last

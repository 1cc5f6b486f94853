"""An editor corrects the archive in the admin in Debian's Chromium; readers see the fix."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings

from articles.models import Entry
from tests.factories import ArticleFactory, EntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
PASSWORD = "a-long-test-password"


@pytest.fixture
def editor_page(chromium, live_server, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    yield page
    page.goto("about:blank")  # let the live server's threads close their connections


def test_editor_dates_an_undated_live_blog_and_every_entry_shows_the_date(editor_page, live_server):
    article = ArticleFactory(headline="Live: shelling across the south", published_on=None)
    for position in range(10):
        EntryFactory(
            article=article,
            position=position,
            title=None if position % 3 else f"Update {position}",
            body=f"First paragraph of update {position}.\n\nSecond paragraph,\nwith a line break.",
            published_on=None,
        )
    bodies = dict(Entry.objects.values_list("pk", "body"))
    page = editor_page

    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    assert page.locator("#article-entries tbody tr").count() == 10
    page.fill("#id_published_on", "2024-11-08")
    page.click("input[name=_save]")
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    page.goto(f"{live_server.url}/articles/{article.pk}/")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "admin-dated-live-blog.png"), full_page=True)
    assert page.locator(".article-head time[datetime='2024-11-08']").count() == 1
    assert page.locator(".entry-list--article .entry time[datetime='2024-11-08']").count() == 10
    assert page.locator(".entry-list--article .badge", has_text="Undated").count() == 0
    first = Entry.objects.get(article=article, position=0)
    page.goto(f"{live_server.url}/entries/{first.pk}/")
    assert page.locator(".entry-page time[datetime='2024-11-08']").count() == 1

    assert dict(Entry.objects.values_list("pk", "body")) == bodies  # byte-identical
    assert set(Entry.objects.values_list("published_on", flat=True)) == {datetime.date(2024, 11, 8)}

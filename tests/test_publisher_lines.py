"""Furniture learned per publisher, and captions stored, on real PostgreSQL."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Entry, PublisherLine
from articles.selectors.publisher_lines import learned_furniture, learned_furniture_forget
from articles.services.imports import article_import

pytestmark = pytest.mark.django_db

# A publisher the rules do not know: its name comes from its masthead, repeated at the foot.
PROMO = "Our correspondents are on the ground"


def story(number: int, *, promo: bool = True) -> str:
    lines = [
        f"Lake front report {number}: fighting near the ferry port",
        "Lakeside Herald — news from the Great Lakes",
        f"Fighters moved closer to ferry port number {number} on Sunday, residents said, as talks stalled.",
        PROMO if promo else "",
        f"The army said it had pushed back an attack near the plain, a statement number {number} said.",
        "© 2026 Lakeside Herald",
    ]
    return "\n".join(line for line in lines if line) + "\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _fresh_learned_cache():
    learned_furniture_forget()
    yield
    learned_furniture_forget()


def stored_text(article: Article) -> str:
    return "\n".join(f"{e.title or ''}\n{e.body}" for e in article.entries.all())


def test_a_line_seen_in_three_articles_of_a_publisher_is_learned_and_left_out_of_the_next(tmp_path):
    for number in (1, 2):
        article_import(path=write(tmp_path, f"s{number}.txt", story(number)), extractor=None)
    assert learned_furniture() == {}
    article_import(path=write(tmp_path, "s3.txt", story(3)), extractor=None)
    line = PublisherLine.objects.get(publisher="Lakeside Herald", text=PROMO)
    assert line.article_count == 3 and line.is_furniture and line.learned_at is not None

    report = article_import(path=write(tmp_path, "s4.txt", story(4)), extractor=None)
    assert PROMO in report.furniture_removed
    assert PROMO not in stored_text(Article.objects.get(pk=report.article_id))


def test_re_importing_one_article_does_not_count_its_lines_twice(tmp_path):
    path = write(tmp_path, "s1.txt", story(1))
    article_import(path=path, extractor=None)
    path.write_text(story(1) + "A ferry docked at dusk, the harbour master said on the radio.\n", encoding="utf-8")
    assert article_import(path=path, extractor=None).status == "updated"
    assert PublisherLine.objects.get(text=PROMO).article_count == 1


def test_a_story_repeated_by_snapshots_of_one_live_blog_is_never_learned(tmp_path):
    post = "Ferry service resumes\nThe first ferry in a week crossed the lake on Monday, the operator said.\n"
    for number in (1, 2, 3, 4):
        article_import(path=write(tmp_path, f"s{number}.txt", story(number) + post), extractor=None)
    assert not PublisherLine.objects.filter(text="Ferry service resumes", article_count__gte=2).exists()
    assert Entry.objects.filter(title="Ferry service resumes").count() == 4


def test_reclean_removes_a_learned_line_from_stored_articles_and_keeps_their_entry_ids(tmp_path):
    for number in (1, 2, 3):
        article_import(path=write(tmp_path, f"s{number}.txt", story(number)), extractor=None)
    ids_before = set(Entry.objects.values_list("id", flat=True))
    assert sum(PROMO in stored_text(article) for article in Article.objects.all()) == 3

    out = io.StringIO()
    call_command("reclean_articles", stdout=out)
    assert "changed 3 article(s): 3 line(s) removed" in out.getvalue()
    assert not any(PROMO in stored_text(article) for article in Article.objects.all())
    assert set(Entry.objects.values_list("id", flat=True)) == ids_before
    assert Entry.objects.filter(search_vector="ground").count() == 0  # search vectors rebuilt

    out = io.StringIO()
    call_command("reclean_articles", stdout=out)  # nothing left to do
    assert "changed 0 article(s)" in out.getvalue()


def test_an_editor_who_marks_a_learned_line_as_news_keeps_it(tmp_path, staff_client):
    for number in (1, 2, 3):
        article_import(path=write(tmp_path, f"s{number}.txt", story(number)), extractor=None)
    line = PublisherLine.objects.get(text=PROMO)
    listing = staff_client.get(reverse("admin:articles_publisherline_changelist"))
    assert listing.status_code == 200 and PROMO in listing.content.decode()

    response = staff_client.post(
        reverse("admin:articles_publisherline_changelist"),
        {"action": "mark_news", "_selected_action": [line.pk]},
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.verdict == PublisherLine.Verdict.NEWS and not line.is_furniture
    report = article_import(path=write(tmp_path, "s4.txt", story(4)), extractor=None)
    assert PROMO in stored_text(Article.objects.get(pk=report.article_id))
    call_command("reclean_articles", stdout=io.StringIO())
    assert all(PROMO in stored_text(article) for article in Article.objects.all())


def test_an_editor_can_mark_a_line_as_furniture_before_it_is_counted_three_times(tmp_path, staff_client):
    article_import(path=write(tmp_path, "s1.txt", story(1)), extractor=None)
    line = PublisherLine.objects.get(text=PROMO)
    staff_client.post(
        reverse("admin:articles_publisherline_changelist"),
        {"action": "mark_furniture", "_selected_action": [line.pk]},
    )
    call_command("reclean_articles", "--publisher", "Lakeside Herald", stdout=io.StringIO())
    assert PROMO not in stored_text(Article.objects.get())


CAPTIONED = """\
Strikes hit the southern suburbs overnight
Rescue teams searched the rubble of two buildings after the strikes, the civil defence said on Monday.
Smoke rises over the harbour district after a strike. (Rana Saleh/Cedar Wire)
The health ministry said 12 people had been killed and dozens wounded across the city.
"""


def test_captions_are_stored_apart_from_the_body_searchable_and_shown_smaller(tmp_path, client):
    report = article_import(path=write(tmp_path, "captioned.txt", CAPTIONED), extractor=None)
    (entry,) = Entry.objects.filter(article_id=report.article_id)
    assert entry.captions == "Smoke rises over the harbour district after a strike."
    assert "Smoke rises" not in entry.body and "Rana Saleh" not in entry.body + entry.captions
    assert "(Rana Saleh/Cedar Wire)" in report.furniture_removed
    assert Entry.objects.filter(search_vector="smoke").count() == 1  # searchable
    results = client.get(reverse("articles:entry-list"), {"q": "smoke harbour"}).content.decode()
    assert entry.get_absolute_url() in results
    page = client.get(entry.get_absolute_url()).content.decode()
    assert '<ul class="entry__captions"' in page and "Smoke rises over the harbour district" in page


def test_entities_named_in_a_caption_reach_the_extractor(tmp_path):
    from articles.extraction import EntryEntities, Extractor

    seen: list[str] = []

    class Recording(Extractor):
        def extract_article(self, *, headline, standfirst, entries):
            seen.extend(body for _, body in entries)
            return [EntryEntities() for _ in entries]

    article_import(path=write(tmp_path, "captioned.txt", CAPTIONED), extractor=Recording())
    assert any("Smoke rises over the harbour district" in body for body in seen)

"""Every change to the archive is recorded with who made it; an editor's change can be reverted,
and a re-import leaves what editors corrected as they left it."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import (
    ActorAliasEvent,
    ActorEvent,
    Article,
    ArticleEvent,
    Entry,
    EntryActorEvent,
    EntryEvent,
)
from articles.selectors.history import editor_corrections, object_history
from articles.services.actors import actor_merge
from tests.factories import ActorFactory, ArticleFactory, EntryFactory
from tests.test_import import LIVE_BLOG, write
from tests.test_reextract import _article_about_kiev

pytestmark = pytest.mark.django_db


def _metadata(event) -> dict:
    return event.pgh_context.metadata if event.pgh_context else {}


def _admin_entry_data(client, entry, **changes) -> dict:
    form = client.get(reverse("admin:articles_entry_change", args=[entry.pk])).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    for prefix in ("actor_mentions", "location_mentions"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


def _import_json(path) -> dict:
    out = io.StringIO()
    call_command("import_articles", str(path), "--json", "--no-extract", stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())["files"][0]


def test_an_editors_change_is_recorded_with_the_editor_and_old_and_new_values(staff_client, django_user_model):
    entry = EntryFactory(title="Shelling in the north", body="Reports came in overnight.")
    url = reverse("admin:articles_entry_change", args=[entry.pk])
    assert (
        staff_client.post(url, _admin_entry_data(staff_client, entry, title="Shelling in the east")).status_code == 302
    )

    update = EntryEvent.objects.get(pgh_obj_id=entry.pk, pgh_label="update")
    assert _metadata(update)["user"] == django_user_model.objects.get(username="editor").pk
    latest = object_history(model=Entry, obj_id=entry.pk)[0]
    assert latest.source == "editor"
    assert latest.changes == {"title": ("Shelling in the north", "Shelling in the east")}
    page = staff_client.get(url).content.decode()
    assert "History of changes" in page and "Shelling in the north → Shelling in the east" in page


def test_reverting_an_editors_change_puts_every_field_back_and_is_recorded(staff_client):
    article = ArticleFactory(published_on=None)
    entries = [EntryFactory(article=article, position=p, published_on=None) for p in range(3)]
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    staff_client.post(url, {**data, "published_on": "2024-11-08", "date_precision": "day"})
    assert set(Entry.objects.values_list("published_on", flat=True)) == {datetime.date(2024, 11, 8)}

    change = object_history(model=Article, obj_id=article.pk)[0]
    revert_url = reverse("admin:articles_article_revert", args=[article.pk, change.context_id])
    assert revert_url in staff_client.get(url).content.decode()
    assert staff_client.get(revert_url).status_code == 405
    assert staff_client.post(revert_url).status_code == 302

    article.refresh_from_db()
    assert article.published_on is None
    assert set(Entry.objects.values_list("published_on", flat=True)) == {None}  # the entries it dated too
    revert = object_history(model=Article, obj_id=article.pk)[0]
    assert revert.is_revert and revert.metadata["reverts"] == str(change.context_id)
    assert revert.changes == {"published_on": (datetime.date(2024, 11, 8), None)}
    assert len(object_history(model=Entry, obj_id=entries[0].pk)) == 3  # insert, dated, reverted
    assert "reverted" in staff_client.get(url).content.decode()


def test_a_revert_keeps_a_field_changed_again_since(staff_client):
    entry = EntryFactory(title="First title", body="Body.")
    url = reverse("admin:articles_entry_change", args=[entry.pk])
    staff_client.post(url, _admin_entry_data(staff_client, entry, title="Second title"))
    first = object_history(model=Entry, obj_id=entry.pk)[0]
    staff_client.post(url, _admin_entry_data(staff_client, entry, title="Third title"))
    response = staff_client.post(reverse("admin:articles_entry_revert", args=[entry.pk, first.context_id]), follow=True)
    assert "changed again since" in response.content.decode()
    entry.refresh_from_db()
    assert entry.title == "Third title"


def test_imports_and_re_imports_are_recorded_as_the_importer(tmp_path):
    path = write(tmp_path, "river.txt", LIVE_BLOG)
    _import_json(path)
    article = Article.objects.get()
    insert = ArticleEvent.objects.get(pgh_obj_id=article.pk, pgh_label="insert")
    assert _metadata(insert) == {"operation": "import", "file": "river.txt"}
    assert EntryEvent.objects.filter(pgh_label="insert", pgh_context=insert.pgh_context).count() == 3

    write(tmp_path, "river.txt", LIVE_BLOG.replace("at dawn", "at first light"))
    assert _import_json(path)["status"] == "updated"
    assert object_history(model=Article, obj_id=article.pk)[0].source == "import"


def test_reextract_merge_and_shell_are_recorded_with_their_names():
    article, entry = _article_about_kiev()
    call_command("reextract", "--article", str(article.pk))
    mention = EntryActorEvent.objects.get(entry_id=entry.pk, pgh_label="insert")
    assert _metadata(mention)["command"] == "reextract"

    keep, drop = ActorFactory(name="Keir Starmer"), ActorFactory(name="Sir Keir")
    drop_id = drop.pk
    actor_merge(source=drop, target=keep)
    assert _metadata(ActorEvent.objects.get(pgh_obj_id=drop_id, pgh_label="delete"))["operation"] == "merge"
    assert _metadata(ActorAliasEvent.objects.get(name="Sir Keir", pgh_label="insert"))["operation"] == "merge"

    rename = f"from articles.models import Actor; Actor.objects.filter(pk={keep.pk}).update(name='K. Starmer')"
    call_command("shell", command=rename)
    assert _metadata(ActorEvent.objects.get(pgh_obj_id=keep.pk, pgh_label="update"))["command"] == "shell"


def test_a_re_import_keeps_what_editors_corrected_and_reports_it(tmp_path, staff_client):
    undated = LIVE_BLOG.replace("date 2025-02-03 ", "")
    path = write(tmp_path, "river.txt", undated)
    _import_json(path)
    article = Article.objects.get()
    bridge = article.entries.get(position=1)
    clinic = article.entries.get(position=2)
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    staff_client.post(url, {**data, "published_on": "2025-02-03", "date_precision": "day"})
    fixed = "Engineers checked the structure overnight and declared it safe for light lorries."
    staff_client.post(
        reverse("admin:articles_entry_change", args=[bridge.pk]),
        _admin_entry_data(staff_client, bridge, title="Bridge reopens to traffic", body=fixed),
    )

    write(tmp_path, "river.txt", undated + "Late news\nA ferry docked at noon.\n")
    report = _import_json(path)

    assert report["status"] == "updated"
    article.refresh_from_db()
    bridge.refresh_from_db()
    clinic.refresh_from_db()
    assert article.published_on == datetime.date(2025, 2, 3)
    assert (bridge.title, bridge.body) == ("Bridge reopens to traffic", fixed)
    assert clinic.published_on == datetime.date(2025, 2, 3)  # dated by the editor's article date
    late = article.entries.get(position=3)
    assert late.published_on == datetime.date(2025, 2, 3)  # a new entry takes the corrected date
    kept = {(k["entry_id"], k["field"]) for k in report["corrections_kept"]}
    assert {(None, "published_on"), (bridge.pk, "title"), (bridge.pk, "body"), (clinic.pk, "published_on")} <= kept
    assert report["date"] == "2025-02-03"
    assert set(editor_corrections(model=Entry, obj_ids=[bridge.pk])[bridge.pk]) == {"title", "body", "published_on"}


def test_readers_see_a_dated_correction_note_and_the_articles_history(tmp_path, staff_client, client):
    path = write(tmp_path, "river.txt", LIVE_BLOG)
    _import_json(path)
    article = Article.objects.get()
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert "Corrected" not in page
    write(tmp_path, "river.txt", LIVE_BLOG + "Late news\nA ferry docked at noon.\n")
    _import_json(path)
    assert "Corrected" not in client.get(f"/articles/{article.pk}/").content.decode()  # a re-import is no correction

    bridge = article.entries.get(position=1)
    staff_client.post(
        reverse("admin:articles_entry_change", args=[bridge.pk]),
        _admin_entry_data(staff_client, bridge, title="Bridge reopens to all traffic"),
    )
    today = datetime.datetime.now(tz=datetime.UTC).date().isoformat()
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert f'<strong>Corrected</strong> <time datetime="{today}">' in page
    assert "an editor changed one of its entries." in page
    assert page.count(f'Corrected <time datetime="{today}">') == 1  # on the corrected entry only
    entry_page = client.get(f"/entries/{bridge.pk}/").content.decode()
    assert f'<strong>Corrected</strong> <time datetime="{today}">' in entry_page
    other = article.entries.get(position=0)
    assert "Corrected" not in client.get(f"/entries/{other.pk}/").content.decode()

    history = client.get(f"/articles/{article.pk}/history/").content.decode()
    lines = [" ".join(line.split("·", 1)[1].split()) for line in history.split('<li class="history-line')[1:]]
    lines = [line.split("</li>")[0] for line in lines]
    assert lines == [
        "Corrected by an editor: 1 entry",
        "Updated by a re-import of its file: 1 entry added",
        "Imported with 3 entries",
    ]
    assert "editor@" not in history and ">editor<" not in history  # no user names in public
    assert client.get("/articles/999999/history/").status_code == 404


def test_history_off_records_nothing_even_for_copy():
    from django.db import connection

    from articles.history import history_off

    copy_sql = "COPY articles_actor (name, slug, kind, description, mention_count) FROM STDIN"
    with history_off():
        ArticleFactory()
        with connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
            copy.write_row(("Bulk Person", "bulk-person", "person", "", 0))
    assert not ArticleEvent.objects.exists() and not ActorEvent.objects.exists()
    ArticleFactory()  # and afterwards history is recorded again
    assert ArticleEvent.objects.count() == 1

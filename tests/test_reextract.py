"""`manage.py reextract`: stored entries are extracted again with the database's aliases."""

import pytest
from django.core.management import CommandError, call_command

from articles.models import Actor, ActorAlias, EntryActor, EntryLocation, Location, MentionSource
from tests.factories import ActorFactory, ArticleFactory, EntryFactory

pytestmark = pytest.mark.django_db


def _article_about_kiev():
    article = ArticleFactory(headline="Air raid sirens sound across the capital", standfirst="")
    entry = EntryFactory(
        article=article,
        position=0,
        title="Drones shot down over Kiev",
        body="President Volodymyr Zelenskiy said air defences over Kiev had held. Mr Zelenskiy thanked allies.",
    )
    return article, entry


def test_reextract_finds_canonical_actors_and_places_from_stored_text():
    article, entry = _article_about_kiev()
    call_command("reextract", "--article", str(article.pk))
    names = set(EntryActor.objects.filter(entry=entry).values_list("actor__name", flat=True))
    places = set(EntryLocation.objects.filter(entry=entry).values_list("location__name", flat=True))
    assert names == {"Volodymyr Zelensky"}
    assert places == {"Kyiv"}
    entry.refresh_from_db()
    assert entry.country_codes == ["UA"]
    assert Actor.objects.get(name="Volodymyr Zelensky").mention_count == 1


def test_editor_aliases_in_the_database_are_used():
    article = ArticleFactory(standfirst="")
    entry = EntryFactory(article=article, title=None, body="The Blue Berets patrol said the border was calm.")
    org = ActorFactory(name="UN peacekeepers", slug="un-peacekeepers", kind="organisation")
    ActorAlias.objects.create(actor=org, name="Blue Berets")
    call_command("reextract", "--skip-alias-sync")
    assert list(EntryActor.objects.filter(entry=entry).values_list("actor__name", flat=True)) == ["UN peacekeepers"]


def test_manual_and_rejected_mentions_survive_reextraction():
    article, entry = _article_about_kiev()
    call_command("reextract")
    zelensky = Actor.objects.get(name="Volodymyr Zelensky")
    EntryActor.objects.filter(entry=entry, actor=zelensky).update(source=MentionSource.REJECTED)
    added = ActorFactory(name="Vitali Klitschko", slug="vitali-klitschko")
    EntryActor.objects.create(entry=entry, actor=added, source=MentionSource.MANUAL)
    call_command("reextract", "--article", str(article.pk))
    sources = dict(EntryActor.objects.filter(entry=entry).values_list("actor__name", "source"))
    assert sources == {"Volodymyr Zelensky": "rejected", "Vitali Klitschko": "manual"}


def test_reextract_is_idempotent_and_syncs_alias_files_once():
    _article_about_kiev()
    call_command("reextract")
    counts = (Actor.objects.count(), Location.objects.count(), ActorAlias.objects.count(), EntryActor.objects.count())
    call_command("reextract")
    assert (
        Actor.objects.count(),
        Location.objects.count(),
        ActorAlias.objects.count(),
        EntryActor.objects.count(),
    ) == counts
    assert Location.objects.get(name="Kyiv").aliases.filter(name="Kiev").exists()


def test_unknown_article_id_is_a_clear_error():
    with pytest.raises(CommandError, match="no article with id 999999"):
        call_command("reextract", "--article", "999999")

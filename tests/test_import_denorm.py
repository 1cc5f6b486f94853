"""The importer writes the denormalised entry columns itself; they must equal `entry_denorm_refresh`."""

from pathlib import Path

import pytest
from django.db import transaction

from articles.extraction import ActorMention, EntryEntities, Extractor, LocationMention
from articles.models import Actor, Entry, EntryActor, EntryLocation, Location, MentionSource
from articles.services.denorm import entry_denorm_refresh
from articles.services.entities import ResolveCache, entities_resolve
from articles.services.imports import article_import

FERRY_BLOG = """\
date 2025-05-06 Ferry service live: boats return to the lake
Harbour staff prepare the first sailing in a month
Harbour staff in Lakeside said the ferry would sail at noon with Ada Brenner aboard.
Inspectors approve the hull
Ada Brenner and the Lake Transit Board said inspectors in Lakeside and Hillford approved the hull.
Fuel arrives from Hillford
The Lake Transit Board said tankers from Hillford reached Lakeside and Hillford overnight.
Inspectors approve the hull
Ada Brenner and the Lake Transit Board said inspectors in Lakeside and Hillford approved the hull.
"""

VOCABULARY = {
    "Ada Brenner": ActorMention("Ada Brenner", "person"),
    "Lake Transit Board": ActorMention("Lake Transit Board", "organisation"),
}
PLACES = {
    "Lakeside": LocationMention("Lakeside", "city", "FI"),
    "Hillford": LocationMention("Hillford", "city", "EE"),
}


class LakeExtractor(Extractor):
    """A real extractor subclass with a fixed vocabulary: several actors and places in two countries."""

    def extract_article(self, *, headline, standfirst, entries):
        found = []
        for title, body in entries:
            text = f"{title or ''} {body}"
            actors = [ActorMention(m.name, m.kind, count=text.count(n)) for n, m in VOCABULARY.items() if n in text]
            locations = [
                LocationMention(m.name, m.kind, m.country_code, count=text.count(n))
                for n, m in PLACES.items()
                if n in text
            ]
            found.append(EntryEntities(actors=actors, locations=locations))
        return found


def denorm_columns() -> dict[int, tuple]:
    return {
        row[0]: row[1:]
        for row in Entry.objects.order_by("id").values_list(
            "id", "actor_ids", "location_ids", "country_codes", "search_vector"
        )
    }


def assert_same_as_refresh() -> None:
    stored = denorm_columns()
    entry_denorm_refresh(entry_ids=list(stored))
    assert denorm_columns() == stored


def write(folder: Path, text: str) -> Path:
    path = folder / "ferry.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_imported_columns_equal_entry_denorm_refresh(tmp_path):
    Location.objects.create(name="Estonia", slug="estonia", kind="country", country_code="EE")
    report = article_import(path=write(tmp_path, FERRY_BLOG), extractor=LakeExtractor())
    assert report.status == "new", report.error
    assert report.entries[3].duplicate_of is not None
    fuel = Entry.objects.get(title="Fuel arrives from Hillford")
    assert len(fuel.actor_ids) == 1 and len(fuel.location_ids) == 2
    assert fuel.country_codes == ["EE", "FI"]
    assert EntryLocation.objects.get(entry=fuel, location__name="Hillford").count == 3
    assert_same_as_refresh()


@pytest.mark.django_db
def test_columns_after_an_update_with_editors_links_equal_entry_denorm_refresh(tmp_path):
    path = write(tmp_path, FERRY_BLOG)
    first = article_import(path=path, extractor=LakeExtractor())
    hull_id = first.entries[1].entry_id
    picked = Actor.objects.create(name="Harbour Guild", slug="harbour-guild", kind="organisation")
    EntryActor.objects.create(entry_id=hull_id, actor=picked, source=MentionSource.MANUAL)
    EntryLocation.objects.filter(entry_id=hull_id, location__name="Hillford").update(source=MentionSource.REJECTED)

    edited = FERRY_BLOG.replace("reached Lakeside and Hillford overnight.", "reached Hillford overnight.")
    edited += "Evening sailing cancelled\nAda Brenner said wind in Lakeside stopped the evening boat.\n"
    report = article_import(path=write(tmp_path, edited), extractor=LakeExtractor())

    assert report.status == "updated", report.error
    assert report.entries[1].entry_id == hull_id
    hull = Entry.objects.get(pk=hull_id)
    assert picked.pk in hull.actor_ids
    assert hull.country_codes == ["FI"]  # the editor struck out the Estonian town
    assert_same_as_refresh()


@pytest.mark.django_db
def test_a_run_cache_resolves_known_actors_and_places_without_queries(
    tmp_path, django_capture_on_commit_callbacks, django_assert_num_queries
):
    cache = ResolveCache()
    with django_capture_on_commit_callbacks(execute=True):
        first = article_import(path=write(tmp_path, FERRY_BLOG), extractor=LakeExtractor(), cache=cache)
    assert first.status == "new", first.error
    assert set(cache.actors) == {("ada brenner", "person"), ("lake transit board", "organisation")}

    second = tmp_path / "ferry-2.txt"
    second.write_text(FERRY_BLOG.replace("2025-05-06", "2025-05-07").replace("noon", "one"), encoding="utf-8")
    # savepoint, article, canonical entries, where the repeated stories live, their duplicates,
    # mentions of actors, of places, release: no actor or place look-ups
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(8):
        report = article_import(path=second, extractor=LakeExtractor(), cache=cache)
    assert report.status == "new", report.error
    assert_same_as_refresh()


@pytest.mark.django_db
def test_rows_created_by_a_rolled_back_file_stay_out_of_the_cache(django_capture_on_commit_callbacks):
    cache = ResolveCache()
    found = [EntryEntities(actors=[ActorMention("Nils Farrow", "person")])]
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        entities_resolve(entities=found, cache=cache)
        raise RuntimeError("the file failed later")
    assert cache.actors == {} and not Actor.objects.filter(name="Nils Farrow").exists()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        (row,) = entities_resolve(entities=found, cache=cache)
    assert cache.actors[("nils farrow", "person")].pk in row.actors


@pytest.mark.django_db(transaction=True)  # foreign keys are checked at the file's real commit
def test_an_actor_deleted_after_it_was_cached_is_found_again(tmp_path):
    cache = ResolveCache()
    article_import(path=write(tmp_path, FERRY_BLOG), extractor=LakeExtractor(), cache=cache)
    Actor.objects.filter(name="Ada Brenner").delete()  # an editor merged her into another row
    entry_denorm_refresh(entry_ids=Entry.objects.values_list("id", flat=True))  # as the admin does
    second = tmp_path / "ferry-2.txt"
    second.write_text(FERRY_BLOG.replace("2025-05-06", "2025-05-08"), encoding="utf-8")
    report = article_import(path=second, extractor=LakeExtractor(), cache=cache)
    assert report.status == "new", report.error
    ada = Actor.objects.get(name="Ada Brenner")
    assert cache.actors[("ada brenner", "person")] == ada
    assert_same_as_refresh()

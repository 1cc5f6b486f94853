"""The hand-kept alias files reach the database once, and editors' renames survive."""

import pytest

from articles.models import Actor, ActorAlias, Location, LocationAlias
from articles.services.aliases import alias_files_sync

pytestmark = pytest.mark.django_db


def test_sync_creates_canonical_records_with_aliases_and_is_idempotent():
    first = alias_files_sync()
    assert first.aliases_created > 0
    zelensky = Actor.objects.get(name="Volodymyr Zelensky")
    assert {"Zelenskyy", "Zelenskiy"} <= set(zelensky.aliases.values_list("name", flat=True))
    kyiv = Location.objects.get(name="Kyiv", country_code="UA")
    assert kyiv.aliases.filter(name="Kiev").exists()
    assert Location.objects.get(kind="country", country_code="US").aliases.filter(name="USA").exists()
    counts = (
        Actor.objects.count(),
        ActorAlias.objects.count(),
        Location.objects.count(),
        LocationAlias.objects.count(),
    )
    again = alias_files_sync()
    assert (again.actors_created, again.locations_created, again.aliases_created) == (0, 0, 0)
    assert (
        Actor.objects.count(),
        ActorAlias.objects.count(),
        Location.objects.count(),
        LocationAlias.objects.count(),
    ) == counts


def test_an_editors_rename_is_kept():
    alias_files_sync()
    actor = Actor.objects.get(name="Volodymyr Zelensky")
    actor.name = "Volodymyr Zelenskyy"
    actor.save()
    ActorAlias.objects.create(actor=actor, name="Volodymyr Zelensky")
    alias_files_sync()
    assert not Actor.objects.filter(name="Volodymyr Zelensky").exists()
    assert Actor.objects.filter(name="Volodymyr Zelenskyy").count() == 1

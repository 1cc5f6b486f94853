"""Names for ids: the people, organisations and places on a page, in one query."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from articles.country_names import country_name
from articles.models import Actor
from articles.paths import detail_path
from articles.selectors.reading import read_cursor


@dataclass(frozen=True)
class ActorRef:
    id: int
    slug: str
    name: str
    kind: str

    @property
    def url(self) -> str:
        route = "articles:actor-detail" if self.kind == "person" else "articles:organisation-detail"
        return detail_path(route, self.slug)

    @property
    def param(self) -> str:
        """The /entries/ query parameter that filters by this actor."""
        return "person" if self.kind == "person" else "org"


@dataclass(frozen=True)
class PlaceRef:
    id: int
    slug: str
    name: str
    kind: str
    country_code: str

    @property
    def url(self) -> str:
        return detail_path("articles:country-detail", self.country_code) if self.country_code else ""


_NAMES_SQL = """
SELECT 'actor', id, slug, name, kind, '' FROM articles_actor WHERE id = ANY(%s)
UNION ALL
SELECT 'place', id, slug, name, kind, country_code FROM articles_location WHERE id = ANY(%s)
"""


def entity_names(*, actor_ids: Iterable[int], location_ids: Iterable[int]) -> tuple[dict, dict]:
    """Actors and places by id, fetched together (one query whatever the number of ids)."""
    actors: dict[int, ActorRef] = {}
    places: dict[int, PlaceRef] = {}
    with read_cursor(Actor) as cursor:
        cursor.execute(_NAMES_SQL, [sorted(set(actor_ids)), sorted(set(location_ids))])
        for table, pk, slug, name, kind, country_code in cursor.fetchall():
            if table == "actor":
                actors[pk] = ActorRef(pk, slug, name, kind)
            else:
                if kind == "country":
                    name = country_name(country_code) or name  # one name per country everywhere
                places[pk] = PlaceRef(pk, slug, name, kind, country_code)
    return actors, places


_TARGETS_SQL = """
SELECT 'actor', id, slug, name, kind FROM articles_actor WHERE slug = ANY(%s)
UNION ALL
SELECT 'article', id, '', headline, '' FROM articles_article WHERE id = ANY(%s)
"""


def filter_targets_resolve(*, actor_slugs: Iterable[str], article_ids: Iterable[int]) -> tuple[dict, dict]:
    """Actors by slug and article headlines by id for the active filters (always one query)."""
    actors: dict[str, ActorRef] = {}
    articles: dict[int, str] = {}
    with read_cursor(Actor) as cursor:
        cursor.execute(_TARGETS_SQL, [sorted(set(actor_slugs)), sorted(set(article_ids))])
        for table, pk, slug, name, kind in cursor.fetchall():
            if table == "actor":
                actors[slug] = ActorRef(pk, slug, name, kind)
            else:
                articles[pk] = name
    return actors, articles

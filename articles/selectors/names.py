"""Names for ids: the people, organisations and places on a page, in one query."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from articles.country_names import country_name
from articles.models import Actor
from articles.paths import detail_path
from articles.selectors import spellings
from articles.selectors.reading import read_cursor
from articles.selectors.spellings import NamedEntity


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
        """A place's own page; a country's page for a country."""
        if self.kind == "country":
            return detail_path("articles:country-detail", self.country_code) if self.country_code else ""
        return detail_path("articles:place-detail", self.slug)

    @property
    def param(self) -> str:
        """The /entries/ query parameter that filters by this place, and its value."""
        return "country" if self.kind == "country" else "place"

    @property
    def value(self) -> str:
        return self.country_code if self.kind == "country" else self.slug


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
SELECT 'actor', id, slug, name, kind, '', 0, NULL::text[] FROM articles_actor WHERE slug = ANY(%s)
UNION ALL
SELECT 'article', id, '', headline, '', '', 0, NULL FROM articles_article WHERE id = ANY(%s)
UNION ALL
SELECT 'place', id, slug, name, kind, country_code, 0, NULL FROM articles_location WHERE slug = ANY(%s)
"""
_NAMED_TARGETS_SQL = """UNION ALL
SELECT 'named', n.id, n.slug, n.name, n.kind, n.country_code, n.mention_count, n.spellings::text[] FROM ({named}) AS n
"""


@dataclass
class FilterTargets:
    """The rows the active filters name: actors and places by slug, article headlines by id."""

    actors: dict[str, ActorRef]
    articles: dict[int, str]
    places: dict[str, PlaceRef]
    named: list[NamedEntity] = field(default_factory=list)


def filter_targets_resolve(
    *, actor_slugs: Iterable[str], article_ids: Iterable[int], place_slugs: Iterable[str] = (), q: str = ""
) -> FilterTargets:
    """Actors, places and article headlines for the active filters, and the entities the search
    text names (`selectors.spellings`), always in one query."""
    targets = FilterTargets({}, {}, {})
    sql, params = _TARGETS_SQL, [sorted(set(actor_slugs)), sorted(set(article_ids)), sorted(set(place_slugs))]
    if (named_params := spellings.named_params(q)) is not None:
        sql += _NAMED_TARGETS_SQL.format(named=spellings.NAMED_SQL)
        params += named_params
    with read_cursor(Actor) as cursor:
        cursor.execute(sql, params)
        for table, pk, slug, name, kind, country_code, mentions, aliases in cursor.fetchall():
            if table == "named":
                targets.named.append(spellings.named_entity((kind, pk, slug, name, country_code, mentions, aliases)))
            elif table == "actor":
                targets.actors[slug] = ActorRef(pk, slug, name, kind)
            elif table == "place":
                targets.places[slug] = PlaceRef(pk, slug, name, kind, country_code)
            else:
                targets.articles[pk] = name
    return targets

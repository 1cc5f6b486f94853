"""Search that knows spellings: a query naming a known person, organisation or place.

`q=Zelenskiy` is one spelling of Volodymyr Zelensky; entries write him "Zelensky", "Zelenskyy"
or "Volodymyr Zelensky" too. When the whole query is a name or an alias (ignoring case, accents
and surrounding quotes), the search also matches every other spelling, and the page offers the
entity itself as a filter. A query that only contains a name ("Zelenskiy visit") is left as
written: its other words would have to be joined to each spelling, and the user may mean them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from articles.paths import detail_path

# Names longer than this are not looked up (no stored name is longer than a short phrase).
NAME_MAX_LENGTH = 120
# Several entities may share a spelling ("Georgia"); the page suggests the most mentioned few.
MAX_MATCHES = 3


@dataclass(frozen=True)
class NamedEntity:
    """A person, organisation or place the query names, with all its spellings."""

    kind: str  # "person", "organisation" or a place kind ("city", "country", ...)
    id: int
    slug: str
    name: str
    country_code: str
    mentions: int
    spellings: tuple[str, ...]

    @property
    def param(self) -> str:
        """The /entries/ parameter that filters by it."""
        if self.kind == "person":
            return "person"
        if self.kind == "organisation":
            return "org"
        return "country" if self.kind == "country" else "place"

    @property
    def value(self) -> str:
        return self.country_code if self.kind == "country" else self.slug

    @property
    def label(self) -> str:
        """ "Person", "Organisation", "Place", "Country"."""
        return {"person": "Person", "organisation": "Organisation", "country": "Country"}.get(self.kind, "Place")

    @property
    def url(self) -> str:
        routes = {
            "person": ("articles:actor-detail", self.slug),
            "organisation": ("articles:organisation-detail", self.slug),
            "country": ("articles:country-detail", self.country_code),
        }
        route, arg = routes.get(self.kind, ("articles:place-detail", self.slug))
        return detail_path(route, arg)


# Columns: kind, id, slug, name, country_code, mentions, spellings (see `selectors.names`, which
# runs it in the same query as the other filter targets).
NAMED_SQL = """
WITH wanted AS (SELECT unaccent(lower(%s)) AS name),
hits AS (
    SELECT 'actor' AS tab, a.id FROM articles_actor a, wanted w WHERE unaccent(lower(a.name)) = w.name
    UNION SELECT 'actor', x.actor_id FROM articles_actoralias x, wanted w WHERE unaccent(lower(x.name)) = w.name
    UNION SELECT 'place', l.id FROM articles_location l, wanted w WHERE unaccent(lower(l.name)) = w.name
    UNION SELECT 'place', x.location_id FROM articles_locationalias x, wanted w WHERE unaccent(lower(x.name)) = w.name
)
SELECT * FROM (
    SELECT a.kind, a.id, a.slug, a.name, '' AS country_code, a.mention_count,
           ARRAY(SELECT x.name FROM articles_actoralias x WHERE x.actor_id = a.id ORDER BY x.name) AS spellings
    FROM hits h JOIN articles_actor a ON h.tab = 'actor' AND a.id = h.id
    UNION ALL
    SELECT l.kind, l.id, l.slug, l.name, l.country_code, l.mention_count,
           ARRAY(SELECT x.name FROM articles_locationalias x WHERE x.location_id = l.id ORDER BY x.name)
    FROM hits h JOIN articles_location l ON h.tab = 'place' AND l.id = h.id
) found
ORDER BY mention_count DESC, name
LIMIT %s
"""


def _as_name(q: str) -> str:
    """The query as a name: trimmed, without the quotes of a phrase search."""
    name = q.strip()
    if len(name) > 1 and name[0] == name[-1] == '"':
        name = name[1:-1].strip()
    return name


def named_params(q: str) -> list | None:
    """Parameters of NAMED_SQL for the query, or None when it cannot be a name (empty, long)."""
    name = _as_name(q)
    if not name or len(name) > NAME_MAX_LENGTH or '"' in name:
        return None
    return [name, MAX_MATCHES]


def named_entity(row) -> NamedEntity:
    kind, pk, slug, label, code, n, aliases = row
    return NamedEntity(kind, pk, slug, label, code, n, tuple(dict.fromkeys([label, *aliases])))


def named_entities(*, q: str) -> list[NamedEntity]:
    """The people, organisations and places whose name or alias is the whole query (one query),
    most mentioned first; none for an empty or long query."""
    params = named_params(q)
    if params is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(NAMED_SQL, params)
        return [named_entity(row) for row in cursor.fetchall()]


def other_spellings(*, q: str, entities: list[NamedEntity]) -> tuple[str, ...]:
    """Every spelling of the named entities but the query's own, for the full-text search."""
    own = _as_name(q).casefold()
    spellings = (s for entity in entities for s in entity.spellings)
    return tuple(dict.fromkeys(s for s in spellings if s.casefold() != own))

"""The directories /people/, /organisations/ and /places/: every name, by mentions, findable by spelling.

A directory lists the people (or organisations, or places) of the entries matching the /entries/
filters, most mentioned first, each with its number of entries. With no filter the counts are
the precomputed `mention_count`; for one big country or actor the precomputed pairs
(`services.facets`); otherwise a live count over the filtered entries, as the facets do.

`name` narrows the list to those whose name or any alias contains it, ignoring case and accents
("zelenskiy", "Kyiv" for "Kiev", "Sao Paulo" for "São Paulo"), or resembles it (trigram word
similarity, for a misspelling).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from articles.paths import detail_path
from articles.selectors.counts import only_if
from articles.selectors.entries import EXACT, EntryFilters, ResultScope, entries_filter

# The facets' helpers: the same filtered entries and precomputed scopes (one rule for both).
from articles.selectors.facets import FacetItem, _precomputed_scope, _sql
from articles.selectors.names import PlaceRef

NAME_MAX_LENGTH = 100
# Trigram word similarity from which a name counts as a spelling of the query.
SIMILAR_FROM = 0.5


@dataclass(frozen=True)
class Directory:
    """One directory: what it lists and where its rows live."""

    param: str  # the /entries/ parameter filtering by one of them
    noun: str  # "people"
    singular: str
    route: str  # the directory's URL name
    detail_route: str
    table: str
    kind_sql: str  # condition on the table's rows (alias t)
    column: str  # the array of ids on articles_entry
    pairs_facet: str  # the facet name in articles_facet_pairs
    names_sql: str  # (id, name) of every name and alias


PEOPLE = Directory(
    param="person",
    noun="people",
    singular="person",
    route="articles:person-list",
    detail_route="articles:actor-detail",
    table="articles_actor",
    kind_sql="t.kind = 'person'",
    column="actor_ids",
    pairs_facet="person",
    names_sql="SELECT id, name FROM articles_actor UNION ALL SELECT actor_id, name FROM articles_actoralias",
)
ORGANISATIONS = Directory(
    param="org",
    noun="organisations",
    singular="organisation",
    route="articles:organisation-list",
    detail_route="articles:organisation-detail",
    table="articles_actor",
    kind_sql="t.kind = 'organisation'",
    column="actor_ids",
    pairs_facet="organisation",
    names_sql=PEOPLE.names_sql,
)
# Countries have their own list (/countries/): places are the towns, regions and sites in them.
PLACES = Directory(
    param="place",
    noun="places",
    singular="place",
    route="articles:place-list",
    detail_route="articles:place-detail",
    table="articles_location",
    kind_sql="t.kind <> 'country'",
    column="location_ids",
    pairs_facet="place",
    names_sql="SELECT id, name FROM articles_location UNION ALL SELECT location_id, name FROM articles_locationalias",
)
DIRECTORIES = {d.param: d for d in (PEOPLE, ORGANISATIONS, PLACES)}


@dataclass(frozen=True)
class DirectoryRow:
    id: int
    slug: str
    name: str
    country_code: str
    count: int
    directory: Directory

    @property
    def url(self) -> str:
        return detail_path(self.directory.detail_route, self.slug)


@dataclass
class DirectoryPage:
    total: int
    rows: list[DirectoryRow]


_LIVE_SQL = "SELECT u.id, count(*) AS n FROM (SELECT unnest(f.{column}) AS id FROM ({inner}) f) u GROUP BY u.id"
_PAIRS_SQL = """
WITH pre AS MATERIALIZED (SELECT value::bigint AS id, n FROM {scope} facet = %s)
SELECT id, n FROM pre
UNION ALL
"""
# The total first (a row with a NULL id), then the page; both from the one matching set.
_PAGE_SQL = """
WITH c AS MATERIALIZED ({counts}),
m AS MATERIALIZED (
    SELECT t.id, t.slug, t.name, {country} AS country_code, c.n FROM c JOIN {table} t ON t.id = c.id
    WHERE {kind} AND c.n > 0 {name}
)
SELECT NULL, '', '', '', (SELECT count(*) FROM m)
UNION ALL
(SELECT id, slug, name, country_code, n FROM m ORDER BY n DESC, name, id LIMIT %s OFFSET %s)
"""
# Accent- and case-insensitive: contains the query, or a word of it resembles the query.
_NAME_SQL = """AND t.id IN (
    SELECT s.id FROM ({names}) s
    WHERE unaccent(lower(s.name)) LIKE '%%' || unaccent(lower(%s)) || '%%'
       OR word_similarity(unaccent(lower(%s)), unaccent(lower(s.name))) >= %s
)"""


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _counts(directory: Directory, filters: EntryFilters, scope: ResultScope) -> tuple[str, list]:
    """SQL and params of (id, entries) over the filtered entries."""
    if filters.is_unfiltered:
        return f"SELECT t.id, t.mention_count AS n FROM {directory.table} t WHERE {directory.kind_sql}", []
    inner, params = _sql(entries_filter(filters=filters), directory.column, scope)
    live = _LIVE_SQL.format(column=directory.column, inner=inner)
    if not scope.sample and (pre := _precomputed_scope(filters, set())):
        sql = _PAIRS_SQL.format(scope=pre[0]) + only_if("NOT EXISTS (SELECT 1 FROM pre)", live)
        return sql, [*pre[1], directory.pairs_facet, *params]
    return live, list(params)


def directory_page(
    *, directory: Directory, filters: EntryFilters, name: str = "", offset: int, limit: int, scope: ResultScope = EXACT
) -> DirectoryPage:
    """How many match, and one page of them, most mentioned first (one query)."""
    counts, params = _counts(directory, filters, scope)
    name_sql, name_params = "", []
    if name:
        name_sql = _NAME_SQL.format(names=directory.names_sql)
        name_params = [_like_escaped(name), name, SIMILAR_FROM]
    country = "t.country_code" if directory.table == "articles_location" else "''"
    sql = _PAGE_SQL.format(
        counts=counts, table=directory.table, kind=directory.kind_sql, name=name_sql, country=country
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *name_params, limit, offset])
        rows = cursor.fetchall()
    total = rows[0][4] if rows else 0
    return DirectoryPage(
        total=total,
        rows=[DirectoryRow(pk, slug, label, code, n, directory) for pk, slug, label, code, n in rows[1:]],
    )


_TOTAL_SQL = "(SELECT count(*) FROM ({counts}) c JOIN {table} t ON t.id = c.id WHERE {kind} AND c.n > 0)"


def directory_totals(
    *, filters: EntryFilters, directories: tuple[Directory, ...], scope: ResultScope = EXACT
) -> dict[str, int]:
    """How many of each directory's names the filtered entries mention, by parameter (one
    query): the "All N people…" under each facet box."""
    parts, params = [], []
    for directory in directories:
        counts, counts_params = _counts(directory, filters, scope)
        parts.append(_TOTAL_SQL.format(counts=counts, table=directory.table, kind=directory.kind_sql))
        params += counts_params
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return dict(zip((d.param for d in directories), cursor.fetchone(), strict=True))


def directory_facet_items(*, page: DirectoryPage, selected_ids: tuple[int, ...]) -> list[FacetItem]:
    """A directory page as facet items (the place facet of /entries/)."""
    selected = set(selected_ids)
    return [
        FacetItem(
            row.slug,
            row.name,
            row.count,
            row.id in selected,
            PlaceRef(row.id, row.slug, row.name, "", row.country_code),
        )
        for row in page.rows
    ]

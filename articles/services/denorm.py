"""Keep the denormalised columns on `Entry` in step with the mention tables."""

from collections.abc import Iterable

from django.db import connection

# The weighted search vector: the title ranks above the body. A tsvector is capped at 1 MB, so a
# pathological entry (a 10 MB file with no titles) is indexed on its first 200 000 characters.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english', left(coalesce(e.title, ''), 2000)), 'A') || "
    "setweight(to_tsvector('english', left(coalesce(e.body, ''), 200000)), 'B') || "
    "setweight(to_tsvector('english', left(coalesce(e.captions, ''), 20000)), 'C')"
)

_REFRESH_SQL = f"""
UPDATE articles_entry AS e SET
    actor_ids = coalesce((
        SELECT array_agg(m.actor_id ORDER BY m.actor_id) FROM articles_entryactor m
        WHERE m.entry_id = e.id AND m.source <> 'rejected'), '{{}}'),
    location_ids = coalesce((
        SELECT array_agg(m.location_id ORDER BY m.location_id) FROM articles_entrylocation m
        WHERE m.entry_id = e.id AND m.source <> 'rejected'), '{{}}'),
    country_codes = coalesce((
        SELECT array_agg(DISTINCT l.country_code ORDER BY l.country_code)
        FROM articles_entrylocation m JOIN articles_location l ON l.id = m.location_id
        WHERE m.entry_id = e.id AND m.source <> 'rejected' AND l.country_code <> ''), '{{}}'),
    search_vector = {SEARCH_VECTOR_SQL}
WHERE e.id = ANY(%s)
"""


def entry_denorm_refresh(*, entry_ids: Iterable[int]) -> None:
    """Rebuild actor/location/country arrays and the search vector of the given entries."""
    ids = list(entry_ids)
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(_REFRESH_SQL, [ids])


def mention_counts_refresh() -> None:
    """Recount `mention_count` on actors and locations (canonical entries only)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE articles_actor a SET mention_count = coalesce(c.n, 0)
            FROM articles_actor a2 LEFT JOIN (
                SELECT unnest(actor_ids) AS id, count(*) AS n FROM articles_entry
                WHERE duplicate_of_id IS NULL GROUP BY 1
            ) c ON c.id = a2.id
            WHERE a.id = a2.id AND a.mention_count IS DISTINCT FROM coalesce(c.n, 0)
            """
        )
        cursor.execute(
            """
            UPDATE articles_location l SET mention_count = coalesce(c.n, 0)
            FROM articles_location l2 LEFT JOIN (
                SELECT unnest(location_ids) AS id, count(*) AS n FROM articles_entry
                WHERE duplicate_of_id IS NULL GROUP BY 1
            ) c ON c.id = l2.id
            WHERE l.id = l2.id AND l.mention_count IS DISTINCT FROM coalesce(c.n, 0)
            """
        )


def mention_counts_add(*, entry_ids: Iterable[int]) -> None:
    """Add these new entries' mentions to `mention_count` (canonical ones only): what a recount
    would give when the counts were current before them. Cheap: a recount reads every entry."""
    ids = sorted(set(entry_ids))
    with connection.cursor() as cursor:
        for table, column in (("articles_actor", "actor_ids"), ("articles_location", "location_ids")):
            cursor.execute(
                f"UPDATE {table} t SET mention_count = t.mention_count + c.n FROM ("
                f" SELECT unnest({column}) AS id, count(*) AS n FROM articles_entry"
                "  WHERE id = ANY(%s) AND duplicate_of_id IS NULL GROUP BY 1"
                ") c WHERE t.id = c.id",
                [ids],
            )


# The same columns as `_REFRESH_SQL`, computed set-based for a range of ids: one hash
# aggregate per mention table instead of three correlated sub-selects per row (bulk loads).
_LISTS_CTE = """
WITH actor_lists AS (
    SELECT m.entry_id, array_agg(m.actor_id ORDER BY m.actor_id) AS ids
    FROM articles_entryactor m
    WHERE m.entry_id BETWEEN %(first)s AND %(last)s AND m.source <> 'rejected'
    GROUP BY m.entry_id
), location_lists AS (
    SELECT m.entry_id, array_agg(m.location_id ORDER BY m.location_id) AS ids,
        array_agg(DISTINCT l.country_code ORDER BY l.country_code) FILTER (WHERE l.country_code <> '') AS codes
    FROM articles_entrylocation m JOIN articles_location l ON l.id = m.location_id
    WHERE m.entry_id BETWEEN %(first)s AND %(last)s AND m.source <> 'rejected'
    GROUP BY m.entry_id
)
"""
# Column expressions over `e` (the entry), `a` (actor_lists) and `l` (location_lists).
DENORM_COLUMNS = {
    "actor_ids": "coalesce(a.ids, '{}')",
    "location_ids": "coalesce(l.ids, '{}')",
    "country_codes": "coalesce(l.codes, '{}')",
    "search_vector": SEARCH_VECTOR_SQL,
}

_REFRESH_RANGE_SQL = f"""
{_LISTS_CTE}
UPDATE articles_entry AS e SET {", ".join(f"{column} = {sql}" for column, sql in DENORM_COLUMNS.items())}
FROM articles_entry AS target
    LEFT JOIN actor_lists a ON a.entry_id = target.id
    LEFT JOIN location_lists l ON l.entry_id = target.id
WHERE e.id = target.id AND target.id BETWEEN %(first)s AND %(last)s
"""


def entry_denorm_refresh_range(*, first_id: int, last_id: int) -> int:
    """Rebuild the same columns as `entry_denorm_refresh` for every entry with id in [first_id, last_id]."""
    with connection.cursor() as cursor:
        cursor.execute(_REFRESH_RANGE_SQL, {"first": first_id, "last": last_id})
        return cursor.rowcount


def entry_denorm_insert(*, staging_table: str, columns: list[str], first_id: int, last_id: int) -> int:
    """Insert entries [first_id, last_id] from `staging_table` with the denormalised columns computed.

    Bulk loads copy the mentions first, then write each entry once, already denormalised, instead
    of inserting and updating it (which would leave a second, dead copy of every row).
    """
    plain = [c for c in columns if c not in DENORM_COLUMNS]
    computed = dict(DENORM_COLUMNS)
    if "captions" not in columns:  # a staging table without captions: generated entries have none
        computed["search_vector"] = SEARCH_VECTOR_SQL.replace("e.captions", "NULL::text")
    sql = f"""
    {_LISTS_CTE}
    INSERT INTO articles_entry ({", ".join(plain + list(computed))})
    SELECT {", ".join([f"e.{c}" for c in plain] + list(computed.values()))}
    FROM {staging_table} AS e
        LEFT JOIN actor_lists a ON a.entry_id = e.id
        LEFT JOIN location_lists l ON l.entry_id = e.id
    WHERE e.id BETWEEN %(first)s AND %(last)s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, {"first": first_id, "last": last_id})
        return cursor.rowcount

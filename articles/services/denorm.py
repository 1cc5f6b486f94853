"""Keep the denormalised columns on `Entry` in step with the mention tables."""

from collections.abc import Iterable

from django.db import connection

# The weighted search vector: the title ranks above the body. A tsvector is capped at 1 MB, so a
# pathological entry (a 10 MB file with no titles) is indexed on its first 200 000 characters.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english', left(coalesce(e.title, ''), 2000)), 'A') || "
    "setweight(to_tsvector('english', left(coalesce(e.body, ''), 200000)), 'B')"
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

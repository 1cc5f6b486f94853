"""Refresh the precomputed counts the unfiltered and single-filter pages read.

`articles_facet_counts` (a table) holds canonical entries per country, actor and day
over the whole archive. `articles_facet_pairs` holds the same counts (and per place) within the entries of each
country or actor mentioned by at least `pairs_from` canonical entries: exactly the filters whose
exact facets would take hundreds of milliseconds to compute live. Smaller sets are counted live.
`articles_facet_days` holds, for each of those actors, its dated entries per day, per country
('' for all) and per co-mentioned actor: a date range within a big actor, with or without one
country, is then a sum over its days instead of a scan of every entry in the range.
"""

from collections.abc import Collection

from django.db import connection, transaction

# Filters matching fewer entries than this are cheap to count live (see selectors/counts.py).
PAIRS_FROM = 10_000

_COUNTS_SQL = """
INSERT INTO articles_facet_counts (facet, value, n)
SELECT 'country', code::text, count(*)
    FROM articles_entry, unnest(country_codes) AS code WHERE {entries} GROUP BY code
UNION ALL
SELECT 'actor', actor_id::text, count(*)
    FROM articles_entry, unnest(actor_ids) AS actor_id WHERE {entries} GROUP BY actor_id
UNION ALL
SELECT 'day', published_on::text, count(*)
    FROM articles_entry WHERE {entries} AND published_on IS NOT NULL GROUP BY published_on
UNION ALL
SELECT 'total', '', count(*) FROM articles_entry WHERE {entries}
UNION ALL
SELECT 'undated', '', count(*) FROM articles_entry WHERE {entries} AND published_on IS NULL
"""
_CANONICAL = "duplicate_of_id IS NULL"
_ADDED = "duplicate_of_id IS NULL AND id = ANY(%(added)s)"
_ADD_ON_CONFLICT = " ON CONFLICT (facet, value) DO UPDATE SET n = articles_facet_counts.n + excluded.n"
# Lets readers see that entries were added since the counts were made (then they count live).
_MARK_SQL = """
INSERT INTO articles_facet_counts (facet, value, n)
SELECT 'max_entry_id', '', coalesce(max(id), 0) FROM articles_entry
ON CONFLICT (facet, value) DO UPDATE SET n = excluded.n
"""

_PAIRS_SQL = """
INSERT INTO articles_facet_pairs (filter_facet, filter_value, facet, value, n)
WITH big AS ({big}), scoped AS (
    SELECT b.facet, b.value, e.country_codes, e.actor_ids, e.location_ids, e.published_on
    FROM big b JOIN articles_entry e ON e.country_codes @> ARRAY[b.value]::varchar(2)[]
    WHERE b.facet = 'country' AND e.{entries}
    UNION ALL
    SELECT b.facet, b.value, e.country_codes, e.actor_ids, e.location_ids, e.published_on
    FROM big b JOIN articles_entry e ON e.actor_ids @> ARRAY[b.value::bigint]
    WHERE b.facet = 'actor' AND e.{entries}
), counted AS (
    SELECT s.facet AS filter_facet, s.value AS filter_value, f.facet, f.value, count(*) AS n
    FROM scoped s CROSS JOIN LATERAL (
        SELECT 'country'::text, unnest(s.country_codes)::text
        UNION ALL SELECT 'actor', unnest(s.actor_ids)::text
        UNION ALL SELECT 'place', unnest(s.location_ids)::text
        UNION ALL SELECT 'day', s.published_on::text WHERE s.published_on IS NOT NULL
        UNION ALL SELECT 'total', ''
    ) AS f(facet, value)
    GROUP BY 1, 2, 3, 4
)
-- Actor counts are stored under their kind ("person", "organisation"): each is its own facet.
SELECT c.filter_facet, c.filter_value, coalesce(a.kind, c.facet), c.value, c.n
FROM counted c LEFT JOIN articles_actor a ON a.id = CASE WHEN c.facet = 'actor' THEN c.value::bigint END
"""
# Within each big actor X: per day, per country of the entry (and '' for every entry of X), the
# entries mentioning each actor. X's own row is stored under co_actor_id 0: it counts X's entries,
# and a literal lets the partial index of these totals serve the histogram and country counts.
_DAYS_SQL = """
INSERT INTO articles_facet_days (actor_id, country, day, co_actor_id, n)
SELECT b.value::bigint, c.code, e.published_on, CASE co.actor_id WHEN b.value::bigint THEN 0 ELSE co.actor_id END,
    count(*)
FROM ({big}) b
JOIN articles_entry e ON e.actor_ids @> ARRAY[b.value::bigint]
CROSS JOIN LATERAL (SELECT ''::varchar(2) UNION ALL SELECT unnest(e.country_codes)) AS c(code)
CROSS JOIN LATERAL unnest(e.actor_ids) AS co(actor_id)
WHERE b.facet = 'actor' AND e.published_on IS NOT NULL AND e.{entries}
GROUP BY 1, 2, 3, 4
"""
_DAYS_ON_CONFLICT = (
    " ON CONFLICT (actor_id, country, day, co_actor_id) DO UPDATE SET n = articles_facet_days.n + excluded.n"
)
_BIG = "SELECT facet, value FROM articles_facet_counts WHERE facet IN ('country', 'actor') AND n >= %(pairs_from)s"
# Only the filters that already have their pairs: one that grows past `pairs_from` by an addition
# gets them at the next full refresh and is counted live until then.
_BIG_ALREADY = "SELECT filter_facet AS facet, filter_value AS value FROM articles_facet_pairs WHERE facet = 'total'"
_PAIRS_ON_CONFLICT = (
    " ON CONFLICT (filter_facet, filter_value, facet, value) DO UPDATE SET n = articles_facet_pairs.n + excluded.n"
)


@transaction.atomic
def facet_counts_refresh(*, pairs_from: int = PAIRS_FROM) -> None:
    """Recount the precomputed facets from scratch (about 45 s per million entries here).

    Readers keep seeing the previous counts until the refresh commits (MVCC).
    """
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE articles_facet_counts IN SHARE ROW EXCLUSIVE MODE")  # one writer at a time
        cursor.execute("DELETE FROM articles_facet_counts")
        cursor.execute(_COUNTS_SQL.format(entries=_CANONICAL))
        cursor.execute("INSERT INTO articles_facet_counts (facet, value, n) VALUES ('refreshed', now()::text, 0)")
        cursor.execute(_MARK_SQL)
        cursor.execute("DELETE FROM articles_facet_pairs")
        cursor.execute(_PAIRS_SQL.format(big=_BIG, entries=_CANONICAL), {"pairs_from": pairs_from})
        cursor.execute("DELETE FROM articles_facet_days")
        cursor.execute(_DAYS_SQL.format(big=_BIG, entries=_CANONICAL), {"pairs_from": pairs_from})


@transaction.atomic
def facet_counts_add(*, entry_ids: Collection[int], pairs_from: int = PAIRS_FROM) -> bool:
    """Add the counts of these newly inserted entries, when that gives what a refresh would.

    True when it did; False when it refreshed everything instead: the counts were not current
    before these entries (other entries arrived, or none were ever made). The caller must only
    pass a run's new entries when nothing else changed (no file updated, no entry deleted).
    An import of new files then costs milliseconds instead of a full recount.
    """
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE articles_facet_counts IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(
            "SELECT count(*) FROM articles_entry"
            " WHERE id > coalesce((SELECT n FROM articles_facet_counts WHERE facet = 'max_entry_id'), 0)"
        )
        arrived = cursor.fetchone()[0]
        cursor.execute("SELECT n FROM articles_facet_counts WHERE facet = 'total'")
        counted = cursor.fetchone()
        ids = sorted(set(entry_ids))
        cursor.execute(
            "SELECT count(*) FROM articles_entry WHERE id = ANY(%s)"
            " AND id > coalesce((SELECT n FROM articles_facet_counts WHERE facet = 'max_entry_id'), 0)",
            [ids],
        )
        if not counted or not counted[0] or arrived != len(ids) or cursor.fetchone()[0] != len(ids):
            facet_counts_refresh(pairs_from=pairs_from)
            return False
        params = {"added": ids}
        cursor.execute(_COUNTS_SQL.format(entries=_ADDED) + _ADD_ON_CONFLICT, params)
        cursor.execute(_MARK_SQL)
        cursor.execute("UPDATE articles_facet_counts SET value = now()::text WHERE facet = 'refreshed'")
        cursor.execute(_PAIRS_SQL.format(big=_BIG_ALREADY, entries=_ADDED) + _PAIRS_ON_CONFLICT, params)
        cursor.execute(_DAYS_SQL.format(big=_BIG_ALREADY, entries=_ADDED) + _DAYS_ON_CONFLICT, params)
    return True


def facet_counts_invalidate() -> None:
    """Stop pages reading the precomputed counts until the next recount: an editor changed
    entries (merge, dates, mentions, deletions) in ways the added-to counts cannot follow.
    Pages count live meanwhile; the next import run recounts in full."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_facet_counts SET n = -1 WHERE facet = 'max_entry_id'")

"""Per-day counts within each big actor, by country and co-mentioned actor (articles_facet_days).

They answer the filters the single-filter pairs cannot: a big person or organisation within a
date range, with or without one country (see articles/services/facets.py)."""

from django.db import migrations

FACET_DAYS_SQL = """
CREATE TABLE articles_facet_days (
    actor_id bigint NOT NULL,
    country varchar(2) NOT NULL,
    day date NOT NULL,
    co_actor_id bigint NOT NULL,
    n integer NOT NULL,
    -- n included: every read is an index-only scan of this key or of the totals below.
    PRIMARY KEY (actor_id, country, day, co_actor_id) INCLUDE (n)
);
CREATE INDEX articles_facet_days_totals ON articles_facet_days (actor_id, day) INCLUDE (country, n)
    WHERE co_actor_id = 0;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_facet_counts_table"),
    ]

    operations = [migrations.RunSQL(FACET_DAYS_SQL, "DROP TABLE articles_facet_days")]

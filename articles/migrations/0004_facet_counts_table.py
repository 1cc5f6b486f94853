"""articles_facet_counts becomes a table: an import run of new files adds its entries' counts to
it (INSERT … ON CONFLICT), where a materialized view could only be recomputed whole (~45 s at a
million entries)."""

from importlib import import_module

from django.db import migrations

TO_TABLE = """
CREATE TABLE articles_facet_counts_new (
    facet text NOT NULL,
    value text NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (facet, value)
);
INSERT INTO articles_facet_counts_new (facet, value, n) SELECT facet, value, n FROM articles_facet_counts;
DROP MATERIALIZED VIEW articles_facet_counts;
ALTER TABLE articles_facet_counts_new RENAME TO articles_facet_counts;
ALTER INDEX articles_facet_counts_new_pkey RENAME TO articles_facet_counts_key;
"""

# Back to the view of 0003, recomputed from the entries.
TO_VIEW = "DROP TABLE articles_facet_counts;" + import_module("articles.migrations.0003_scale_indexes").FACET_COUNTS_SQL


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_scale_indexes"),
    ]

    operations = [migrations.RunSQL(TO_TABLE, TO_VIEW)]

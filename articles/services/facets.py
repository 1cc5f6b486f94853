"""Refresh the precomputed whole-archive counts (the `articles_facet_counts` materialized view)."""

from django.db import connection


def facet_counts_refresh() -> None:
    """Recount canonical entries per country, actor and day, the total and the undated.

    Call after an import (and after bulk edits); about a second per million entries. CONCURRENTLY
    keeps the pages reading the previous counts while the new ones are computed.
    """
    with connection.cursor() as cursor:
        cursor.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY articles_facet_counts")

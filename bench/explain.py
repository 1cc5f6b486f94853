"""EXPLAIN ANALYZE the queries the browse pages are built from, at the current archive size.

    python bench/explain.py [--plans]        # one line per query: execution ms and the plan's top nodes

The querysets are the project's own (articles/querysets.py, articles/selectors/); the subjects
(country, person, search term) are chosen from the data as in bench/pages.py.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
from pathlib import Path


def explain(queryset_or_sql, params=None) -> tuple[float, list[str]]:
    """Execution time in ms and the plan lines of one query."""
    from django.db import connection

    if isinstance(queryset_or_sql, str):
        sql = queryset_or_sql
    else:
        sql, params = queryset_or_sql.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        lines = [row[0] for row in cursor.fetchall()]
    total = next(float(m.group(1)) for line in lines if (m := re.search(r"Execution Time: ([\d.]+)", line)))
    return total, lines


def cases():
    """(name, queryset or SQL) pairs: the pages' list, count, facet and histogram queries."""
    from django.contrib.postgres.search import SearchQuery, SearchRank
    from django.db.models import Count, F, Func
    from django.db.models.functions import TruncMonth

    from articles.models import Actor, Entry, Location

    code = Location.objects.countries().order_by("-mention_count").first().country_code
    person = Actor.objects.people().order_by("-mention_count").first()
    term = Actor.objects.people().order_by("-mention_count")[1].name.split()[-1]
    canonical = Entry.objects.canonical()
    country = canonical.mentioning_countries([code])
    by_person = canonical.mentioning_actors([person.id])
    latest = (
        canonical.filter(published_on__isnull=False)
        .order_by("-published_on")
        .values_list("published_on", flat=True)
        .first()
    )
    combined = country.mentioning_actors([person.id]).filter(published_on__gte=latest.replace(year=latest.year - 1))
    query = SearchQuery(term, search_type="websearch", config="english")
    search = canonical.filter(search_vector=query)

    def count(qs):
        # What QuerySet.count() runs: count(*) over the filtered rows, nothing else selected.
        sql, params = qs.order_by().values("pk").query.sql_with_params()
        return f"SELECT count(*) FROM ({sql}) AS counted", params

    def page(qs, offset=0):
        # The dated part of a newest-first page, as selectors/entries.py reads it (undated come after).
        dated = qs.filter(published_on__isnull=False).select_related("article")
        return dated.order_by("-published_on", "-id")[offset : offset + 50]

    def facet(qs, column):
        return (
            qs.annotate(value=Func(F(column), function="unnest"))
            .values("value")
            .annotate(n=Count("*"))
            .order_by("-n")[:20]
        )

    def histogram(qs):
        return qs.annotate(month=TruncMonth("published_on")).values("month").annotate(n=Count("*")).order_by("month")

    yield "page: unfiltered newest", page(canonical)
    yield "count: unfiltered", count(canonical.values("pk"))
    yield "page: deep (offset 10000)", page(canonical, 10_000)
    yield "page: country", page(country)
    yield "count: country", count(country)
    yield "page: person", page(by_person)
    yield "count: person", count(by_person)
    yield "page: country+person+year", page(combined)
    yield "count: country+person+year", count(combined)
    yield (
        "page: search ranked",
        search.annotate(rank=SearchRank(F("search_vector"), query)).order_by("-rank", "-id")[:50],
    )
    yield "page: search newest", page(search)
    yield "count: search", count(search)
    yield "page: search+country+year", page(search.mentioning_countries([code]).filter(published_on__gte=latest))
    yield "facet: countries unfiltered", facet(canonical, "country_codes")
    yield "facet: people unfiltered", facet(canonical, "actor_ids")
    yield "facet: countries | country", facet(country, "country_codes")
    yield "facet: people | person", facet(by_person, "actor_ids")
    yield "facet: people | country+person+year", facet(combined, "actor_ids")
    yield "facet: countries | search", facet(search, "country_codes")
    month_start = latest - datetime.timedelta(days=30)
    month = canonical.filter(published_on__gte=month_start, published_on__lte=latest)
    mid_person = Actor.objects.people().order_by("-mention_count")[100]
    yield "count: last month", count(month)
    yield "facet: people | last month", facet(month, "actor_ids")
    yield (
        "facet: countries | country+last month",
        facet(country.filter(published_on__gte=month_start), "country_codes"),
    )
    yield "facet: countries | 100th person", facet(canonical.mentioning_actors([mid_person.id]), "country_codes")
    yield "count: 100th person", count(canonical.mentioning_actors([mid_person.id]))
    yield "histogram: unfiltered", histogram(canonical)
    yield "histogram: country", histogram(country)
    yield "histogram: person", histogram(by_person)
    yield (
        "csv: 10000 newest rows",
        canonical.filter(published_on__isnull=False)
        .select_related("article")
        .order_by("-published_on", "-id")[:10_000],
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="EXPLAIN ANALYZE the browse queries.")
    parser.add_argument("--plans", action="store_true", help="Print the full plans too.")
    parser.add_argument("--only", help="Run only the cases whose name contains this text.")
    args = parser.parse_args(argv)
    for name, query in cases():
        if args.only and args.only not in name:
            continue
        query, params = query if isinstance(query, tuple) else (query, None)
        explain(query, params)  # warm the cache: figures are for a server that has been running
        ms, lines = explain(query, params)
        nodes = [re.sub(r"\s+\(cost=.*", "", line).strip(" ->") for line in lines if "cost=" in line][:4]
        print(f"{ms:9.1f} ms  {name:38}  {' > '.join(nodes)}")
        if args.plans:
            print("\n".join("    " + line for line in lines))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    sys.exit(main())

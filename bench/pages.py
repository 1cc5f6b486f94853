"""Benchmark the reader's pages: p50/p95 latency and SQL queries per page.

    python bench/pages.py [--repeat 7] [--json] [--url http://127.0.0.1:8000]

Without --url the pages are requested in-process through Django's test client, and the SQL
queries each page runs are counted; with --url they are fetched over HTTP from a running server
(queries are then not counted). Either way the database named by the settings (DATABASE_URL) is
read to choose the subjects, so they exist in any archive:

  home            /                                    the archive at a glance
  entries         /entries/                            unfiltered browse page
  country         /entries/?country=C                  C = the most-mentioned country
  person          /entries/?person=P                   P = the most-mentioned person
  combined        /entries/?country=C&person=P&date_from=…&date_to=…   the last 365 days
  search          /entries/?q=S                        S = the surname of the 2nd most-mentioned person
  search+filters  /entries/?q=S&country=C&date_from=…
  deep page       /entries/?page=200
  actor page      /people/P/
  country page    /countries/C/
  csv export      /entries.csv?date_from=D             D chosen so about 10 000 canonical entries match
  people          /people/                             the directory, most mentioned first
  people, name    /people/?name=N                      N = the 2nd person's surname, misspelt (trigram)
  people, country /people/?country=C                   the directory within one country's entries
  places          /places/?country=C&page=2
  place filter    /entries/?place=L                    L = the most-mentioned place (not a country)
  place page      /places/L/
  search, name    /entries/?q=Full Name                the 2nd person's name: every spelling, suggested
  compare         /compare/?person=P&person=P2
  compare four    /compare/?person=P&person=P2&place=L&country=C

Each URL is fetched once to warm up, then --repeat times; p95 is the nearest-rank percentile.
A status other than 200 (e.g. 404 while a page does not exist yet) is reported, not fatal.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlencode

CSV_ROWS = 10_000


@dataclass
class PageResult:
    name: str
    url: str
    status: int
    p50_ms: float
    p95_ms: float
    queries: int | None
    bytes: int


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def benchmark_urls() -> list[tuple[str, str]]:
    """The fixed URL set, with subjects chosen from the data (see the module docstring)."""
    from articles.models import Actor, Entry, Location

    country = Location.objects.countries().order_by("-mention_count", "country_code").first()
    top_place = Location.objects.exclude(kind="country").order_by("-mention_count", "id").first()
    place = top_place.slug if top_place else "nowhere"
    people = list(Actor.objects.people().order_by("-mention_count", "id")[:2])
    code = country.country_code if country else "UA"
    person = people[0].slug if people else "nobody"
    term = (people[-1].name.split()[-1] if people else "ceasefire").lower()
    canonical = Entry.objects.canonical().filter(published_on__isnull=False).order_by("-published_on")
    latest = canonical.values_list("published_on", flat=True).first()
    csv_from = canonical.values_list("published_on", flat=True)[CSV_ROWS - 1 : CSV_ROWS].first()
    year_before = latest.replace(year=latest.year - 1) if latest else None
    date_to = latest.isoformat() if latest else "2100-01-01"
    date_from = year_before.isoformat() if year_before else "1900-01-01"

    def entries(**params) -> str:
        return "/entries/?" + urlencode(params)

    csv_params = {"date_from": csv_from.isoformat()} if csv_from else {}
    newest = canonical.values("id", "article_id").first() or {"id": 1, "article_id": 1}
    return [
        ("home", "/"),
        ("entries", "/entries/"),
        ("country", entries(country=code)),
        ("person", entries(person=person)),
        ("combined", entries(country=code, person=person, date_from=date_from, date_to=date_to)),
        ("search", entries(q=term)),
        ("search+filters", entries(q=term, country=code, date_from=date_from)),
        ("deep page", entries(page=200)),
        ("actor page", f"/people/{person}/"),
        ("country page", f"/countries/{code}/"),
        ("entry page", f"/entries/{newest['id']}/"),
        ("article, oldest first", f"/articles/{newest['article_id']}/?order=oldest"),
        ("csv export", "/entries.csv" + ("?" + urlencode(csv_params) if csv_params else "")),
        ("people", "/people/"),
        ("people, name", "/people/?" + urlencode({"name": _misspelt(term)})),
        ("people, country", "/people/?" + urlencode({"country": code})),
        ("places", "/places/?" + urlencode({"country": code, "page": 2})),
        ("place filter", entries(place=place)),
        ("place page", f"/places/{place}/"),
        ("search, name", entries(q=people[-1].name if people else "ceasefire")),
        ("compare", "/compare/?" + urlencode([("person", p.slug) for p in people])),
        (
            "compare four",
            "/compare/?" + urlencode([*(("person", p.slug) for p in people), ("place", place), ("country", code)]),
        ),
    ]


def _misspelt(word: str) -> str:
    """The word with its last two letters swapped: found by similarity, not by substring."""
    return word[:-2] + word[-1] + word[-2] if len(word) > 3 else word


def _fetch_client(client, url: str) -> tuple[int, int, int | None]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, len(body), len(queries.captured_queries)


def _fetch_http(base_url: str, url: str) -> tuple[int, int, int | None]:
    try:
        with urllib.request.urlopen(base_url.rstrip("/") + url, timeout=120) as response:
            return response.status, len(response.read()), None
    except urllib.error.HTTPError as error:
        return error.code, len(error.read()), None


def run_benchmark(*, repeat: int = 7, base_url: str | None = None) -> list[PageResult]:
    """Fetch every benchmark URL `repeat` times (after one warm-up) and summarise."""
    if base_url:

        def fetch(url):
            return _fetch_http(base_url, url)
    else:
        from django.test import Client

        client = Client(HTTP_HOST="localhost")

        def fetch(url):
            return _fetch_client(client, url)

    results = []
    for name, url in benchmark_urls():
        status, size, queries = fetch(url)  # warm-up: caches, connection, plan cache
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            status, size, queries = fetch(url)
            timings.append((time.perf_counter() - started) * 1000)
        results.append(
            PageResult(
                name=name,
                url=url,
                status=status,
                p50_ms=round(statistics.median(timings), 1),
                p95_ms=round(_percentile(timings, 0.95), 1),
                queries=queries,
                bytes=size,
            )
        )
    return results


def render_table(results: list[PageResult]) -> str:
    """A plain-text table: one row per page."""
    header = ("page", "status", "p50 ms", "p95 ms", "queries", "KiB", "url")
    rows = [
        (
            r.name,
            str(r.status) + ("" if r.status < 400 else " (not found)" if r.status == 404 else " (error)"),
            f"{r.p50_ms:.1f}",
            f"{r.p95_ms:.1f}",
            "-" if r.queries is None else str(r.queries),
            f"{r.bytes / 1024:.0f}",
            r.url,
        )
        for r in results
    ]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def archive_size() -> dict[str, int]:
    from articles.models import Actor, Article, Entry, Location

    return {
        "entries": Entry.objects.count(),
        "articles": Article.objects.count(),
        "actors": Actor.objects.count(),
        "locations": Location.objects.count(),
    }


def main(argv: list[str] | None = None, stdout=None) -> int:
    """Command-line entry point; prints the table (and JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="Measured requests per URL (default 7).")
    parser.add_argument("--url", help="Base URL of a running server; default: Django's test client in-process.")
    parser.add_argument("--json", action="store_true", help="Also print the results as JSON.")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    from bench.machine import describe, reference_ms

    out = stdout or sys.stdout
    reference = reference_ms()
    results = run_benchmark(repeat=args.repeat, base_url=args.url)
    size = archive_size()
    print(f"Archive: {size['entries']} entries, {size['articles']} articles; {os.cpu_count()} CPUs", file=out)
    print(describe(reference), file=out)
    print(f"{args.repeat} runs per page via {args.url or 'the test client'}", file=out)
    print(render_table(results), file=out)
    if args.json:
        payload = {
            "archive": size,
            "repeat": args.repeat,
            "cpus": os.cpu_count(),
            "machine_reference": reference,
            "pages": [asdict(r) for r in results],
        }
        print(json.dumps(payload, indent=2), file=out)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    sys.exit(main())

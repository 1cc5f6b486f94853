"""The page benchmark runs end to end on a small generated archive (no timing assertions)."""

import io
import json
import os

import pytest

from articles.services.generate import archive_generate
from bench import pages


@pytest.mark.django_db
def test_benchmark_prints_a_table_and_json():
    archive_generate(entries=2000, seed=5)
    out = io.StringIO()

    assert pages.main(["--repeat", "1", "--json"], stdout=out) == 0

    text = out.getvalue()
    table, _, payload = text.partition("\n{")
    assert "p50 ms" in table and "queries" in table
    report = json.loads("{" + payload)
    assert report["archive"]["entries"] == 2000
    by_name = {page["name"]: page for page in report["pages"]}
    assert set(by_name) == {name for name, _ in pages.benchmark_urls()}
    assert len(by_name) == 22
    finding = ("people", "people, name", "people, country", "place filter", "place page", "search, name", "compare")
    for name in (
        "home",
        "entries",
        "country",
        "person",
        "search",
        "actor page",
        "country page",
        "csv export",
        *finding,
    ):
        assert by_name[name]["status"] == 200, name
        assert isinstance(by_name[name]["queries"], int)
    assert by_name["home"]["queries"] >= 2  # counted through the test client
    # The subjects come from the data: the most-mentioned person and country.
    assert "/people/synthetic-" in by_name["actor page"]["url"]
    for page in report["pages"]:
        assert page["p95_ms"] >= page["p50_ms"] > 0


@pytest.mark.django_db(transaction=True)
def test_import_benchmark_reports_every_mode_and_leaves_nothing():
    from articles.models import Article, ArticleEvent
    from bench import imports

    out = io.StringIO()
    assert imports.main(["--files", "3", "--json"], stdout=out, throwaway_database=False) == 0
    text = out.getvalue()
    assert "parse only" in text and "without extraction" in text and "with extraction" in text
    report = json.loads(text[text.index("{") :])
    runs = [(run["extraction"], run["jobs"]) for run in report["runs"]]
    jobs = os.cpu_count() or 1
    pooled = [(False, jobs), (True, jobs)] if jobs > 1 else []
    assert runs == [(None, 1), (False, 1), (False, 1), (True, 1), (True, 1), *pooled, (None, 1)]
    # Each single-process import is measured with and without history, and the cost printed.
    assert [run.get("history") for run in report["runs"][1:5]] == [True, False, True, False]
    assert text.count("history costs") == 2
    assert all(run["files"] == 3 and run["failed"] == 0 for run in report["runs"])
    # The floor re-stores the imported rows set-based and says what PostgreSQL spent on each part.
    floor = report["runs"][-1]
    assert floor["mode"] == "database alone (floor)"
    assert set(floor["cpu_ms_per_article"]) >= {"entries and search vectors", "commit (foreign-key checks)"}
    assert "database alone:" in text
    assert not Article.objects.exists()  # each run's tables were emptied again
    assert not ArticleEvent.objects.exists()

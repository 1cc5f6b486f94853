"""bench/curve.py and bench/compare.py turn real benchmark output into a table and a plot."""

import json

import pytest

from bench import compare, curve
from bench import pages as pages_bench


@pytest.mark.django_db
def test_curve_tables_and_plots_two_sizes_of_a_real_benchmark(tmp_path, capsys):
    from articles.services.generate import archive_generate, synthetic_clear

    files = []
    for entries in (500, 1500):
        synthetic_clear()
        archive_generate(entries=entries, seed=3)
        pages_bench.main(["--repeat", "1", "--json"])
        out = capsys.readouterr().out
        files.append(tmp_path / f"pages-{entries}.json")
        files[-1].write_text(out[out.index("\n{") + 1 :])
    png = tmp_path / "curve.png"

    assert curve.main([str(f) for f in reversed(files)] + ["--png", str(png), "--json", str(tmp_path / "c.json")]) == 0

    table = capsys.readouterr().out
    assert "| page | 500 p50 ms | 1,500 p50 ms | x from 500 to 1,500 |" in table
    assert "| csv export |" in table
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [point["entries"] for point in json.loads((tmp_path / "c.json").read_text())["curve"]] == [500, 1500]


def test_compare_takes_the_median_of_each_page_over_rounds():
    def run(*p50s):
        return {"pages": [{"name": "home", "url": "/", "p50_ms": v, "p95_ms": v + 1} for v in p50s]}

    (row,) = compare.summarise([run(10), run(30), run(20)], [run(40), run(60), run(50)])
    assert (row["a_p50_ms"], row["b_p50_ms"], row["b_over_a"]) == (20, 50, 2.5)

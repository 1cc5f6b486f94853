"""How page cost grows with the archive: a table and a PNG plot from page-benchmark results.

    python bench/curve.py RESULT.json [RESULT.json ...] [--png docs/cost-curve.png] [--json out.json]

Each RESULT is the JSON of `bench/pages.py --json` or of bench/compare.py (its A runs) at one
archive size, measured on one server. Sizes come from the files (`archive.entries`). Prints
p50 per page and size as a Markdown table, and each page's growth from the previous size; the
PNG (matplotlib) puts entries on a log x axis and p50 ms on a log y axis, one line per page.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def load_point(path: Path) -> tuple[int, dict[str, float]]:
    """(entries, {page: p50 ms}) from one results file."""
    data = json.loads(path.read_text())
    key = "a_p50_ms" if "a" in data else "p50_ms"
    return data["archive"]["entries"], {page["name"]: page[key] for page in data["pages"]}


def table(points: list[tuple[int, dict[str, float]]]) -> str:
    """Markdown: a row per page, a column per size, then the growth over the last step."""
    sizes = [size for size, _ in points]
    header = ["page", *(f"{size:,} p50 ms" for size in sizes)]
    if len(points) > 1:
        header.append(f"x from {sizes[-2]:,} to {sizes[-1]:,}")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" + "---:|" * (len(header) - 1)]
    for page in points[0][1]:
        cells = [f"{pages.get(page, float('nan')):.1f}" for _, pages in points]
        if len(points) > 1 and points[-2][1].get(page):
            cells.append(f"{points[-1][1].get(page, float('nan')) / points[-2][1][page]:.2f}")
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plot(points: list[tuple[int, dict[str, float]]], png: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")  # files only, no display
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(8, 5), dpi=110)
    sizes = [size for size, _ in points]
    for page in points[0][1]:
        axes.plot(sizes, [pages.get(page) for _, pages in points], marker="o", label=page)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("entries in the archive")
    axes.set_ylabel("p50 ms (test client)")
    axes.set_title(title)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize="small", ncol=2)
    figure.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(png)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="+", type=Path, help="Page-benchmark JSON files, one per size.")
    parser.add_argument("--png", type=Path, help="Write the plot here.")
    parser.add_argument("--title", default="Page p50 by archive size", help="The plot's title.")
    parser.add_argument("--json", type=Path, help="Write the curve's points here.")
    args = parser.parse_args(argv)
    points = sorted(load_point(path) for path in args.results)
    print(table(points))
    if args.png:
        plot(points, args.png, args.title)
        print(f"plot: {args.png}")
    if args.json:
        curve = [{"entries": size, "p50_ms": pages} for size, pages in points]
        args.json.write_text(json.dumps({"sources": [str(p) for p in args.results], "curve": curve}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

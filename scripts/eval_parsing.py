"""Score the parser against hand labels: headline, date, entry titles, boilerplate left.

    python scripts/eval_parsing.py [FOLDER ...]   (default: ../shared/seeds and sample_data)

Each folder holds text files and an expected.json in the seeds' format.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.parsing import parse_article  # noqa: E402


def score_folder(folder: Path, *, verbose: bool) -> tuple[int, int, int, list[str]]:
    labels = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    hits = extra = missed = 0
    problems: list[str] = []
    for label in labels["files"]:
        name = label["file"]
        article = parse_article((folder / name).read_bytes(), filename=name)
        got = {e.title for e in article.entries if e.title}
        want = set(label.get("entry_titles", []))
        hits, extra, missed = hits + len(got & want), extra + len(got - want), missed + len(want - got)
        if article.headline != label["headline"]:
            problems.append(f"{name}: headline {article.headline!r}")
        date = article.published_on.isoformat() if article.published_on else None
        want_date = label.get("date") or label.get("date_in_text")  # a date line, or a dated line in the text
        if want_date and len(want_date) == 7:
            date = date[:7] if date else None
        if date != want_date:
            problems.append(f"{name}: date {date} != {want_date}")
        boilerplate = {line.strip() for line in label.get("boilerplate_lines", [])}
        for entry in article.entries:
            for line in entry.body.split("\n"):
                if line.strip() and line.strip() in boilerplate:
                    problems.append(f"{name}: boilerplate left: {line[:70]}")
        if verbose:
            problems += [f"{name}: missed title: {t[:80]}" for t in sorted(want - got)]
            problems += [f"{name}: extra title: {t[:80]}" for t in sorted(got - want)]
    return hits, extra, missed, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed and extra titles")
    args = parser.parse_args()
    folders = args.folders or [p for p in (ROOT.parent / "shared" / "seeds", ROOT / "sample_data") if p.exists()]
    for folder in folders:
        hits, extra, missed, problems = score_folder(folder, verbose=args.verbose)
        recall = hits / (hits + missed) if hits + missed else 1.0
        precision = hits / (hits + extra) if hits + extra else 1.0
        print(f"{folder}: entry titles recall {recall:.3f} precision {precision:.3f}")
        for problem in problems:
            print(f"  {problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

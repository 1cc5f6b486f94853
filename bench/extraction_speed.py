"""Extraction speed on one core: articles per second over seed-sized texts.

    .venv/bin/python bench/extraction_speed.py [--seconds 5] [--seeds ../shared/seeds]

Uses the seed files when they are beside the repository (split by the importer's parser when it
exists, else each line an entry), else texts built from sentences written here. The gazetteer
loads once, before timing; its load time is printed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.extract.gazetteer import gazetteer  # noqa: E402
from articles.extraction import Extractor  # noqa: E402

SEED_DIRS = [ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds"]
OWN_SENTENCES = [
    "Russian drones struck Odesa overnight, regional governor Oleh Kiper said.",
    "Mr Kiper said two people were wounded and a school was damaged.",
    "Israeli strikes on Khan Younis killed at least 12 people, the Gaza civil defence agency said.",
    "The RSF said it had taken positions east of El Fasher in North Darfur.",
    "Nato foreign ministers met in Brussels as the EU prepared new sanctions.",
    "Syria's interim leader Ahmed al-Sharaa met Turkish officials in Damascus.",
    "Aid worker Leila Haddad told reporters that convoys had not reached Rafah for a week.",
    "President Biden and Sir Keir Starmer discussed support for Kyiv by phone.",
]


def seed_articles(folder: Path) -> list[tuple[str, str, list[tuple[str | None, str]]]]:
    """The seeds as the importer passes them: its parser's entries when it exists, else a line each."""
    try:
        from articles.parsing import parse_article
    except ImportError:
        parse_article = None
    articles = []
    for path in sorted(folder.glob("*.txt")):
        if parse_article is not None:
            parsed = parse_article(path.read_bytes(), filename=path.name)
            articles.append((parsed.headline, parsed.standfirst, [(e.title, e.body) for e in parsed.entries]))
            continue
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        articles.append((lines[0], "", [(None, line) for line in lines[1:]]))
    return articles


def own_articles(count: int = 4) -> list[tuple[str, str, list[tuple[None, str]]]]:
    rng = random.Random(7)
    # About 9 KB each, like the seeds: 60 entries of two sentences.
    return [
        ("Live: strikes and talks", "", [(None, " ".join(rng.sample(OWN_SENTENCES, 2))) for _ in range(60)])
        for _ in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to run (default 5)")
    parser.add_argument("--seeds", type=Path, default=next((d for d in SEED_DIRS if d.is_dir()), None))
    args = parser.parse_args()

    started = time.perf_counter()
    gazetteer()
    extractor = Extractor()
    load = time.perf_counter() - started
    articles = seed_articles(args.seeds) if args.seeds and args.seeds.is_dir() else own_articles()
    size = sum(len(h) + sum(len(b) for _, b in entries) for h, _, entries in articles) / len(articles)

    # One-second windows of CPU time: the mean, and the best window (least disturbed by other
    # jobs on a shared machine), in articles per CPU-second on one core.
    rates, done_total, started = [], 0, time.perf_counter()
    while time.perf_counter() - started < args.seconds:
        done, cpu_started = 0, time.process_time()
        while time.process_time() - cpu_started < 1.0:
            for headline, standfirst, entries in articles:
                extractor.extract_article(headline=headline, standfirst=standfirst, entries=entries)
                done += 1
        rates.append(done / (time.process_time() - cpu_started))
        done_total += done
    elapsed = time.perf_counter() - started
    source = f"seed files in {args.seeds}" if args.seeds and args.seeds.is_dir() else "built-in texts"
    entries = sum(len(a[2]) for a in articles) / len(articles)
    print(f"texts: {source}, {size / 1000:.1f} kB and {entries:.0f} entries per article on average")
    print(f"gazetteer load: {load:.2f}s (once per process)")
    print(f"extraction: {done_total} articles in {elapsed:.1f}s wall = {done_total / elapsed:.0f} articles/s")
    print(
        f"extraction on one core: mean {sum(rates) / len(rates):.0f}, best {max(rates):.0f} articles per CPU-second "
        f"over {len(rates)} one-second windows"
    )


if __name__ == "__main__":
    main()

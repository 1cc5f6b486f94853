"""Compare the page benchmark under two settings, alternating runs so load on the machine
falls on both alike.

    python bench/compare.py --a DATABASE_JIT=off --b DATABASE_JIT=on [--rounds 3] [--repeat 7]
                            [--json bench/results/jit.json]

Each round runs bench/pages.py once with A's environment and once with B's (A first in odd
rounds, B first in even ones). Per page it reports the median over rounds of each run's p50
and p95, and B/A. Environment assignments apply on top of the current environment (so
DATABASE_URL selects the server).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _assignments(values: list[str]) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name:
            raise SystemExit(f"expected NAME=value, got {value!r}")
        pairs[name] = setting
    return pairs


def run_pages(env: dict[str, str], repeat: int) -> dict:
    """One bench/pages.py run with `env` added; its JSON payload."""
    command = [sys.executable, str(ROOT / "bench" / "pages.py"), "--repeat", str(repeat), "--json"]
    result = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"bench/pages.py failed with {env}: {result.stderr[-800:]}")
    return json.loads(result.stdout[result.stdout.index("\n{") + 1 :])


def summarise(runs_a: list[dict], runs_b: list[dict]) -> list[dict]:
    """Per page: the median over rounds of p50/p95 under A and B."""
    rows = []
    for index, page in enumerate(runs_a[0]["pages"]):

        def median(runs, key, index=index):
            return round(statistics.median(run["pages"][index][key] for run in runs), 1)

        a50, b50 = median(runs_a, "p50_ms"), median(runs_b, "p50_ms")
        rows.append(
            {
                "name": page["name"],
                "url": page["url"],
                "a_p50_ms": a50,
                "a_p95_ms": median(runs_a, "p95_ms"),
                "b_p50_ms": b50,
                "b_p95_ms": median(runs_b, "p95_ms"),
                "b_over_a": round(b50 / a50, 2) if a50 else None,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--a", nargs="+", required=True, metavar="NAME=value", help="Environment of run A.")
    parser.add_argument("--b", nargs="+", required=True, metavar="NAME=value", help="Environment of run B.")
    parser.add_argument("--rounds", type=int, default=3, help="A/B pairs (default 3).")
    parser.add_argument("--repeat", type=int, default=7, help="Requests per URL in each run (default 7).")
    parser.add_argument("--json", type=Path, help="Also write the results to this file.")
    args = parser.parse_args(argv)
    env_a, env_b = _assignments(args.a), _assignments(args.b)
    runs_a, runs_b = [], []
    for round_number in range(args.rounds):
        order = [(env_a, runs_a), (env_b, runs_b)]
        for env, runs in order if round_number % 2 == 0 else order[::-1]:
            runs.append(run_pages(env, args.repeat))
    rows = summarise(runs_a, runs_b)
    print(f"Archive: {runs_a[0]['archive']}; A = {env_a}, B = {env_b}; {args.rounds} alternating rounds")
    for run in runs_a + runs_b:
        print(f"machine reference: {run['machine_reference']}")
    print(f"{'page':16} {'A p50':>8} {'A p95':>8} {'B p50':>8} {'B p95':>8} {'B/A':>6}")
    for row in rows:
        cells = [row[k] for k in ("a_p50_ms", "a_p95_ms", "b_p50_ms", "b_p95_ms")]
        print(f"{row['name']:16} " + " ".join(f"{v:8.1f}" for v in cells) + f" {row['b_over_a'] or 0:6.2f}")
    if args.json:
        payload = {"a": env_a, "b": env_b, "archive": runs_a[0]["archive"], "rounds": args.rounds}
        payload |= {"repeat": args.repeat, "machine_reference": [r["machine_reference"] for r in runs_a + runs_b]}
        args.json.write_text(json.dumps({**payload, "pages": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

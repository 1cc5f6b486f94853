"""/healthz as a monitor sees it during the load test, and the load test's figures as JSON.

    python bench/healthz_probe.py --url http://127.0.0.1:8765/healthz --duration 60
    python bench/healthz_probe.py --to-json FILE --wrk "RESULT ..." --probe probe.out [...]

The first form requests /healthz every --interval seconds (0.2) on a fresh connection, as a load
balancer would, and prints one line: `HEALTHZ requests=… p50_ms=… p99_ms=… max_ms=… failures=…`
(a failure is a status other than 200 or no answer within 5 s). The second joins wrk's RESULT
line and that line into a JSON file with the machine-reference figures (bench/machine.py).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
import urllib.request
from pathlib import Path


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] if ordered else float("nan")


def probe(url: str, duration: float, interval: float) -> dict:
    """Request `url` every `interval` seconds for `duration`; latency figures in ms."""
    timings, failures = [], 0
    deadline = time.monotonic() + duration
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                failures += response.status != 200
        except OSError:
            failures += 1
        timings.append((time.perf_counter() - started) * 1000)
        time.sleep(max(0.0, interval - timings[-1] / 1000))
    return {
        "requests": len(timings),
        "p50_ms": round(_percentile(timings, 0.5), 1),
        "p99_ms": round(_percentile(timings, 0.99), 1),
        "max_ms": round(max(timings, default=float("nan")), 1),
        "failures": failures,
    }


def _fields(line: str) -> dict:
    pairs = (item.split("=", 1) for item in line.split()[1:] if "=" in item)
    return {key: float(value) if "." in value else int(value) for key, value in pairs}


def write_json(args) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    from bench.machine import reference_ms

    healthz = next((line for line in Path(args.probe).read_text().splitlines() if line.startswith("HEALTHZ")), "")
    payload = {
        "clients": args.clients,
        "gunicorn_workers": args.workers,
        "gunicorn_args": args.gunicorn_args,
        "load": _fields(args.wrk),
        "healthz": _fields(healthz),
        "machine_reference_after": reference_ms(),
    }
    Path(args.to_json).write_text(json.dumps(payload, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="The /healthz URL to probe.")
    parser.add_argument("--duration", type=float, default=60, help="Seconds to probe (default 60).")
    parser.add_argument("--interval", type=float, default=0.2, help="Seconds between probes (default 0.2).")
    parser.add_argument("--to-json", help="Write the load test's figures to this file instead of probing.")
    parser.add_argument("--wrk", default="", help="wrk's RESULT line (with --to-json).")
    parser.add_argument("--probe", help="The file holding this script's HEALTHZ line (with --to-json).")
    parser.add_argument("--clients", type=int, default=0)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--gunicorn-args", default="")
    args = parser.parse_args(argv)
    if args.to_json:
        write_json(args)
        return 0
    if not args.url:
        parser.error("--url is required to probe")
    figures = probe(args.url, args.duration, args.interval)
    print("HEALTHZ " + " ".join(f"{key}={value}" for key, value in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Does /healthz answer within a second while two deep-page requests run?

Starts gunicorn with gunicorn.conf.py (threaded workers) on loopback against the configured
database (DATABASE_URL, or the embedded server of this checkout: fill it first with
`manage.py generate_archive --entries N`), runs two clients that request the deepest page a list
serves (and one past it) over and over, probes /healthz every 0.2 s meanwhile, and prints the
figures as one JSON object. Exits 1 when a probe took longer than --limit seconds or failed.

    .venv/bin/python bench/healthz_under_load.py --seconds 20
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _get(url: str, timeout: float = 60) -> tuple[int, float]:
    """(status, seconds) of one GET; errors with a status count as answers."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def _server_env() -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "GUNICORN_ACCESS_LOG": "false",
        "LOG_LEVEL": "ERROR",
    }


def _start(port: int, workers: int, threads: int) -> subprocess.Popen:
    # Production settings serve the hashed static files: collect them first.
    collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collect, cwd=ROOT, env=_server_env(), check=True)
    command = [str(ROOT / ".venv/bin/gunicorn"), "archive.wsgi:application", "--preload"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)]
    server = subprocess.Popen(command, cwd=ROOT, env=_server_env())
    for _ in range(240):
        try:
            if _get(f"http://127.0.0.1:{port}/healthz", timeout=2)[0] == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before it was healthy")
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not become healthy within 120 s")


def _deep_clients(base: str, urls: list[str], until: float, results: list) -> list[threading.Thread]:
    def run(url: str) -> None:
        while time.monotonic() < until:
            results.append((url, *_get(base + url)))

    return [threading.Thread(target=run, args=(url,), daemon=True) for url in urls]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20, help="how long the deep requests run")
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument("--limit", type=float, default=1.0, help="slowest acceptable probe, seconds")
    parser.add_argument("--q", default="ceasefire", help="a common word of the archive")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from articles.pagination import MAX_PAGES

    deepest = f"/entries/?q={args.q}&sort=newest&page={MAX_PAGES}"
    urls = [deepest, f"/entries/?sort=oldest&page={MAX_PAGES + 1}"]
    server = _start(args.port, args.workers, args.threads)
    base = f"http://127.0.0.1:{args.port}"
    try:
        deep: list = []
        until = time.monotonic() + args.seconds
        clients = _deep_clients(base, urls, until, deep)
        for client in clients:
            client.start()
        probes = []
        while time.monotonic() < until:
            probes.append(_get(base + "/healthz", timeout=30))
            time.sleep(0.2)
        for client in clients:
            client.join(timeout=120)
    finally:
        server.terminate()
        server.wait(timeout=60)
    seconds = sorted(s for _, s in probes)
    report = {
        "healthz_probes": len(probes),
        "healthz_failed": sum(1 for status, _ in probes if status != 200),
        "healthz_p50_ms": round(statistics.median(seconds) * 1000, 1),
        "healthz_max_ms": round(seconds[-1] * 1000, 1),
        "deep_requests": {
            url: {
                "count": sum(1 for u, _, _ in deep if u == url),
                "statuses": sorted({status for u, status, _ in deep if u == url}),
                "max_ms": round(max((s for u, _, s in deep if u == url), default=0) * 1000, 1),
            }
            for url in urls
        },
        "workers": args.workers,
        "threads": args.threads,
    }
    print(json.dumps(report, indent=2))
    ok = report["healthz_failed"] == 0 and seconds[-1] <= args.limit
    print("OK: /healthz answered within the limit" if ok else "SLOW: /healthz missed the limit", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

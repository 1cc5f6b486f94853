"""A fixed workload timed beside every benchmark, so figures from different days compare.

The development machines share their two cores with other jobs: the same code has measured
three times slower on one day than on another. Each benchmark prints how long this reference
took (best of three): a page that took 150 ms while the reference took three times its usual
time is not a regression.
"""

from __future__ import annotations

import time


def _python_loop() -> None:
    total = 0
    for i in range(2_000_000):
        total += i


_SQL = "SELECT count(*) FROM generate_series(1, 1000000) AS s(i) WHERE i % 7 = 0"


def reference_ms() -> dict[str, float]:
    """Best of three: a 2-million-step Python loop, and a million-row aggregate in PostgreSQL."""
    from django.db import connection

    def best(run) -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
        return round(min(times), 1)

    def sql() -> None:
        with connection.cursor() as cursor:
            cursor.execute(_SQL)
            cursor.fetchone()

    return {"python_loop_ms": best(_python_loop), "postgres_ms": best(sql)}


def describe(reference: dict[str, float]) -> str:
    return (
        f"machine reference (best of 3; lower is faster): Python loop {reference['python_loop_ms']} ms,"
        f" PostgreSQL aggregate {reference['postgres_ms']} ms"
    )

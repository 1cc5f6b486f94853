"""Read-replica health: which replicas may serve reads right now.

A replica is skipped while it is down (its connection failed: skipped for
`DATABASE_REPLICA_RETRY` seconds, then tried again) or while it lags the primary by more than
`DATABASE_REPLICA_MAX_LAG` seconds. The lag is read from the replica itself (one cheap query,
no round trip to the primary) at most every `DATABASE_REPLICA_CHECK_INTERVAL` seconds per
process; a kept connection is checked once per request (as Django's CONN_HEALTH_CHECKS would).

State is per process (each gunicorn worker learns on its own), shared by its threads.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger("archive.replicas")

DEFAULT_MAX_LAG = 30.0
DEFAULT_RETRY = 30.0
DEFAULT_CHECK_INTERVAL = 5.0

# Seconds this replica trails the primary: 0 when it has replayed all it received (an idle
# primary is not lag), else the age of the last transaction it replayed. 0 on a primary.
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
END::float8
"""


@dataclass(frozen=True)
class ReplicaState:
    status: str = "unknown"  # "ok", "lagging", "down" or "unknown" (not checked yet)
    lag_seconds: float | None = None
    checked_at: float = float("-inf")  # time.monotonic() of the last lag check
    down_until: float = float("-inf")
    error: str = ""


_states: dict[str, ReplicaState] = {}
_lock = threading.Lock()


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def state(alias: str) -> ReplicaState:
    """What this process last learnt about the replica `alias`."""
    return _states.get(alias, ReplicaState())


def _store(alias: str, **changes) -> ReplicaState:
    with _lock:
        new = replace(state(alias), **changes)
        _states[alias] = new
    return new


def mark_down(alias: str, error: Exception | str) -> None:
    """Skip `alias` for DATABASE_REPLICA_RETRY seconds."""
    retry = _setting("DATABASE_REPLICA_RETRY", DEFAULT_RETRY)
    logger.warning("Replica %s is down, reads go to the primary for %.0f s: %s", alias, retry, error)
    now = time.monotonic()
    _store(alias, status="down", down_until=now + retry, checked_at=now, lag_seconds=None, error=str(error)[:200])


def forget() -> None:
    """Drop everything learnt (tests; a process that starts afresh)."""
    with _lock:
        _states.clear()


def is_usable(alias: str) -> bool:
    """True when `alias` answers and lags at most DATABASE_REPLICA_MAX_LAG seconds.

    Costs nothing while the replica is marked down; otherwise Django's per-request health check
    of the connection and, every DATABASE_REPLICA_CHECK_INTERVAL seconds, one lag query.
    """
    now = time.monotonic()
    current = state(alias)
    if current.status == "down" and now < current.down_until:
        return False
    connection = connections[alias]
    try:
        _reconnect_if_broken(connection)
        connection.ensure_connection()
        if now - current.checked_at >= _setting("DATABASE_REPLICA_CHECK_INTERVAL", DEFAULT_CHECK_INTERVAL):
            current = _check_lag(alias, now)
    except DatabaseError as error:
        connection.close()
        mark_down(alias, error)
        return False
    return current.status == "ok"


def _reconnect_if_broken(connection) -> None:
    """Django's per-request health check, done here so a kept connection to a replica that has
    since stopped is found before the page's queries run (the router asks once per request)."""
    if connection.connection is None:
        return
    if connection.is_usable():
        connection.health_check_done = True  # spare Django a second SELECT 1
    else:
        connection.close()


def _check_lag(alias: str, now: float) -> ReplicaState:
    with connections[alias].cursor() as cursor:
        cursor.execute(LAG_SQL)
        (lag,) = cursor.fetchone()
    max_lag = _setting("DATABASE_REPLICA_MAX_LAG", DEFAULT_MAX_LAG)
    status = "ok" if lag <= max_lag else "lagging"
    if status == "lagging" and state(alias).status != "lagging":
        logger.warning("Replica %s lags %.1f s (> %.1f s): reads go to the primary", alias, lag, max_lag)
    return _store(alias, status=status, lag_seconds=round(lag, 3), checked_at=now, error="")


def report(aliases: list[str]) -> dict[str, dict]:
    """Each replica's state for /healthz, from what is already known (no query)."""
    return {
        alias: {"status": current.status, "lag_seconds": current.lag_seconds}
        for alias, current in ((alias, state(alias)) for alias in aliases)
    }

"""Who changed the archive: the context attached to the history that triggers record.

The triggers (django-pghistory, see `articles/models.py`) record every row written. What they
cannot see is who wrote it: a request's editor comes from `pghistory.middleware`, a command's
name from `command_history()` here. `history_off()` is for bulk generation of benchmark data.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator

import pghistory
import pgtrigger
from django.db import connection
from pghistory.trigger import Event as HistoryTrigger

# The metadata keys the archive puts in a history context.
USER, COMMAND, OPERATION, REVERTS = "user", "command", "operation", "reverts"

_off = threading.local()


def _context(**metadata) -> contextlib.AbstractContextManager:
    if getattr(_off, "active", False):
        return contextlib.nullcontext()
    return pghistory.context(**metadata)


def command_history(name: str) -> contextlib.AbstractContextManager:
    """Label everything written inside as done by this management command."""
    return _context(**{COMMAND: name})


def operation_history(name: str, **details) -> contextlib.AbstractContextManager:
    """Label what is written inside as one named operation (a merge, a revert) of the outer context."""
    return _context(**{OPERATION: name, **details})


@functools.cache
def _history_trigger_ids() -> tuple[str, ...]:
    return tuple(
        trigger.get_pgid(model) for model, trigger in pgtrigger.registered() if isinstance(trigger, HistoryTrigger)
    )


@contextlib.contextmanager
def history_off() -> Iterator[None]:
    """Record no history on this connection inside (bulk generation of benchmark archives).

    A session setting the triggers read, so it also holds for COPY, which bypasses Django's
    cursor wrappers (and so `pgtrigger.ignore()`).
    """
    ignored = "{" + ",".join(_history_trigger_ids()) + "}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pgtrigger.ignore', %s, false)", [ignored])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('pgtrigger.ignore', '{}', false)")

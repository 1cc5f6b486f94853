"""What one request may cost the database, and the answer when it goes over or cannot be read.

Public pages run under `PUBLIC_STATEMENT_TIMEOUT` (milliseconds): a query still running then is
cancelled by PostgreSQL and the visitor gets a 503 page asking to narrow the search, instead of a
worker held for minutes. The admin runs under `ADMIN_STATEMENT_TIMEOUT` (0: none), since editors'
saves and merges are not to be cut short. A value the database refuses to read (a DataError) is
the client's input: a 400 with a message, never a 500.
"""

from __future__ import annotations

import logging

import psycopg
from django.conf import settings
from django.db import DatabaseError, DataError, connection
from django.shortcuts import render

logger = logging.getLogger("archive.request_limits")

DEFAULT_PUBLIC_TIMEOUT_MS = 5000
RETRY_AFTER_SECONDS = 30


def statement_timeout_for(path: str) -> int:
    """The timeout (ms, 0 = none) for a request path: the admin's or the public pages'."""
    if path.startswith("/admin/"):
        return int(getattr(settings, "ADMIN_STATEMENT_TIMEOUT", 0))
    return int(getattr(settings, "PUBLIC_STATEMENT_TIMEOUT", DEFAULT_PUBLIC_TIMEOUT_MS))


def _set_statement_timeout(milliseconds: int) -> None:
    # Straight on the psycopg connection, outside Django's cursor wrapper: a setting, not a read,
    # so the pages' pinned query counts stay the reads they make. Session-level (the connection
    # persists between requests), so every request sets its own value.
    connection.ensure_connection()
    connection.connection.execute("SELECT set_config('statement_timeout', %s, false)", [f"{milliseconds}ms"])


def _query_canceled(error: BaseException) -> bool:
    return isinstance(error.__cause__, psycopg.errors.QueryCanceled)


class RequestLimitsMiddleware:
    """Set the statement timeout for each request; turn timeouts into 503s and DataErrors into 400s."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            _set_statement_timeout(statement_timeout_for(request.path))
        except DatabaseError as error:
            # The database is down: the view (or /healthz) reports it in its own way.
            logger.warning("Could not set the statement timeout: %s", error)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DatabaseError) and _query_canceled(exception):
            logger.warning("Statement timeout on %s %s", request.method, request.get_full_path()[:500])
            response = render(request, "errors/busy.html", {}, status=503)
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        if isinstance(exception, DataError):
            logger.info("DataError on %s: %s", request.get_full_path()[:500], exception)
            return render(request, "errors/bad_request.html", {}, status=400)
        return None

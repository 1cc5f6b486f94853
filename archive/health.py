"""`/healthz`: a cheap liveness-and-database probe for load balancers and monitors."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from archive import replicas
from archive.routers import replica_aliases

logger = logging.getLogger("archive.health")


@never_cache
# HEAD too: monitors probe with it, and a 405 reads as "down".
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 {"status": "ok"} when the primary answers SELECT 1, else 503.

    With read replicas it also reports each one's state; a replica down or lagging does not
    fail the probe (reads fall back to the primary), so it is information for monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # The error goes to the log, not to the (public) response.
        logger.error("Health check: database unreachable: %s", error)
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    body = {"status": "ok"}
    aliases = replica_aliases()
    if aliases:
        for alias in aliases:
            replicas.is_usable(alias)  # refreshes the state when due; free while marked down
        body["replicas"] = replicas.report(aliases)
    return JsonResponse(body)

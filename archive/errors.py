"""Error pages in production (DEBUG off): the site's header and search, and a way back.

Django's own handlers would render these templates too, but 500 without a request and 404 with
the resolver's internals as its message; these say what happened in the reader's words.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import Resolver404


def not_found(request, exception: Exception | None = None):
    """404: our own message ("No entry with that number.") or a plain one for unknown URLs."""
    message = ""
    if isinstance(exception, Http404) and not isinstance(exception, Resolver404) and exception.args:
        message = str(exception.args[0]) if isinstance(exception.args[0], str) else ""
    context = {"message": message or "There is no page at this address.", "path": request.path}
    return render(request, "404.html", context, status=404)


def server_error(request):
    """500: no database query and no request state beyond the path, so it renders even when
    the database is what failed."""
    return render(request, "500.html", {"path": request.path}, status=500)

"""Detail-page paths without a full `reverse()` per link.

A list page shows ~250 links (entries, their articles, people, places) and each `reverse()`
costs ~50 µs here (resolver, active language and script-prefix lookups): ~15 ms a page. The
route is reversed once per script prefix with a placeholder argument, then filled in.
"""

from __future__ import annotations

import functools
from urllib.parse import quote

from django.urls import get_script_prefix, reverse

_PLACEHOLDER = "0"  # valid for the int, slug and str converters of articles/urls.py
# What `reverse()` leaves unquoted in a path argument (django.urls.resolvers).
_SAFE = "!$&'()*+,;=/~:@"


def detail_path(route: str, arg: object) -> str:
    """What `reverse(route, args=[arg])` returns, for a route with one trailing argument."""
    head, tail = _route_template(route, get_script_prefix())
    return f"{head}{quote(str(arg), safe=_SAFE)}{tail}"


@functools.lru_cache(maxsize=128)
def _route_template(route: str, script_prefix: str) -> tuple[str, str]:
    head, _, tail = reverse(route, args=[_PLACEHOLDER]).rpartition(_PLACEHOLDER)
    return head, tail

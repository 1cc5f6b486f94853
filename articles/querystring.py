"""Build query strings from the current one: the URL holds all of a page's state.

Every facet, chip, histogram bar and pagination link starts from `request.GET`, changes one
key and drops `page` (a new filter starts on page 1).
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import QueryDict


def _copy(params: QueryDict) -> QueryDict:
    copy = params.copy()
    copy.pop("page", None)
    return copy


def _encode(params: QueryDict) -> str:
    # Empty values (an untouched form field) only clutter a shared link.
    clean = QueryDict(mutable=True)
    for key in params:
        values = [v for v in params.getlist(key) if v != ""]
        if values:
            clean.setlist(key, values)
    encoded = clean.urlencode()
    return f"?{encoded}" if encoded else "?"


def querystring_toggle(params: QueryDict, key: str, value: str) -> str:
    """Add `value` to the repeatable `key`, or remove it when it is already there."""
    copy = _copy(params)
    values = copy.getlist(key)
    if value in values:
        values = [v for v in values if v != value]
    else:
        values.append(value)
    copy.setlist(key, values)
    return _encode(copy)


def querystring_set(params: QueryDict, **changes: str | None) -> str:
    """Set single-valued keys (None removes the key)."""
    copy = _copy(params)
    for key, value in changes.items():
        if value is None:
            copy.pop(key, None)
        else:
            copy.setlist(key, [str(value)])
    return _encode(copy)


def querystring_setter(params: QueryDict, *keys: str) -> Callable[..., str]:
    """A fast `querystring_set` for many links that change the same keys (a chart's bars): the
    other keys are encoded once; the changed ones come last."""
    base = querystring_set(params, **dict.fromkeys(keys))

    def build(**values: str) -> str:
        changed = urlencode([(key, values[key]) for key in keys if values.get(key) not in (None, "")])
        return base + ("&" if base != "?" and changed else "") + changed

    return build


def querystring_page(params: QueryDict, page: int) -> str:
    """The same view on another page."""
    copy = params.copy()
    copy.pop("page", None)
    if page > 1:
        copy["page"] = str(page)
    return _encode(copy)

"""Reading order of one article's entries by the clock: oldest first or newest first.

Pure module (no Django). A live blog lists its posts newest first, a few chronologically; the
page order says which (most neighbouring stamps rise or fall), and the stamps then order the
posts of one day. A post without a time stays right after the post it followed in time order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
Stamp = tuple[dt.date | None, dt.time | None]
ORDERS = ("page", "oldest", "newest")


def _page_is_newest_first(stamps: Sequence[Stamp]) -> bool:
    """Whether more neighbouring dated or timed posts fall than rise in page order."""
    falls = rises = 0
    known = [(day, time) for day, time in stamps if day is not None or time is not None]
    for (day_a, time_a), (day_b, time_b) in zip(known, known[1:], strict=False):
        if day_a and day_b and day_a != day_b:
            falls, rises = falls + (day_a > day_b), rises + (day_a < day_b)
        elif time_a and time_b and time_a != time_b:
            falls, rises = falls + (time_a > time_b), rises + (time_a < time_b)
    return falls > rises


def in_time_order(items: Sequence[T], *, stamp: Callable[[T], Stamp], order: str) -> list[T]:
    """`items` (in page order) oldest first or newest first by their stamps; "page": unchanged."""
    if order == "page":
        return list(items)
    stamps = [stamp(item) for item in items]
    if _page_is_newest_first(stamps):
        items, stamps = list(reversed(items)), list(reversed(stamps))
    keyed = []
    last_day, last_time = dt.date.min, dt.time.min
    for index, (item, (day, time)) in enumerate(zip(items, stamps, strict=True)):
        if day is not None and day != last_day:
            last_day, last_time = day, dt.time.min
        if time is not None:
            last_time = time
        keyed.append(((last_day, last_time, index), item))
    keyed.sort(key=lambda pair: pair[0])
    oldest = [item for _, item in keyed]
    return oldest if order == "oldest" else oldest[::-1]

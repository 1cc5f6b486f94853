"""Pages of a result whose total is already known (no extra COUNT query)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# ASCII digits only: str.isdigit() also accepts "²" or "١", which int() then refuses.
_PAGE_NUMBER = re.compile(r"[0-9]{1,9}")
# A page costs the database its offset (rows skipped are still read), so a list shows its first
# MAX_PAGES pages; past them, the dates (or the reverse sort) narrow a result instead.
MAX_PAGES = 200


@dataclass
class PageWindow:
    number: int
    per_page: int
    total: int
    num_pages: int
    error: str = ""
    # The result has more pages than MAX_PAGES: the links stop there and the page says why.
    capped: bool = False
    # Page numbers to link around the current one; None marks a gap ("…").
    links: list[int | None] = field(default_factory=list)

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page

    @property
    def has_previous(self) -> bool:
        return self.number > 1 and not self.error

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages and not self.error

    @property
    def first_index(self) -> int:
        return self.offset + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.offset + self.per_page, self.total)


def page_window(*, total: int, page_param: str | None, per_page: int, max_pages: int = MAX_PAGES) -> PageWindow:
    """Validate `?page=`; a page that is not a number, past the end or past `max_pages` gives an
    error message."""
    all_pages = max(1, -(-total // per_page))
    num_pages = min(all_pages, max_pages)
    window = PageWindow(number=1, per_page=per_page, total=total, num_pages=num_pages, capped=all_pages > max_pages)
    raw = (page_param or "1").strip()
    if not _PAGE_NUMBER.fullmatch(raw) or int(raw) < 1:
        window.error = f"“{raw[:20]}” is not a page number."
        return window
    number = int(raw)
    if window.capped and number > num_pages:
        window.error = (
            f"Only the first {num_pages:,} pages of a result are shown: narrow it with dates or filters, "
            "or reverse the sort, to reach the entries beyond them."
        )
        return window
    if number > num_pages:
        pages = "1 page" if num_pages == 1 else f"{num_pages:,} pages"
        window.error = f"Page {number:,} does not exist: these results have {pages}."
        return window
    window.number = number
    nearby = {1, num_pages, *range(number - 2, number + 3)}
    previous = 0
    for n in sorted(p for p in nearby if 1 <= p <= num_pages):
        if n - previous > 1:
            window.links.append(None)
        window.links.append(n)
        previous = n
    return window

"""Pages of a result whose total is already known (no extra COUNT query)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageWindow:
    number: int
    per_page: int
    total: int
    num_pages: int
    error: str = ""
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


def page_window(*, total: int, page_param: str | None, per_page: int) -> PageWindow:
    """Validate `?page=`; a page that is not a number or past the end gives an error message."""
    num_pages = max(1, -(-total // per_page))
    window = PageWindow(number=1, per_page=per_page, total=total, num_pages=num_pages)
    raw = (page_param or "1").strip()
    if not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        window.error = f"“{raw[:20]}” is not a page number."
        return window
    number = int(raw)
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

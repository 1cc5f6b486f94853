"""The foot of a facet box: "All N people…" and a box to find one by name, with the filters kept."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse

from articles.display import intcomma
from articles.querystring import querystring_set
from articles.selectors.directory import Directory

# Parameters of /entries/ that a directory does not take (it lists names, not pages of entries).
_DROPPED = ("page", "sort", "name")


@dataclass(frozen=True)
class FacetMore:
    total: int
    label: str  # "All 1,234 people…"
    url: str  # the directory with the current filters
    action: str  # the directory's path, for the name box
    hidden: list[tuple[str, str]]  # the current filters, as hidden inputs of the name box
    placeholder: str
    name_label: str


def facet_more(*, directory: Directory, total: int, params: QueryDict) -> FacetMore:
    """The link to the whole directory under the current filters, and the name box's state."""
    action = reverse(directory.route)
    query = querystring_set(params, **dict.fromkeys(_DROPPED))
    hidden = [(key, value) for key, values in params.lists() if key not in _DROPPED for value in values if value]
    noun = directory.noun if total != 1 else directory.singular
    return FacetMore(
        total=total,
        label=f"All {intcomma(total)} {noun}…",
        url=action + (query if query != "?" else ""),
        action=action,
        hidden=hidden,
        placeholder=f"Find {'an' if directory.singular[0] in 'aeiou' else 'a'} {directory.singular}",
        name_label=f"Find {directory.noun} by name",
    )

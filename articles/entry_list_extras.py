"""What /entries/ shows for finding things: the place facet, "All N …" under each facet box and
the entities a search names (kept apart from `views.entry_list`, which stays thin)."""

from __future__ import annotations

from articles.facet_more import facet_more
from articles.selectors.directory import (
    DIRECTORIES,
    ORGANISATIONS,
    PEOPLE,
    PLACES,
    directory_facet_items,
    directory_page,
    directory_totals,
)
from articles.selectors.entries import EntryFilters, ResultScope
from articles.suggestions import search_suggestions

PLACE_FACET_SIZE = 10


def finding_context(*, request, form, filters: EntryFilters, scope: ResultScope) -> dict:
    """Template context: `places`, `facet_more` (by parameter) and `suggestions` (two queries)."""
    places = directory_page(directory=PLACES, filters=filters, offset=0, limit=PLACE_FACET_SIZE, scope=scope)
    totals = directory_totals(filters=filters, directories=(PEOPLE, ORGANISATIONS), scope=scope)
    totals[PLACES.param] = places.total
    return {
        "places": directory_facet_items(page=places, selected_ids=filters.place_ids),
        "facet_more": {
            param: facet_more(directory=DIRECTORIES[param], total=n, params=request.GET) for param, n in totals.items()
        },
        "suggestions": search_suggestions(entities=form.named, params=request.GET, q=filters.q),
    }

"""Above a search's results: the people, organisations and places the query names, as filters."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from articles.display import intcomma, pluralize
from articles.links import entries_url
from articles.querystring import querystring_toggle
from articles.selectors.spellings import NamedEntity, other_spellings


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "Person"
    name: str
    detail: str  # "10 entries"
    filter_url: str  # these results' filters with the entity's own filter instead of the text
    page_url: str
    other_spellings: tuple[str, ...]  # the spellings the search matches besides the query's own


def search_suggestions(*, entities: list[NamedEntity], params: QueryDict, q: str = "") -> list[Suggestion]:
    """One suggestion per named entity not already a filter; its link swaps the text search for
    the entity's filter (the entries tagged with it, whichever spelling they use)."""
    without_text = QueryDict(mutable=True)
    for key, values in params.lists():
        if key not in ("q", "sort", "page"):
            without_text.setlist(key, values)
    suggestions = []
    for entity in entities:
        if entity.value in params.getlist(entity.param):
            continue
        suggestions.append(
            Suggestion(
                kind=entity.label,
                name=entity.name,
                detail=f"{intcomma(entity.mentions)} {pluralize(entity.mentions, 'entry,entries')}",
                filter_url=entries_url() + querystring_toggle(without_text, entity.param, entity.value),
                page_url=entity.url,
                other_spellings=other_spellings(q=q, entities=[entity]),
            )
        )
    return suggestions

"""The lines after the headline, cleaned: boilerplate, credits and bylines out, captions marked,
page furniture split off (scored by shape and position, or learned for the publisher). Pure module."""

from __future__ import annotations

from articles.parse.boilerplate import BoilerplateRules
from articles.parse.bylines import byline_of
from articles.parse.captions import is_credit_line, split_caption
from articles.parse.furniture import (
    THRESHOLD,
    LineContext,
    furniture_score,
    is_news_paragraph,
    line_fingerprint,
    page_is_latin,
)

_QUOTE_CHARS = frozenset('"“”')


class Caption(str):
    """A body line that is a photo caption: it goes with its entry, apart from the body."""

    __slots__ = ()


def body_lines_of(lines: list[str], rules: BoilerplateRules) -> tuple[list[str], list[str], dict[str, None]]:
    """The lines after the headline without boilerplate, credits and bylines: (lines, removed, bylines).

    Captions stay, marked as `Caption`; their credits go.
    """
    removed: list[str] = []
    bylines: dict[str, None] = {}  # in order, once each
    body_lines: list[str] = []
    for line in lines:
        if caption := split_caption(line):
            body_lines.append(Caption(caption[0]))
            removed.extend(caption[1:] if caption[1] else ())
            continue
        if is_credit_line(line):
            removed.append(line)
            above = body_lines[-1] if body_lines else ""
            # The caption above its credit; a long or quoting paragraph there is news, not a caption.
            if above and not isinstance(above, Caption) and len(above) <= 200 and not _QUOTE_CHARS & set(above):
                body_lines[-1] = Caption(above)
            continue
        line, cuts = rules.cut(line)
        if cuts:
            removed.extend(cuts)
            if not line:
                continue
        if rules.is_boilerplate(line):
            removed.append(line)
            continue
        byline, name_above = byline_of(line, body_lines[-1] if body_lines else None)
        if byline:
            if name_above:
                body_lines.pop()  # the writer's name, on the line above the role
            bylines[byline] = None
            continue
        body_lines.append(line)
    return body_lines, removed, bylines


def furniture_split(
    body_lines: list[str], *, headline: str, publishers: tuple[str, ...], learned: frozenset[str]
) -> tuple[list[str], list[str]]:
    """Split off page furniture, scored by shape and position or learned for the publisher."""
    latin = page_is_latin(body_lines)
    inner = LineContext(headline=headline, publishers=publishers, latin_page=latin)
    edge = LineContext(at_edge=True, headline=headline, publishers=publishers, latin_page=latin)
    scores = [0.0 if isinstance(line, Caption) else furniture_score(line, inner) for line in body_lines]
    # Furniture sits before the first news paragraph and after the last: find those first.
    news = [
        i
        for i, line in enumerate(body_lines)
        if scores[i] < THRESHOLD and not isinstance(line, Caption) and is_news_paragraph(line)
    ]
    first, last = (news[0], news[-1]) if news else (-1, len(body_lines))
    kept: list[str] = []
    furniture: list[str] = []
    for index, line in enumerate(body_lines):
        if not isinstance(line, Caption) and (index < first or index > last):
            scores[index] = furniture_score(line, edge)
        if scores[index] >= THRESHOLD or (learned and line_fingerprint(line) in learned):
            furniture.append(line)
        else:
            kept.append(line)
    return kept, furniture

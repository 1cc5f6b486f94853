"""Count the lines each publisher repeats, file after file, to learn its furniture.

A line stored in `PublisherLine.LEARN_AFTER` different articles of one publisher is that
publisher's furniture: the next imports drop it, and `reclean_articles` takes it out of the
articles already stored. Only short lines are counted (furniture is short; a paragraph is not
repeated word for word by chance), and only lines of entries that are not a repeat of a story
stored before, so a post carried by many snapshots of one live blog is never learned.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.db import connection

from articles.models import PublisherLine
from articles.parse.furniture import line_fingerprint
from articles.selectors.publisher_lines import learned_furniture_forget

MAX_COUNTED_CHARS = 120
MAX_LINES_PER_ARTICLE = 400


def countable_lines(*, standfirst: str, entries: Iterable[tuple[str | None, str]]) -> list[str]:
    """The short stored lines of an article (its standfirst, titles and paragraphs), once each."""
    lines: dict[str, None] = {}
    for line in (standfirst, *(part for title, body in entries for part in (title or "", *body.split("\n\n")))):
        if line and len(line) <= MAX_COUNTED_CHARS:
            lines[line] = None
    return list(lines)[:MAX_LINES_PER_ARTICLE]


def publisher_lines_count(*, article_id: int, publisher: str, lines: list[str]) -> list[int]:
    """Record that this article holds these lines (one statement); the ids of lines this made furniture."""
    if not publisher or not lines:
        return []
    rows = [{"fp": line_fingerprint(line), "text": line[:300]} for line in lines]
    with connection.cursor() as cursor:
        parameters = {"rows": json.dumps(rows, ensure_ascii=False), "publisher": publisher, "article": article_id}
        cursor.execute(_COUNT_SQL, {**parameters, "after": PublisherLine.LEARN_AFTER})
        counted = cursor.fetchall()
    threshold, news = PublisherLine.LEARN_AFTER, PublisherLine.Verdict.NEWS
    learned = [line_id for line_id, count, verdict in counted if count == threshold and verdict != news]
    if learned:
        learned_furniture_forget()
    return learned


# One statement: new lines go in counted once (their sighting is new too); lines already known
# get this article's sighting, and a count up when the sighting is new. (A CTE's inserts are not
# visible to the UPDATE of the same statement, hence the two paths.) A line another importer adds
# at the same moment may miss this article's sighting: an undercount by one, never a double count.
_COUNT_SQL = """
WITH v AS (
    SELECT DISTINCT ON (fp) fp, text FROM json_to_recordset(%(rows)s::json) AS v(fp text, text text)
), known AS (
    SELECT l.id FROM articles_publisherline l JOIN v ON l.fingerprint = v.fp WHERE l.publisher = %(publisher)s
), added AS (
    INSERT INTO articles_publisherline (publisher, fingerprint, text, article_count, verdict)
    SELECT %(publisher)s, fp, text, 1, 'auto' FROM v ORDER BY fp
    ON CONFLICT (publisher, fingerprint) DO NOTHING RETURNING id
), seen AS (
    INSERT INTO articles_publisherlinesighting (line_id, article_id)
    SELECT id, %(article)s FROM known UNION SELECT id, %(article)s FROM added
    ON CONFLICT (line_id, article_id) DO NOTHING RETURNING line_id
)
UPDATE articles_publisherline l SET
    article_count = l.article_count + 1,
    learned_at = CASE WHEN l.learned_at IS NULL AND l.article_count + 1 >= %(after)s AND l.verdict <> 'news'
                      THEN now() ELSE l.learned_at END
FROM seen WHERE l.id = seen.line_id
RETURNING l.id, l.article_count, l.verdict
"""

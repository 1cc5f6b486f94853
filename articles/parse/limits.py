"""Caps on what one parsed file may hold (pure: no Django; the caps come from the caller).

An entry body over the cap is split into consecutive entries at paragraph breaks (else at a
space, else anywhere), so nothing is lost and every piece is small enough to extract, index
and show; the split is deterministic, so a re-import finds the same pieces. A file with more
entries than its cap is refused.
"""

from __future__ import annotations

import dataclasses

from articles.parsing import ParsedArticle, ParsedEntry, ParseError


def body_pieces(body: str, max_chars: int) -> list[str]:
    """`body` cut into pieces of at most `max_chars`, at the last paragraph break or space."""
    pieces: list[str] = []
    while len(body) > max_chars:
        window = body[: max_chars + 1]
        cut = window.rfind("\n\n")
        if cut <= 0:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = max_chars
        pieces.append(body[:cut].strip())
        body = body[cut:].strip()
    pieces.append(body)
    return [piece for piece in pieces if piece]


def article_limits_apply(
    parsed: ParsedArticle, *, filename: str, max_entry_chars: int, max_entries: int
) -> ParsedArticle:
    """`parsed` with over-long bodies split (and a warning saying so); ParseError past `max_entries`."""
    entries: list[ParsedEntry] = []
    warnings = list(parsed.warnings)
    for entry in parsed.entries:
        pieces = body_pieces(entry.body, max_entry_chars) if len(entry.body) > max_entry_chars else [entry.body]
        if len(pieces) > 1:
            warnings.append(
                f"entry {entry.position + 1} has {len(entry.body):,} characters; split into {len(pieces)} entries"
                f" of at most {max_entry_chars:,} (IMPORT_MAX_ENTRY_CHARS)"
            )
        for n, piece in enumerate(pieces):
            title = entry.title if n == 0 else None
            entries.append(dataclasses.replace(entry, title=title, body=piece, position=len(entries)))
        if len(entries) > max_entries:
            break
    if len(entries) > max_entries:
        raise ParseError(
            filename,
            f"has more than {max_entries:,} entries (IMPORT_MAX_ENTRIES); not imported — split the file",
        )
    if len(entries) == len(parsed.entries) and len(warnings) == len(parsed.warnings):
        return parsed
    return dataclasses.replace(parsed, entries=tuple(entries), warnings=tuple(warnings))

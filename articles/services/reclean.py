"""Take lines learned as a publisher's furniture out of the articles already stored.

Works on the stored text (no file is read), so editors' corrections to other paragraphs stay:
a learned line goes from an entry's body and title and from the article's standfirst. An entry
keeps its id; one left with no text at all is deleted. When the title or lead paragraph changes,
so does the story's hash (what re-imports match entries by); if another stored entry already
carries the new hash, the story has a home there and this entry becomes its duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from articles.models import Article, Entry
from articles.parse.furniture import line_fingerprint
from articles.parsing import entry_content_hash
from articles.services.deletion import entries_delete
from articles.services.denorm import entry_denorm_refresh
from articles.services.publisher_lines import MAX_COUNTED_CHARS


@dataclass
class RecleanResult:
    articles: int = 0  # articles that changed
    entries_changed: int = 0
    entries_deleted: int = 0
    lines_removed: int = 0

    def add(self, other: RecleanResult) -> None:
        self.articles += other.articles
        self.entries_changed += other.entries_changed
        self.entries_deleted += other.entries_deleted
        self.lines_removed += other.lines_removed


def _learned(line: str | None, fingerprints: frozenset[str]) -> bool:
    return bool(line) and len(line) <= MAX_COUNTED_CHARS and line_fingerprint(line) in fingerprints


@transaction.atomic
def article_reclean(*, article_id: int, fingerprints: frozenset[str], dry_run: bool = False) -> RecleanResult:
    """Remove the lines with these fingerprints from one stored article."""
    result = RecleanResult()
    article = Article.objects.select_for_update().get(pk=article_id)
    changed: list[Entry] = []
    emptied: list[int] = []
    for entry in Entry.objects.filter(article_id=article_id).order_by("position"):
        paragraphs = entry.body.split("\n\n") if entry.body else []
        kept = [paragraph for paragraph in paragraphs if not _learned(paragraph, fingerprints)]
        title = None if _learned(entry.title, fingerprints) else entry.title
        if len(kept) == len(paragraphs) and title == entry.title:
            continue
        result.lines_removed += len(paragraphs) - len(kept) + (title != entry.title)
        entry.title, entry.body = title, "\n\n".join(kept)
        if not entry.title and not entry.body:
            emptied.append(entry.pk)
        else:
            changed.append(entry)
    standfirst_learned = _learned(article.standfirst, fingerprints)
    result.lines_removed += standfirst_learned
    if dry_run or not (changed or emptied or standfirst_learned):
        result.articles = int(bool(changed or emptied or standfirst_learned))
        result.entries_changed, result.entries_deleted = len(changed), len(emptied)
        return result
    for entry in changed:
        _rehash(entry)
    Entry.objects.bulk_update(changed, ["title", "body", "content_hash", "duplicate_of"])
    entries_delete(entry_ids=emptied)
    entry_denorm_refresh(entry_ids=[entry.pk for entry in changed])  # the search vectors
    Article.objects.filter(pk=article_id).update(
        standfirst="" if standfirst_learned else article.standfirst,
        entry_count=Entry.objects.filter(article_id=article_id).count(),
    )
    result.articles, result.entries_changed, result.entries_deleted = 1, len(changed), len(emptied)
    return result


def _rehash(entry: Entry) -> None:
    """Give the entry its story's new hash; a story already stored under it keeps its home there."""
    new_hash = entry_content_hash(entry.title, entry.body)
    if new_hash == entry.content_hash:
        return
    entry.content_hash = new_hash
    if entry.duplicate_of_id is not None:
        return
    home = Entry.objects.filter(content_hash=new_hash, duplicate_of__isnull=True).exclude(pk=entry.pk).first()
    if home is not None:
        # Order matters: the partial unique index allows one canonical row per story at a time.
        Entry.objects.filter(duplicate_of=entry).update(duplicate_of=home)
        entry.duplicate_of_id = home.pk

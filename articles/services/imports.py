"""Import one news text file: parse, extract, store — in one transaction, safely repeatable.

Safety rests on the database's unique constraints, not on look-before-you-write:
`Article.source_file` and `Article.content_hash` are claimed with `INSERT … ON CONFLICT DO
NOTHING` (a second importer of the same file waits for the first to commit, then finds its
row), and a story's canonical entry is claimed the same way against the partial unique index
on `Entry.content_hash`; whoever loses that race stores its copy as a duplicate.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from psycopg.errors import TransactionRollback

from articles.extraction import EntryEntities, Extractor
from articles.history import operation_history
from articles.models import Article, Entry, EntryActor, EntryLocation, MentionSource
from articles.parsing import ParsedArticle, ParsedEntry, ParseError, entry_content_hash, parse_article
from articles.selectors.publisher_lines import learned_furniture
from articles.services.deletion import entries_delete
from articles.services.denorm import SEARCH_VECTOR_SQL, entry_denorm_refresh
from articles.services.entities import ResolveCache, entities_resolve, entry_mentions_write
from articles.services.import_corrections import ImportCorrections, dated_as_corrected, import_corrections
from articles.services.import_files import file_read, parsed_limits_apply, source_key
from articles.services.publisher_lines import countable_lines, publisher_lines_count

# A file whose transaction lost a deadlock or serialization conflict is stored again, this often.
_ATTEMPTS = 3
# Position offset used while renumbering an updated article's entries (positions are unique).
_POSITION_SHIFT = 1_000_000
_INSERT_BATCH = 5000


@dataclass
class DuplicateRef:
    """Where the canonical copy of a repeated story lives."""

    entry_id: int | None
    file: str
    position: int

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.entry_id, "file": self.file, "position": self.position}


@dataclass
class EntryReport:
    position: int
    title: str | None
    body: str
    captions: list[str] = field(default_factory=list)
    date: dt.date | None = None
    entry_id: int | None = None
    duplicate_of: DuplicateRef | None = None
    actors: list[dict[str, str]] = field(default_factory=list)
    locations: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.entry_id,
            "position": self.position,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "body": self.body,
            "captions": self.captions,
            "duplicate_of": self.duplicate_of.as_dict() if self.duplicate_of else None,
            "actors": self.actors,
            "locations": self.locations,
        }


@dataclass
class FileReport:
    file: str
    status: str  # "new" | "updated" | "unchanged" | "failed"
    error: str | None = None
    article_id: int | None = None
    headline: str = ""
    date: dt.date | None = None
    date_precision: str = ""
    standfirst: str = ""
    publisher: str = ""
    byline: str = ""
    entries: list[EntryReport] = field(default_factory=list)
    boilerplate_removed: list[str] = field(default_factory=list)
    furniture_removed: list[str] = field(default_factory=list)  # every line or fragment not stored
    warnings: list[str] = field(default_factory=list)
    # What an editor corrected that this re-import left as the editor set it.
    corrections_kept: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def duplicate_count(self) -> int:
        return sum(1 for entry in self.entries if entry.duplicate_of is not None)

    def actors(self) -> list[dict[str, str]]:
        return _unique(a for entry in self.entries for a in entry.actors)

    def locations(self) -> list[dict[str, str]]:
        return _unique(loc for entry in self.entries for loc in entry.locations)

    def countries(self) -> list[str]:
        return sorted({loc["country"] for loc in self.locations() if loc["country"]})

    def as_dict(self) -> dict[str, Any]:
        """The documented `--json` shape of one file (see README "Importing")."""
        return {
            "file": self.file,
            "status": self.status,
            "error": self.error,
            "article_id": self.article_id,
            "headline": self.headline,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision or None,
            "standfirst": self.standfirst,
            "publisher": self.publisher,
            "byline": self.byline,
            "entries": [entry.as_dict() for entry in self.entries],
            "actors": self.actors(),
            "locations": self.locations(),
            "countries": self.countries(),
            "boilerplate_removed": self.boilerplate_removed,
            "furniture_removed": self.furniture_removed,
            "warnings": self.warnings,
            "corrections_kept": self.corrections_kept,
        }


def _unique(items) -> list[dict[str, str]]:
    seen: dict[tuple, dict[str, str]] = {}
    for item in items:
        seen.setdefault(tuple(v for k, v in item.items() if k != "why"), item)
    return sorted(seen.values(), key=lambda item: (item["name"].lower(), item["kind"]))


def _actor_dicts(entities: EntryEntities) -> list[dict[str, str]]:
    return [{"name": a.name, "kind": a.kind, **_why(a.why)} for a in entities.actors]


def _location_dicts(entities: EntryEntities) -> list[dict[str, str]]:
    return [
        {"name": loc.name, "kind": loc.kind, "country": loc.country_code, **_why(loc.why)} for loc in entities.locations
    ]


def _why(evidence: tuple[str, ...]) -> dict[str, list[str]]:
    """The extractor's evidence for an entity (freshly extracted files only: it is not stored)."""
    return {"why": list(evidence)} if evidence else {}


def article_import(
    *,
    path: Path,
    root: Path | None = None,
    default_date: dt.date | None = None,
    extractor: Extractor | None,
    dry_run: bool = False,
    cache: ResolveCache | None = None,
) -> FileReport:
    """Import one file; never raises for bad input — the report says `failed` and why.

    `root` is the folder named on the command line the file was found under: the article is
    keyed by the path relative to it (articles/services/import_files.py), else by the file name.

    Entries get their search vectors in their INSERT (measured faster than filling them after
    the run: an UPDATE writes every row and its index entries again). A `cache` shared by the
    files of one run saves looking up the same actors and places again.
    """
    path = Path(path)
    source_file = source_key(path, root=root)
    # Its own history context per file: worker processes importing side by side do not wait for
    # one another on a shared context row.
    with operation_history("import", file=source_file):
        return _import(
            path=path,
            root=root,
            source_file=source_file,
            default_date=default_date,
            extractor=extractor,
            dry_run=dry_run,
            cache=cache,
        )


def _import(
    *,
    path: Path,
    root: Path | None,
    source_file: str,
    default_date: dt.date | None,
    extractor: Extractor | None,
    dry_run: bool,
    cache: ResolveCache | None,
) -> FileReport:
    try:
        parsed = _read_and_parse(path=path, root=root, default_date=default_date)
        if dry_run:
            entities = _extract(parsed=parsed, extractor=extractor)
            return _preview(path=path, source_file=source_file, parsed=parsed, entities=entities)
        # Extraction runs inside the store, only for new or changed text: re-imports stay cheap.
        store = functools.partial(
            _store,
            path=path,
            source_file=source_file,
            parsed=parsed,
            extract_entities=lambda: _extract(parsed=parsed, extractor=extractor),
            extract=extractor is not None,
        )
        attempt = 1
        while True:
            try:
                return store(cache=cache)
            except IntegrityError:
                if not cache:
                    raise
                # A cached actor or place was deleted (an editor's merge) since it was cached.
                cache.clear()
                return store(cache=cache)
            except OperationalError as error:
                # Concurrent importers (or --jobs workers) claiming the same new rows in another
                # order: PostgreSQL aborts one transaction, which is whole-file, so it can run again.
                if not isinstance(error.__cause__, TransactionRollback) or attempt == _ATTEMPTS:
                    raise
                attempt += 1
    except ParseError as error:
        return FileReport(file=str(path), status="failed", error=str(error))
    except Exception as error:  # noqa: BLE001 - one bad file must not stop a folder import
        return FileReport(file=str(path), status="failed", error=f"{path}: {type(error).__name__}: {error}")


def _read_and_parse(*, path: Path, root: Path | None, default_date: dt.date | None) -> ParsedArticle:
    raw = file_read(path, root=root)
    parsed = parse_article(raw, filename=str(path), default_date=default_date, learned=learned_furniture())
    return parsed_limits_apply(parsed, filename=str(path))


def _extract(*, parsed: ParsedArticle, extractor: Extractor | None) -> list[EntryEntities]:
    if extractor is None:
        return [EntryEntities() for _ in parsed.entries]
    found = extractor.extract_article(
        headline=parsed.headline,
        standfirst=parsed.standfirst,
        # Captions are read with the body: people and places named under a photo count.
        entries=[(entry.title, "\n\n".join((entry.body, *entry.captions))) for entry in parsed.entries],
    )
    if len(found) != len(parsed.entries):
        raise RuntimeError(f"extractor returned {len(found)} results for {len(parsed.entries)} entries")
    return found


def _base_report(*, path: Path, parsed: ParsedArticle, status: str) -> FileReport:
    return FileReport(
        file=str(path),
        status=status,
        headline=parsed.headline,
        date=parsed.published_on,
        date_precision=parsed.date_precision if parsed.published_on else "",
        standfirst=parsed.standfirst,
        publisher=parsed.publisher,
        byline=parsed.byline,
        boilerplate_removed=list(parsed.boilerplate_removed),
        furniture_removed=list(parsed.furniture_removed),
        warnings=list(parsed.warnings),
    )


def _entry_reports(parsed: ParsedArticle, entities: list[EntryEntities]) -> list[EntryReport]:
    return [
        EntryReport(
            position=entry.position,
            title=entry.title,
            body=entry.body,
            captions=list(entry.captions),
            date=_entry_date(entry, parsed)[0],
            actors=_actor_dicts(found),
            locations=_location_dicts(found),
        )
        for entry, found in zip(parsed.entries, entities, strict=True)
    ]


def _preview(*, path: Path, source_file: str, parsed: ParsedArticle, entities: list[EntryEntities]) -> FileReport:
    """What an import would do, from reads only."""
    existing = Article.objects.filter(source_file=source_file).values_list("content_hash", flat=True).first()
    if existing is None:
        status = "unchanged" if Article.objects.filter(content_hash=parsed.text_hash).exists() else "new"
    else:
        status = "unchanged" if existing == parsed.text_hash else "updated"
    report = _base_report(path=path, parsed=parsed, status=status)
    report.entries = _entry_reports(parsed, entities)
    hashes = [entry_content_hash(e.title, e.body) for e in parsed.entries]
    stored = {
        row["content_hash"]: row
        for row in Entry.objects.filter(content_hash__in=hashes, duplicate_of__isnull=True)
        .exclude(article__source_file=source_file)
        .values("content_hash", "id", "position", "article__source_file")
    }
    first_in_file: dict[str, int] = {}
    for entry_report, content_hash in zip(report.entries, hashes, strict=True):
        if (row := stored.get(content_hash)) is not None:
            entry_report.duplicate_of = DuplicateRef(row["id"], row["article__source_file"], row["position"])
        elif content_hash in first_in_file:
            entry_report.duplicate_of = DuplicateRef(None, str(path), first_in_file[content_hash])
        else:
            first_in_file[content_hash] = entry_report.position
    return report


@transaction.atomic
def _store(
    *,
    path: Path,
    source_file: str,
    parsed: ParsedArticle,
    extract_entities: Callable[[], list[EntryEntities]],
    extract: bool,
    cache: ResolveCache | None = None,
) -> FileReport:
    article_id = _article_claim(parsed=parsed, source_file=source_file)
    if article_id is not None:
        report = _base_report(path=path, parsed=parsed, status="new")
        report.article_id = article_id
        matched: dict[int, int] = {}
    else:
        article = Article.objects.select_for_update().filter(source_file=source_file).first()
        if article is None:
            # Same text already imported under another file name: nothing to do.
            twin = Article.objects.get(content_hash=parsed.text_hash)
            if legacy_key_adopt(article=twin, path=path, source_file=source_file):
                return _stored_report(path=path, article=twin, status="unchanged")
            report = _stored_report(path=path, article=twin, status="unchanged")
            report.warnings.append(f"same text as {twin.source_file!r}, already imported; nothing stored")
            return report
        if article.content_hash == parsed.text_hash:
            report = _stored_report(path=path, article=article, status="unchanged")
            report.furniture_removed = list(parsed.furniture_removed)
            return report
        twin = Article.objects.filter(content_hash=parsed.text_hash).exclude(pk=article.pk).first()
        if twin is not None:
            raise ParseError(str(path), f"now has the same text as {twin.source_file!r}; not updated")
        corrections = import_corrections(article=article)
        parsed = dated_as_corrected(parsed=parsed, article=article, corrected=corrections.article)
        report = _base_report(path=path, parsed=parsed, status="updated")
        report.article_id = article.pk
        matched = _article_update(article=article, parsed=parsed, corrections=corrections)
        report.corrections_kept = corrections.kept(entry_ids=set(matched.values()))
        report.warnings += corrections.lost(entry_ids=set(matched.values()))

    entities = extract_entities()
    report.entries = _entry_reports(parsed, entities)
    # Mentions are resolved to ids first, so new entries are inserted with their actor/location/
    # country arrays already filled (what `entry_denorm_refresh` would compute: they have only
    # automatic mentions). Their search vectors are computed in the INSERT, or after the run.
    resolved = dict(
        zip((e.position for e in parsed.entries), entities_resolve(entities=entities, cache=cache), strict=True)
    )
    ids_by_position, duplicates = _entries_insert(
        article_id=report.article_id,
        parsed=parsed,
        skip_positions=set(matched),
        denorm={position: row.denorm() for position, row in resolved.items()} if extract else {},
    )
    for entry_report in report.entries:
        entry_report.duplicate_of = duplicates.get(entry_report.position)
    if extract:
        entry_mentions_write(resolved_by_entry={ids_by_position[p]: resolved[p] for p in ids_by_position}, fresh=True)
        entry_mentions_write(resolved_by_entry={matched[p]: resolved[p] for p in matched})
    ids_by_position.update(matched)
    for entry_report in report.entries:
        entry_report.entry_id = ids_by_position[entry_report.position]
    if matched:
        _duplicates_fill(report)
        # Kept entries may hold editors' manual/rejected links: rebuilt from the mention tables.
        entry_denorm_refresh(entry_ids=matched.values())
    _publisher_lines_record(report=report, parsed=parsed)
    return report


def legacy_key_adopt(*, article: Article, path: Path, source_file: str) -> bool:
    """Move an article stored under the bare file name (the key before paths relative to the
    import root) to its relative key, when its text is this file's; True when moved. Only the
    file whose text it holds takes it, so of two same-named files neither steals the other's."""
    if source_file == path.name or article.source_file != path.name:
        return False
    Article.objects.filter(pk=article.pk).update(source_file=source_file)
    article.source_file = source_file
    return True


def _publisher_lines_record(*, report: FileReport, parsed: ParsedArticle) -> None:
    """Count the article's short lines for its publisher; a repeated story's lines do not count."""
    fresh = {e.position for e in report.entries if e.duplicate_of is None}
    lines = countable_lines(
        standfirst=parsed.standfirst,
        entries=[(entry.title, entry.body) for entry in parsed.entries if entry.position in fresh],
    )
    publisher_lines_count(article_id=report.article_id, publisher=parsed.publisher[:200], lines=lines)


def search_vectors_fill(*, entry_ids: list[int], batch_size: int = 2000) -> None:
    """Compute the search vectors of these entries (ones an interrupted older run left without)."""
    for start in range(0, len(entry_ids), batch_size):
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE articles_entry AS e SET search_vector = {SEARCH_VECTOR_SQL} WHERE e.id = ANY(%s)",
                [entry_ids[start : start + batch_size]],
            )


def _article_claim(*, parsed: ParsedArticle, source_file: str) -> int | None:
    """Insert the article unless its file name or text is taken; the new id, or None.

    The same statement sets `synchronous_commit = off` for this file's transaction: its commit
    does not wait for the WAL flush. A crash can lose only the last fraction of a second of
    imports — never corrupt anything — and re-running the idempotent import restores them.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO articles_article (headline, standfirst, published_on, date_precision, source_file,"
            " publisher, byline, content_hash, entry_count, imported_at, updated_at)"
            " SELECT %s, %s, %s::date, %s, %s, %s, %s, %s, %s, now(), now()"
            " FROM (SELECT set_config('synchronous_commit', 'off', true)) AS commit_mode"
            " ON CONFLICT DO NOTHING RETURNING id",
            [
                parsed.headline,
                parsed.standfirst,
                parsed.published_on,
                parsed.date_precision,
                source_file,
                parsed.publisher[:200],
                parsed.byline,
                parsed.text_hash,
                len(parsed.entries),
            ],
        )
        row = cursor.fetchone()
    return row[0] if row else None


# What a re-import rewrites in a kept entry, unless an editor corrected it.
_ENTRY_FIELDS_FROM_FILE = ("title", "body", "published_on", "date_precision", "published_time", "time_zone", "captions")


def _article_update(*, article: Article, parsed: ParsedArticle, corrections: ImportCorrections) -> dict[int, int]:
    """Update an edited article in place, but not what editors corrected; {new position: kept entry id}."""
    old_entries = list(
        Entry.objects.filter(article=article).order_by("position").values_list("id", "content_hash", "duplicate_of_id")
    )
    pool: dict[str, list[int]] = defaultdict(list)
    for entry_id, content_hash, _ in old_entries:
        pool[content_hash].append(entry_id)
    matched: dict[int, int] = {}
    for entry in parsed.entries:
        candidates = pool.get(entry_content_hash(entry.title, entry.body))
        if candidates:
            matched[entry.position] = candidates.pop(0)
    kept = set(matched.values())
    # Stories this file no longer has stay canonical elsewhere if another file repeats them.
    entries_delete(entry_ids=[entry_id for entry_id, _, _ in old_entries if entry_id not in kept])

    parsed_by_position = {entry.position: entry for entry in parsed.entries}
    rows = list(Entry.objects.filter(id__in=kept))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_entry SET position = position + %s WHERE id = ANY(%s)", [_POSITION_SHIFT, list(kept)]
        )
    position_by_id = {entry_id: position for position, entry_id in matched.items()}
    for row in rows:
        entry = parsed_by_position[position_by_id[row.pk]]
        published_on, date_precision = _entry_date(entry, parsed)
        from_file = {
            "title": entry.title,
            "body": entry.body,
            "published_on": published_on,
            "date_precision": date_precision,
            "published_time": entry.time_of_day,
            "time_zone": entry.time_zone,
            "captions": "\n\n".join(entry.captions),
        }
        corrected = corrections.entries.get(row.pk, set())
        row.position = entry.position
        for name, value in from_file.items():
            if name not in corrected:
                setattr(row, name, value)
    Entry.objects.bulk_update(rows, ["position", *_ENTRY_FIELDS_FROM_FILE])

    from_file = {
        "headline": parsed.headline,
        "standfirst": parsed.standfirst,
        "published_on": parsed.published_on,
        "date_precision": parsed.date_precision,
    }
    Article.objects.filter(pk=article.pk).update(
        **{name: value for name, value in from_file.items() if name not in corrections.article},
        publisher=parsed.publisher[:200],
        byline=parsed.byline,
        content_hash=parsed.text_hash,
        entry_count=len(parsed.entries),
        updated_at=dt.datetime.now(tz=dt.UTC),
    )
    return matched


_ENTRY_COLUMNS = (
    "article_id, position, title, body, captions, published_on, date_precision, published_time, time_zone,"
    " content_hash, duplicate_of_id, actor_ids, location_ids, country_codes, search_vector"
)
_VECTOR_SQL = SEARCH_VECTOR_SQL.replace("e.title", "v.title").replace("e.body", "v.body")
_VECTOR_SQL = _VECTOR_SQL.replace("e.captions", "v.captions")


def _entries_insert(
    *,
    article_id: int,
    parsed: ParsedArticle,
    skip_positions: set[int],
    denorm: dict[int, tuple[list[int], list[int], list[str]]],
) -> tuple[dict[int, int], dict[int, DuplicateRef]]:
    """Insert new entries; the first copy of an unseen story becomes canonical.

    Returns ({position: id}, {position: where the canonical copy is} for duplicates).
    """
    hashes = {entry.position: entry_content_hash(entry.title, entry.body) for entry in parsed.entries}
    claim: list[ParsedEntry] = []
    later: list[ParsedEntry] = []
    claimed_hashes: set[str] = set()
    for entry in parsed.entries:
        if entry.position in skip_positions:
            continue
        if hashes[entry.position] in claimed_hashes:
            later.append(entry)  # repeated inside this file
        else:
            claimed_hashes.add(hashes[entry.position])
            claim.append(entry)
    insert = functools.partial(_insert_rows, article_id=article_id, parsed=parsed, hashes=hashes, denorm=denorm)
    # Canonical candidates: the partial unique index turns away stories that already have one.
    ids: dict[int, int] = {}
    for start in range(0, len(claim), _INSERT_BATCH):
        ids.update(insert(batch=claim[start : start + _INSERT_BATCH], duplicate_of={}, claim_canonical=True))
    later += [entry for entry in claim if entry.position not in ids]
    refs: dict[int, DuplicateRef] = {}
    if later:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT e.content_hash, e.id, a.source_file, e.position FROM articles_entry e"
                " JOIN articles_article a ON a.id = e.article_id"
                " WHERE e.duplicate_of_id IS NULL AND e.content_hash = ANY(%s)",
                [list({hashes[e.position] for e in later})],
            )
            canonical = {row[0]: DuplicateRef(*row[1:]) for row in cursor.fetchall()}
        refs = {e.position: canonical[hashes[e.position]] for e in later}
        duplicate_of = {position: ref.entry_id for position, ref in refs.items()}
        for start in range(0, len(later), _INSERT_BATCH):
            ids.update(insert(batch=later[start : start + _INSERT_BATCH], duplicate_of=duplicate_of))
    return ids, refs


def _insert_rows(
    *,
    article_id: int,
    parsed: ParsedArticle,
    batch: list[ParsedEntry],
    hashes: dict[int, str],
    duplicate_of: dict[int, int],
    denorm: dict[int, tuple[list[int], list[int], list[str]]],
    claim_canonical: bool = False,
) -> dict[int, int]:
    if not batch:
        return {}
    # The rows travel as one JSON document (json.dumps is C; psycopg adapts lists element by
    # element in Python): one query text whatever the number of rows, parsed once and cached.
    rows = []
    for entry in batch:
        actor_ids, location_ids, country_codes = denorm.get(entry.position, _NO_MENTIONS)
        published_on, precision = _entry_date(entry, parsed)
        rows.append(
            {
                "position": entry.position,
                "published_on": published_on.isoformat() if published_on else None,
                "date_precision": precision,
                "published_time": entry.time_of_day.isoformat() if entry.time_of_day else None,
                "time_zone": entry.time_zone,
                "title": entry.title,
                "body": entry.body,
                "captions": "\n\n".join(entry.captions),
                "content_hash": hashes[entry.position],
                "duplicate_of_id": duplicate_of.get(entry.position),
                "actor_ids": actor_ids,
                "location_ids": location_ids,
                "country_codes": country_codes,
            }
        )
    on_conflict = " ON CONFLICT (content_hash) WHERE duplicate_of_id IS NULL DO NOTHING" if claim_canonical else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO articles_entry ({_ENTRY_COLUMNS})"
            " SELECT %s, v.position, v.title, v.body, v.captions, v.published_on, v.date_precision, v.published_time,"
            " v.time_zone, v.content_hash, v.duplicate_of_id, v.actor_ids, v.location_ids, v.country_codes,"
            f" {_VECTOR_SQL}"
            " FROM json_to_recordset(%s::json) AS v(position integer, published_on date, date_precision text,"
            " published_time time, time_zone text, title text, body text, captions text, content_hash text,"
            " duplicate_of_id bigint, actor_ids bigint[], location_ids bigint[], country_codes varchar(2)[])"
            f"{on_conflict} RETURNING position, id",
            [article_id, json.dumps(rows, ensure_ascii=False)],
        )
        return dict(cursor.fetchall())


_NO_MENTIONS: tuple[list[int], list[int], list[str]] = ([], [], [])


def _entry_date(entry: ParsedEntry, parsed: ParsedArticle) -> tuple[dt.date | None, str]:
    """An entry's own date (a dated time stamp above it), else the article's."""
    if entry.published_on is not None:
        return entry.published_on, "day"
    return parsed.published_on, parsed.date_precision


def _duplicates_fill(report: FileReport) -> None:
    """Point each duplicate entry of the report at its canonical copy."""
    ids = [e.entry_id for e in report.entries]
    rows = Entry.objects.filter(id__in=ids, duplicate_of__isnull=False).values_list(
        "id", "duplicate_of_id", "duplicate_of__position", "duplicate_of__article__source_file"
    )
    refs = {entry_id: DuplicateRef(canonical_id, file, position) for entry_id, canonical_id, position, file in rows}
    for entry_report in report.entries:
        entry_report.duplicate_of = refs.get(entry_report.entry_id)


def _stored_report(*, path: Path, article: Article, status: str) -> FileReport:
    """Report an article as the database holds it (editors' corrections included)."""
    report = FileReport(
        file=str(path),
        status=status,
        article_id=article.pk,
        headline=article.headline,
        date=article.published_on,
        date_precision=article.date_precision if article.published_on else "",
        standfirst=article.standfirst,
        publisher=article.publisher,
        byline=article.byline,
    )
    entries = list(
        Entry.objects.filter(article=article)
        .annotate(no_vector=ExpressionWrapper(Q(search_vector__isnull=True), output_field=BooleanField()))
        .order_by("position")
        .values_list("id", "position", "title", "body", "no_vector", "published_on", "captions")
    )
    if missing := [entry[0] for entry in entries if entry[4]]:
        search_vectors_fill(entry_ids=missing)  # left over from an interrupted run
    actors: dict[int, list[dict[str, str]]] = defaultdict(list)
    for entry_id, name, kind in (
        EntryActor.objects.filter(entry__article=article)
        .exclude(source=MentionSource.REJECTED)
        .values_list("entry_id", "actor__name", "actor__kind")
    ):
        actors[entry_id].append({"name": name, "kind": kind})
    locations: dict[int, list[dict[str, str]]] = defaultdict(list)
    for entry_id, name, kind, code in (
        EntryLocation.objects.filter(entry__article=article)
        .exclude(source=MentionSource.REJECTED)
        .values_list("entry_id", "location__name", "location__kind", "location__country_code")
    ):
        locations[entry_id].append({"name": name, "kind": kind, "country": code})
    report.entries = [
        EntryReport(
            position=position,
            title=title,
            body=body,
            captions=[caption for caption in captions.split("\n\n") if caption],
            date=published_on,
            entry_id=entry_id,
            actors=actors[entry_id],
            locations=locations[entry_id],
        )
        for entry_id, position, title, body, _, published_on, captions in entries
    ]
    _duplicates_fill(report)
    return report

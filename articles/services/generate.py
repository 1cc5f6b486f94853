"""Write a synthetic archive for benchmarks: bulk COPY, then the same denormalisation as imports.

For N entries: about N/20 articles, N/50 actors (70 % people), N/100 places in about 60 real
countries (plus one country Location per code), dates over four years ending 2025-12-31 (denser
towards the end, with bursts), Zipf-distributed mentions (1–4 actors and 1–4 places per entry),
prose bodies naming them, and 3 % duplicate entries pointing at their canonical entry.
Everything generated is marked: articles have publisher "Synthetic", actors and places have slugs
starting with "synthetic-", so `synthetic_clear()` removes exactly them.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pycountry
from django.db import connection, transaction
from django.utils.text import slugify

from articles.services import synthetic_text as text
from articles.services.denorm import entry_denorm_insert, mention_counts_refresh
from articles.services.facets import facet_counts_invalidate, facet_counts_refresh

PUBLISHER = "Synthetic"
SLUG_PREFIX = "synthetic-"
END_DATE = datetime.date(2025, 12, 31)
SPAN_DAYS = 4 * 365
DUPLICATE_SHARE = 0.03
UNDATED_SHARE = 0.002
MONTH_PRECISION_SHARE = 0.01
# Loads at least this large drop the heavy secondary indexes and rebuild them after the COPY.
REBUILD_INDEXES_FROM = 100_000

ENTRY_COLUMNS = [
    "id",
    "article_id",
    "position",
    "title",
    "body",
    "published_on",
    "date_precision",
    "content_hash",
    "duplicate_of_id",
]
STAGING_TABLE = "synthetic_entry_load"
ARTICLE_COLUMNS = (
    "id, headline, standfirst, published_on, date_precision, source_file, publisher, content_hash, entry_count, "
    "imported_at, updated_at"
)
TABLES_REBUILT = ("articles_entry", "articles_entryactor", "articles_entrylocation")


class SyntheticDataPresent(Exception):
    """Raised when generating into a database that already holds synthetic data."""


@dataclass(frozen=True)
class ArchiveShape:
    """How many of each thing an archive of `entries` entries gets."""

    entries: int
    articles: int
    persons: int
    organisations: int
    places: int
    countries: int

    @classmethod
    def for_entries(cls, entries: int) -> ArchiveShape:
        actors = max(20, entries // 50)
        return cls(
            entries=entries,
            articles=max(1, entries // 20),
            persons=actors * 7 // 10,
            organisations=actors - actors * 7 // 10,
            places=max(20, entries // 100),
            countries=min(60, max(5, entries // 200)),
        )


@dataclass
class GenerationSummary:
    articles: int = 0
    entries: int = 0
    duplicates: int = 0
    actors: int = 0
    locations: int = 0
    actor_mentions: int = 0
    location_mentions: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _tsv(value) -> str:
    if value is None:
        return "\\N"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", "\\n")


def _reserve_ids(cursor, table: str, count: int) -> int:
    """Take `count` consecutive ids from the table's sequence; return the first."""
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    sequence = cursor.fetchone()[0]
    cursor.execute(f"SELECT greatest(nextval(%s), (SELECT coalesce(max(id), 0) + 1 FROM {table}))", [sequence])
    first = cursor.fetchone()[0]
    cursor.execute("SELECT setval(%s, %s)", [sequence, first + count])
    return first


def _copy(cursor, table: str, columns: str, lines: Iterator[str] | list[str]) -> None:
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        buffer: list[str] = []
        for line in lines:
            buffer.append(line)
            if len(buffer) >= 5000:
                copy.write("".join(buffer))
                buffer.clear()
        if buffer:
            copy.write("".join(buffer))


def _drop_for_bulk_load(cursor, tables: tuple[str, ...]) -> list[str]:
    """Drop the secondary indexes and foreign keys of `tables`; return the SQL that recreates them.

    PostgreSQL's advice for bulk loads: building an index once is faster than updating it row by
    row, and re-adding a foreign key checks it with one join instead of a trigger per row.
    """
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
        ORDER BY i.relname
        """,
        [list(tables)],
    )
    indexes = cursor.fetchall()
    cursor.execute(
        """
        SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'f' AND t.relname = ANY(%s) ORDER BY c.conname
        """,
        [list(tables)],
    )
    foreign_keys = cursor.fetchall()
    for table, name, _ in foreign_keys:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in indexes] + [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for table, name, definition in foreign_keys
    ]


class _Dates:
    """Article dates over four years: density rises towards the end, with a dozen news bursts."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.start = END_DATE - datetime.timedelta(days=SPAN_DAYS - 1)
        self.bursts = [rng.uniform(0.2, 1.0) ** 0.5 * SPAN_DAYS for _ in range(12)]

    def draw(self) -> datetime.date | None:
        rng = self.rng
        if rng.random() < UNDATED_SHARE:
            return None
        # A burst, or a day whose density grows linearly with recency.
        burst = rng.random() < 0.3
        offset = rng.gauss(rng.choice(self.bursts), 6) if burst else SPAN_DAYS * rng.random() ** 0.5
        offset = min(SPAN_DAYS - 1, max(0, int(offset)))
        return self.start + datetime.timedelta(days=offset)


def _countries(rng: random.Random, count: int) -> list[tuple[str, str]]:
    everything = sorted((c.alpha_2, getattr(c, "common_name", c.name)) for c in pycountry.countries)
    return sorted(rng.sample(everything, count))


def _entities(cursor, rng: random.Random, shape: ArchiveShape, summary: GenerationSummary):
    """Create actors, places and missing country rows; return Zipf-ordered id/name/country lists."""
    persons = text.person_names(rng, shape.persons)
    organisations = text.organisation_names(rng, shape.organisations)
    actor_rows = [(n, "person") for n in persons] + [(n, "organisation") for n in organisations]
    rng.shuffle(actor_rows)  # Zipf rank order mixes people and organisations
    first_actor = _reserve_ids(cursor, "articles_actor", len(actor_rows))
    _copy(
        cursor,
        "articles_actor",
        "id, name, slug, kind, description, mention_count",
        (
            f"{first_actor + i}\t{name}\t{SLUG_PREFIX}{i}-{slugify(name)}\t{kind}\tSynthetic\t0\n"
            for i, (name, kind) in enumerate(actor_rows)
        ),
    )
    actors = [(first_actor + i, name) for i, (name, _) in enumerate(actor_rows)]

    countries = _countries(rng, shape.countries)
    cursor.execute(
        "SELECT country_code, id FROM articles_location WHERE kind = 'country' AND country_code = ANY(%s)",
        [[code for code, _ in countries]],
    )
    existing = dict(cursor.fetchall())
    missing = [(code, name) for code, name in countries if code not in existing]
    places = text.place_names(rng, shape.places)
    first_location = _reserve_ids(cursor, "articles_location", len(missing) + len(places))
    country_weights = text.zipf_cum_weights(len(countries), 0.9)
    place_countries = rng.choices([code for code, _ in countries], cum_weights=country_weights, k=len(places))
    kinds = rng.choices(["city", "region", "other"], weights=[70, 20, 10], k=len(places))
    location_rows = [
        (first_location + i, name, f"{SLUG_PREFIX}country-{code.lower()}", "country", code)
        for i, (code, name) in enumerate(missing)
    ]
    country_ids = dict(existing)
    country_ids.update({row[4]: row[0] for row in location_rows})
    for i, name in enumerate(places):
        location_id = first_location + len(missing) + i
        slug = f"{SLUG_PREFIX}{i}-{slugify(name)}-{place_countries[i].lower()}"
        location_rows.append((location_id, name, slug, kinds[i], place_countries[i]))
    _copy(
        cursor,
        "articles_location",
        "id, name, slug, kind, country_code, mention_count",
        (f"{lid}\t{_tsv(name)}\t{slug}\t{kind}\t{code}\t0\n" for lid, name, slug, kind, code in location_rows),
    )
    # Place mentions: mostly towns and regions (Zipf), sometimes the country itself.
    place_list = [(row[0], row[1]) for row in location_rows[len(missing) :]]
    country_list = [(country_ids[code], name) for code, name in countries]
    summary.actors = len(actors)
    summary.locations = len(location_rows)
    return actors, place_list, country_list, country_weights


@transaction.atomic
def archive_generate(
    *,
    entries: int,
    seed: int = 1,
    batch_size: int = 20_000,
    rebuild_indexes: bool | None = None,
    progress: Callable[..., object] | None = None,
) -> GenerationSummary:
    """Fill the database with a deterministic synthetic archive of `entries` entries."""
    if entries < 1:
        raise ValueError(f"--entries must be at least 1 (got {entries}).")
    if batch_size < 1:
        raise ValueError(f"--batch must be at least 1 (got {batch_size}).")
    if rebuild_indexes is None:
        rebuild_indexes = entries >= REBUILD_INDEXES_FROM
    bar = progress or (lambda **kwargs: _NoBar())
    summary = GenerationSummary()
    clock = time.perf_counter()
    rng = random.Random(seed)
    shape = ArchiveShape.for_entries(entries)

    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # the psycopg cursor, for COPY
        if _synthetic_present(cursor):
            raise SyntheticDataPresent("The database already holds synthetic data: run with --clear first.")
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(
            "LOCK TABLE articles_article, articles_entry, articles_actor, articles_location IN EXCLUSIVE MODE"
        )
        actors, places, countries, country_weights = _entities(cursor, rng, shape, summary)
        dropped: list[str] = []
        if rebuild_indexes:
            dropped = _drop_for_bulk_load(cursor, TABLES_REBUILT)
        summary.seconds["entities"] = time.perf_counter() - clock

        clock = time.perf_counter()
        # Entries go to an unlogged staging table first, then into articles_entry once, denormalised.
        cursor.execute(
            f"CREATE UNLOGGED TABLE {STAGING_TABLE} AS "
            f"SELECT {', '.join(ENTRY_COLUMNS)} FROM articles_entry WITH NO DATA"
        )
        first_entry = _reserve_ids(cursor, "articles_entry", entries)
        first_article = _reserve_ids(cursor, "articles_article", 0)  # the table is locked: move the sequence after
        writer = _ArchiveWriter(rng, shape, actors, places, countries, country_weights, first_entry, first_article)
        with bar(total=entries, desc="entries", unit="entry") as progress_bar:
            for batch in writer.batches(batch_size):
                _copy(cursor, "articles_article", ARTICLE_COLUMNS, batch.articles)
                _copy(cursor, STAGING_TABLE, ", ".join(ENTRY_COLUMNS), batch.entries)
                _copy(cursor, "articles_entryactor", "entry_id, actor_id, count, source", batch.actor_mentions)
                _copy(cursor, "articles_entrylocation", "entry_id, location_id, count, source", batch.location_mentions)
                progress_bar.update(batch.entry_count)
        summary.articles = writer.article_count
        cursor.execute("SELECT setval(pg_get_serial_sequence('articles_article', 'id'), %s)", [writer.next_article])
        summary.entries = entries
        summary.duplicates = writer.duplicate_count
        summary.actor_mentions = writer.actor_mention_count
        summary.location_mentions = writer.location_mention_count
        summary.seconds["copy"] = time.perf_counter() - clock

        clock = time.perf_counter()
        last_entry = first_entry + entries - 1
        chunk = 100_000
        with bar(total=entries, desc="denormalise", unit="entry") as progress_bar:
            for low in range(first_entry, last_entry + 1, chunk):
                high = min(low + chunk - 1, last_entry)
                entry_denorm_insert(staging_table=STAGING_TABLE, columns=ENTRY_COLUMNS, first_id=low, last_id=high)
                progress_bar.update(high - low + 1)
        cursor.execute(f"DROP TABLE {STAGING_TABLE}")
        summary.seconds["denormalise"] = time.perf_counter() - clock

        clock = time.perf_counter()
        if dropped:
            cursor.execute("SET LOCAL max_parallel_maintenance_workers = 2")
            with bar(total=len(dropped), desc="indexes and foreign keys", unit="step") as progress_bar:
                for definition in dropped:
                    cursor.execute(definition)
                    progress_bar.update(1)
        summary.seconds["indexes"] = time.perf_counter() - clock

        clock = time.perf_counter()
        mention_counts_refresh()
        facet_counts_refresh()
        for table in ("articles_article", "articles_entry", "articles_actor", "articles_location", *TABLES_REBUILT[1:]):
            cursor.execute(f"ANALYZE {table}")
        summary.seconds["counts+analyze"] = time.perf_counter() - clock
    return summary


def _synthetic_present(cursor) -> bool:
    cursor.execute("SELECT EXISTS (SELECT 1 FROM articles_article WHERE publisher = %s)", [PUBLISHER])
    return cursor.fetchone()[0]


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int = 1) -> None:
        pass


@dataclass
class _Batch:
    articles: list[str] = field(default_factory=list)
    entries: list[str] = field(default_factory=list)
    actor_mentions: list[str] = field(default_factory=list)
    location_mentions: list[str] = field(default_factory=list)
    entry_count: int = 0


class _ArchiveWriter:
    """Draws articles and their entries in order and renders them as COPY text lines."""

    def __init__(self, rng, shape, actors, places, countries, country_weights, first_entry, first_article):
        self.rng = rng
        self.shape = shape
        self.actors = actors
        self.places = places
        self.countries = countries
        self.actor_weights = text.zipf_cum_weights(len(actors), 1.0)
        self.place_weights = text.zipf_cum_weights(len(places), 1.0)
        self.country_weights = country_weights
        self.prose = text.Prose(rng)
        self.dates = _Dates(rng)
        self.next_entry = first_entry
        self.next_article = first_article
        self.article_count = 0
        self.duplicate_count = 0
        self.actor_mention_count = 0
        self.location_mention_count = 0
        self.recent: list[tuple] = []  # canonical entries a later snapshot may repeat
        self.hashes: set[bytes] = set()
        self.now = datetime.datetime.now(datetime.UTC).isoformat()

    def _article_size(self, remaining: int) -> int:
        # A third are single stories, the rest live blogs of 5–60 entries (mean about 20 overall).
        size = 1 if self.rng.random() < 0.33 else self.rng.randint(5, 55)
        return min(size, remaining)

    def _mentions(self) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        rng = self.rng
        actors = {a[0]: a for a in rng.choices(self.actors, cum_weights=self.actor_weights, k=rng.randint(1, 4))}
        places = {}
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.3:
                place = rng.choices(self.countries, cum_weights=self.country_weights)[0]
            else:
                place = rng.choices(self.places, cum_weights=self.place_weights)[0]
            places[place[0]] = place
        return list(actors.values()), list(places.values())

    def _canonical(self) -> tuple:
        rng = self.rng
        while True:
            actors, places = self._mentions()
            title = self.prose.title(actors[0][1], places[0][1]) if rng.random() < 0.6 else None
            body = self.prose.body([a[1] for a in actors], [p[1] for p in places])
            digest = hashlib.sha256(f"{title or ''}\n{body}".encode()).digest()
            if digest not in self.hashes:  # one canonical entry per hash, like the real import
                self.hashes.add(digest)
                return title, body, digest.hex(), [a[0] for a in actors], [p[0] for p in places]

    def batches(self, batch_size: int) -> Iterator[_Batch]:
        rng = self.rng
        remaining = self.shape.entries
        batch = _Batch()
        while remaining:
            size = self._article_size(remaining)
            remaining -= size
            article_id = self.next_article
            self.next_article += 1
            self.article_count += 1
            published_on = self.dates.draw()
            precision = "month" if published_on and rng.random() < MONTH_PRECISION_SHARE else "day"
            if precision == "month":
                published_on = published_on.replace(day=1)
            headline = self.prose.title(rng.choice(self.actors[:200])[1], rng.choice(self.places[:200])[1])
            source = f"synthetic/{article_id}.txt"
            batch.articles.append(
                "\t".join(
                    (
                        str(article_id),
                        _tsv(headline),
                        "",
                        _tsv(published_on),
                        precision,
                        source,
                        PUBLISHER,
                        hashlib.sha256(f"{source}\n{headline}".encode()).hexdigest(),
                        str(size),
                        self.now,
                        self.now,
                    )
                )
                + "\n"
            )
            for position in range(size):
                entry_id = self.next_entry
                self.next_entry += 1
                entry_date = published_on
                if published_on and precision == "day" and size > 5 and position > size * 0.7:
                    entry_date = published_on + datetime.timedelta(days=1)
                duplicate_of = None
                if self.recent and rng.random() < DUPLICATE_SHARE:
                    duplicate_of, title, body, digest, actor_ids, place_ids = rng.choice(self.recent)
                    self.duplicate_count += 1
                else:
                    title, body, digest, actor_ids, place_ids = self._canonical()
                    if len(self.recent) < 4096:
                        self.recent.append((entry_id, title, body, digest, actor_ids, place_ids))
                    else:
                        self.recent[rng.randrange(4096)] = (entry_id, title, body, digest, actor_ids, place_ids)
                batch.entries.append(
                    f"{entry_id}\t{article_id}\t{position}\t{_tsv(title)}\t{_tsv(body)}\t{_tsv(entry_date)}\t"
                    f"{precision}\t{digest}\t{_tsv(duplicate_of)}\n"
                )
                batch.actor_mentions.extend(f"{entry_id}\t{a}\t1\tauto\n" for a in actor_ids)
                batch.location_mentions.extend(f"{entry_id}\t{p}\t1\tauto\n" for p in place_ids)
                self.actor_mention_count += len(actor_ids)
                self.location_mention_count += len(place_ids)
                batch.entry_count += 1
            if batch.entry_count >= batch_size or not remaining:
                yield batch
                batch = _Batch()


@transaction.atomic
def synthetic_clear() -> dict[str, int]:
    """Delete every generated article, entry, mention, actor and place (real data is untouched)."""
    deleted: dict[str, int] = {}
    synthetic_entries = (
        "SELECT e.id FROM articles_entry e JOIN articles_article a ON a.id = e.article_id WHERE a.publisher = %s"
    )
    with connection.cursor() as cursor:
        for table in ("articles_entryactor", "articles_entrylocation"):
            cursor.execute(f"DELETE FROM {table} WHERE entry_id IN ({synthetic_entries})", [PUBLISHER])
            deleted[table] = cursor.rowcount
        cursor.execute(
            f"UPDATE articles_entry SET duplicate_of_id = NULL WHERE duplicate_of_id IN ({synthetic_entries})"
            " AND article_id NOT IN (SELECT id FROM articles_article WHERE publisher = %s)",
            [PUBLISHER, PUBLISHER],
        )
        cursor.execute(
            "DELETE FROM articles_entry WHERE article_id IN (SELECT id FROM articles_article WHERE publisher = %s)",
            [PUBLISHER],
        )
        deleted["articles_entry"] = cursor.rowcount
        cursor.execute("DELETE FROM articles_article WHERE publisher = %s", [PUBLISHER])
        deleted["articles_article"] = cursor.rowcount
        for table, alias_table, key in (
            ("articles_actor", "articles_actoralias", "actor_id"),
            ("articles_location", "articles_locationalias", "location_id"),
        ):
            mentions = "articles_entryactor" if key == "actor_id" else "articles_entrylocation"
            # A synthetic row an editor has since linked to real entries stays.
            condition = f"slug LIKE %s AND NOT EXISTS (SELECT 1 FROM {mentions} m WHERE m.{key} = {table}.id)"
            cursor.execute(
                f"DELETE FROM {alias_table} WHERE {key} IN (SELECT id FROM {table} WHERE {condition})",
                [SLUG_PREFIX + "%"],
            )
            cursor.execute(f"DELETE FROM {table} WHERE {condition}", [SLUG_PREFIX + "%"])
            deleted[table] = cursor.rowcount
    # The precomputed counts still hold the deleted entries: pages count live until a recount.
    facet_counts_invalidate()
    return deleted


def archive_vacuum() -> None:
    """VACUUM ANALYZE the archive's tables (outside a transaction): visibility map for index-only scans."""
    with connection.cursor() as cursor:
        for table in ("articles_article", "articles_entry", "articles_entryactor", "articles_entrylocation"):
            cursor.execute(f"VACUUM (ANALYZE) {table}")

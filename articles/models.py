"""The archive's schema.

Designed for a million entries: the pages filter and count on `Entry` alone. Each entry
carries its own date, whether it is canonical (not a duplicate), and denormalised arrays
of the actors, locations and countries it mentions (GIN-indexed), so a filter by country,
person or date never joins through articles or mention tables. The mention tables stay
the source of truth (and what editors change); `services.entry_denorm_refresh()` rebuilds
the arrays from them.
"""

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from articles.paths import detail_path
from articles.querysets import ActorQuerySet, ArticleQuerySet, EntryQuerySet, LocationQuerySet


# Every insert, update and delete of what editors correct, recorded by PostgreSQL triggers
# whatever writes it (admin, import, reextract, merge, shell); see docs/corrections.md. Counters
# and denormalised copies are left out: they are rebuilt, not corrected.
#
# Each index on a history table is written by every imported row, so they have only what the
# reads need: the object's own history, and (for reverting one save) its updates by context;
# a partial index the import's inserts do not write. Copied foreign keys are not indexed
# (`PGHISTORY_FOREIGN_KEY_FIELD`), but for the entries' article: its public history page.
def tracked(*, exclude: list[str] | None = None, indexes: tuple[str, ...] = ()):
    """Record this model's history (an `<Model>Event` table beside it)."""

    def decorate(model):
        prefix = model._meta.model_name[:12]
        meta = {
            "indexes": [
                models.Index(fields=["pgh_obj", "pgh_id"], name=f"{prefix}_hist_obj"),
                models.Index(fields=["pgh_context"], condition=Q(pgh_label="update"), name=f"{prefix}_hist_upd"),
                *(models.Index(fields=[name], name=f"{prefix}_hist_{name}"[:30]) for name in indexes),
            ]
        }
        # Fresh trackers per model: pghistory fills each one's condition with that model's fields.
        trackers = (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
        return pghistory.track(*trackers, exclude=exclude, meta=meta)(model)

    return decorate


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"


@tracked(exclude=["updated_at"])
class Article(models.Model):
    headline = models.TextField()
    standfirst = models.TextField(blank=True, default="")
    published_on = models.DateField(null=True, blank=True)  # indexed by article_newest
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the date is known: a month-precision date is stored as the 1st.",
    )
    source_file = models.CharField(max_length=500, help_text="File name the article was imported from.")
    publisher = models.CharField(max_length=200, blank=True, default="")
    # The file's "By …" lines; the database default keeps bulk loaders that do not name it working.
    byline = models.CharField(max_length=300, blank=True, default="", db_default="", help_text="Who wrote it.")
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the file's decoded text.")
    entry_count = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        # Constraints rather than unique=True: that also adds a LIKE index nothing searches with,
        # one more index for every import to write.
        constraints = [
            models.UniqueConstraint(fields=["source_file"], name="article_unique_source_file"),
            models.UniqueConstraint(fields=["content_hash"], name="article_unique_content_hash"),
        ]
        indexes = [
            GinIndex(fields=["headline"], name="article_headline_trgm", opclasses=["gin_trgm_ops"]),
            # The order lists use (newest first, undated last); also serves date ranges.
            models.Index(F("published_on").desc(nulls_last=True), F("id").desc(), name="article_newest"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return detail_path("articles:article-detail", self.pk)


@tracked(exclude=["mention_count"])
class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, db_index=True)
    description = models.TextField(blank=True, default="")
    # Refreshed after imports; the fast path for unfiltered "most mentioned" lists.
    mention_count = models.PositiveIntegerField(default=0, db_index=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["name"], name="actor_name_trgm", opclasses=["gin_trgm_ops"]),
            # Imports look names up case-insensitively (services/entities.py): without it, a scan
            # of every actor per file naming someone new (~20 ms at 20 000 actors).
            models.Index(Lower("name"), name="actor_lower_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return detail_path("articles:actor-detail", self.slug)


@tracked()
class ActorAlias(models.Model):
    """Another spelling of an actor's name ("Zelenskyy", "Nato", "Mr Trump")."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)

    class Meta:
        verbose_name_plural = "actor aliases"
        constraints = [
            models.UniqueConstraint(Lower("name"), "actor", name="actor_alias_unique_per_actor"),
        ]
        indexes = [models.Index(Lower("name"), name="actor_alias_lower_name")]

    def __str__(self) -> str:
        return self.name


@tracked()
class ActorRedirect(models.Model):
    """An address an actor had (before a rename, or an actor merged into it): it redirects here."""

    old_slug = models.SlugField(max_length=300, unique=True)
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="redirects")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.actor_id}"


@tracked(exclude=["mention_count"])
class Location(models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        CITY = "city", "City"
        OTHER = "other", "Other"

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, unique=True)
    kind = models.CharField(max_length=8, choices=Kind.choices, db_index=True)
    country_code = models.CharField(
        max_length=2, db_index=True, help_text="ISO 3166-1 alpha-2 code of the country this place is in."
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    geonames_id = models.PositiveIntegerField(null=True, blank=True, unique=True)
    mention_count = models.PositiveIntegerField(default=0, db_index=True)

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country_code"], condition=Q(kind="country"), name="one_country_location_per_code"
            ),
        ]
        indexes = [models.Index(Lower("name"), name="location_lower_name")]  # as actor_lower_name

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        if self.kind == self.Kind.COUNTRY:
            return detail_path("articles:country-detail", self.country_code)
        return detail_path("articles:place-detail", self.slug)


@tracked()
class LocationAlias(models.Model):
    """Another spelling of a place's name ("Kiev", "Київ", "Odessa")."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)

    class Meta:
        verbose_name_plural = "location aliases"
        constraints = [
            models.UniqueConstraint(Lower("name"), "location", name="location_alias_unique_per_location"),
        ]
        indexes = [models.Index(Lower("name"), name="location_alias_lower_name")]

    def __str__(self) -> str:
        return self.name


@tracked(exclude=["actor_ids", "location_ids", "country_codes", "search_vector"], indexes=("article",))
class Entry(models.Model):
    # Foreign keys without their own index where a composite one starts with them: each index is
    # written by every imported entry (measured in README "Import speed").
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="entries", db_index=False)
    position = models.PositiveIntegerField(help_text="Order of the entry in its article, from 0.")
    title = models.TextField(null=True, blank=True)
    body = models.TextField(blank=True, default="")
    captions = models.TextField(
        blank=True, default="", db_default="", help_text="Photo captions, credits removed; one a paragraph."
    )
    published_on = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    # The post's time stamp ("10:21 p.m.", "14.05 GMT"); the database default keeps bulk loaders working.
    published_time = models.TimeField(
        null=True, blank=True, help_text="Time of day of the post's time stamp, if it has one."
    )
    time_zone = models.CharField(
        max_length=8,
        blank=True,
        default="",
        db_default="",
        help_text="Time zone the stamp names (GMT, EST…); empty: the publisher's local time.",
    )
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the normalised title and body.")
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        db_index=False,  # partial index below: canonical entries (most) are not in it
        help_text="The canonical entry this one repeats (same story in another snapshot).",
    )
    # Denormalised from the mention tables (see module docstring).
    actor_ids = ArrayField(models.BigIntegerField(), default=list, blank=True)
    location_ids = ArrayField(models.BigIntegerField(), default=list, blank=True)
    country_codes = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    actors = models.ManyToManyField(Actor, through="EntryActor", related_name="entries")
    locations = models.ManyToManyField(Location, through="EntryLocation", related_name="entries")

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "entries"
        ordering = ["article_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="entry_unique_position"),
            # One canonical entry per story: duplicates point at it instead.
            models.UniqueConstraint(
                fields=["content_hash"], condition=Q(duplicate_of__isnull=True), name="entry_unique_canonical_hash"
            ),
        ]
        indexes = [
            models.Index(fields=["duplicate_of"], condition=Q(duplicate_of__isnull=False), name="entry_duplicates"),
            # Pages walk these in date order (dated and undated parts, see selectors/entries.py). The
            # canonical one also carries the facet arrays, so counts, facets and date histograms over
            # canonical entries are index-only scans of ~120 bytes a row, not of the wide rows with
            # their bodies (measured: see README "Scale").
            models.Index(
                fields=["-published_on", "-id"],
                condition=Q(duplicate_of__isnull=True),
                include=["country_codes", "actor_ids"],
                name="entry_canonical_date",
            ),
            models.Index(fields=["-published_on", "-id"], name="entry_date"),
            GinIndex(fields=["actor_ids"], name="entry_actor_ids"),
            # No GIN index on location_ids: every import would write it; the place filter finds its
            # entries through the mention table's (location, entry) index (querysets.py).
            GinIndex(fields=["country_codes"], name="entry_country_codes"),
            GinIndex(fields=["search_vector"], name="entry_search_vector"),
            # The undated entries of a full-text result are counted exactly: over this small index,
            # not by building the bitmap of every match of a common term (30 ms at a million).
            GinIndex(fields=["search_vector"], condition=Q(published_on__isnull=True), name="entry_undated_search"),
        ]

    def __str__(self) -> str:
        return self.title or (self.body[:80] + "…" if len(self.body) > 80 else self.body)

    def get_absolute_url(self) -> str:
        return detail_path("articles:entry-detail", self.pk)

    @property
    def caption_list(self) -> list[str]:
        """The captions, one a paragraph, for templates to loop over."""
        return [caption for caption in self.captions.split("\n\n") if caption]


class MentionSource(models.TextChoices):
    AUTO = "auto", "Found by extraction"
    MANUAL = "manual", "Added by an editor"
    REJECTED = "rejected", "Rejected by an editor"


@tracked()
class EntryActor(models.Model):
    """An entry mentions an actor `count` times. Editors' links (manual/rejected) survive re-extraction."""

    # No single-column indexes: the unique (entry, actor) and the (actor, entry) index serve both.
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="actor_mentions", db_index=False)
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="mentions", db_index=False)
    count = models.PositiveIntegerField(default=1)
    source = models.CharField(max_length=8, choices=MentionSource.choices, default=MentionSource.AUTO)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "actor"], name="entry_actor_unique")]
        indexes = [models.Index(fields=["actor", "entry"], name="entryactor_actor_entry")]

    def __str__(self) -> str:
        return f"{self.actor} in entry {self.entry_id}"


@tracked()
class EntryLocation(models.Model):
    """An entry mentions a place (or a country) `count` times."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="location_mentions", db_index=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="mentions", db_index=False)
    count = models.PositiveIntegerField(default=1)
    source = models.CharField(max_length=8, choices=MentionSource.choices, default=MentionSource.AUTO)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "location"], name="entry_location_unique")]
        indexes = [models.Index(fields=["location", "entry"], name="entrylocation_location_entry")]

    def __str__(self) -> str:
        return f"{self.location} in entry {self.entry_id}"


class PublisherLine(models.Model):
    """A line as it recurs in one publisher's files, counted as files are imported.

    Seen verbatim in `LEARN_AFTER` or more different articles of one publisher, a line is that
    publisher's furniture; editors can confirm it (furniture) or overrule it (news) in the admin.
    """

    LEARN_AFTER = 3

    class Verdict(models.TextChoices):
        AUTO = "auto", "by count"
        FURNITURE = "furniture", "furniture (editor)"
        NEWS = "news", "news (editor)"

    publisher = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=20, help_text="Hash of the line, case, spacing and digits folded.")
    text = models.CharField(max_length=300, help_text="The line as first seen.")
    article_count = models.PositiveIntegerField(default=0, help_text="Different articles the line was seen in.")
    verdict = models.CharField(max_length=9, choices=Verdict.choices, default=Verdict.AUTO)
    learned_at = models.DateTimeField(
        null=True, blank=True, help_text="When the count reached the threshold (re-cleaning starts from it)."
    )
    articles = models.ManyToManyField(Article, through="PublisherLineSighting", related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["publisher", "fingerprint"], name="publisherline_unique_fingerprint")
        ]
        # Each import reads the learned lines: a small index over them, not the whole table.
        indexes = [
            models.Index(
                fields=["publisher"],
                condition=(Q(article_count__gte=3) & ~Q(verdict="news")) | Q(verdict="furniture"),
                include=["fingerprint"],
                name="publisherline_learned",
            )
        ]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.text}"

    @property
    def is_furniture(self) -> bool:
        if self.verdict == self.Verdict.AUTO:
            return self.article_count >= self.LEARN_AFTER
        return self.verdict == self.Verdict.FURNITURE


class PublisherLineSighting(models.Model):
    """One article a publisher line was seen in (so a re-import does not count it twice)."""

    line = models.ForeignKey(PublisherLine, on_delete=models.CASCADE, db_index=False)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["line", "article"], name="publisherlinesighting_unique")]

    def __str__(self) -> str:
        return f"line {self.line_id} in article {self.article_id}"

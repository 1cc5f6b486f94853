"""Reads: QuerySet methods the selectors and views build on."""

from django.db import models

UNDATED_ONLY, UNDATED_EXCLUDE = "only", "exclude"


class DatedQuerySet(models.QuerySet):
    """Rows with a `published_on` that may be null (articles and entries)."""

    def dated(self):
        return self.filter(published_on__isnull=False)

    def published_between(self, date_from=None, date_to=None, *, undated=""):
        """Within the inclusive range; `undated` "only" keeps the undated rows, "exclude" drops them."""
        if date_from:
            self = self.filter(published_on__gte=date_from)
        if date_to:
            self = self.filter(published_on__lte=date_to)
        if undated == UNDATED_ONLY:
            return self.filter(published_on__isnull=True)
        if undated == UNDATED_EXCLUDE:
            return self.filter(published_on__isnull=False)
        return self


class ArticleQuerySet(DatedQuerySet):
    pass


class EntryQuerySet(DatedQuerySet):
    def canonical(self):
        """Each story once: entries that do not duplicate another."""
        return self.filter(duplicate_of__isnull=True)

    def mentioning_countries(self, codes):
        """Entries that mention any of the countries (directly or through a place in them)."""
        return self.filter(country_codes__overlap=list(codes))

    def mentioning_actors(self, actor_ids):
        """Entries that mention all of the actors."""
        return self.filter(actor_ids__contains=list(actor_ids))

    def mentioning_places(self, location_ids):
        """Entries that mention all of the places.

        Found through the (location, entry) index of the mention table, one subquery a place (the
        array has no GIN index: every import would write it); the array test keeps the result
        what the pages show, editors' rejected mentions left out.
        """
        mention_model = self.model.location_mentions.rel.related_model  # EntryLocation (models imports us)
        for location_id in location_ids:
            mentions = mention_model.objects.filter(location_id=location_id).exclude(source="rejected")
            self = self.filter(pk__in=mentions.values("entry_id"))
        return self.filter(location_ids__contains=list(location_ids))

    def newest_first(self):
        return self.order_by(models.F("published_on").desc(nulls_last=True), "-id")


class ActorQuerySet(models.QuerySet):
    def people(self):
        return self.filter(kind="person")

    def organisations(self):
        return self.filter(kind="organisation")


class LocationQuerySet(models.QuerySet):
    def countries(self):
        return self.filter(kind="country")

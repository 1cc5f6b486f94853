"""The /entries/ filters as a django-filter FilterSet: parsing and validation of the query string.

Invalid input never raises: it becomes a form error naming the parameter, and the page shows
it with no results. The filtering itself lives in `selectors.entries.entries_filter` (the
facets need the same filters with one left out), so the FilterSet's `qs` calls it.
"""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from articles.models import Entry
from articles.querysets import UNDATED_EXCLUDE, UNDATED_ONLY
from articles.selectors.countries import country_name
from articles.selectors.entries import SORTS, EntryFilters, entries_filter
from articles.selectors.names import filter_targets_resolve
from articles.selectors.spellings import other_spellings

Q_MAX_LENGTH = 500
MAX_VALUES = 20
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,300}$")
# PostgreSQL parses a search into a stack 32 operators deep: each "-" (exclude) before a word
# is one level, so a longer run fails inside the database, with or without spaces or other
# signs between them ("- - -", "-!-|-"): "-" are counted across every stretch without a letter.
MAX_EXCLUDE_RUN = 16
_EXCLUDE_RUN = re.compile(r"\W+")


def validate_search_text(value: str) -> None:
    """Refuse what websearch_to_tsquery cannot parse: too many "-" in a row."""
    if any(run.group().count("-") > MAX_EXCLUDE_RUN for run in _EXCLUDE_RUN.finditer(value or "")):
        raise ValidationError(f"Search text may have at most {MAX_EXCLUDE_RUN} “-” (exclude) signs in a row.")


class MultipleValueField(forms.Field):
    """A repeatable query parameter (`?country=UA&country=PL`) as a list of strings."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, value_label: str, **kwargs):
        self.value_label = value_label
        super().__init__(**kwargs)

    def to_python(self, value) -> list[str]:
        values = [v.strip() for v in (value or []) if v and v.strip()]
        if len(values) > MAX_VALUES:
            raise ValidationError(f"At most {MAX_VALUES} values, got {len(values)}.")
        return list(dict.fromkeys(values))

    def validate(self, value):
        super().validate(value)
        for item in value:
            if "\x00" in item or len(item) > 300:
                raise ValidationError(f"“{item[:40]}” is not a valid {self.value_label}.")


class CountryCodesField(MultipleValueField):
    def to_python(self, value) -> list[str]:
        return [v.upper() for v in super().to_python(value)]

    def validate(self, value):
        super().validate(value)
        for code in value:
            if country_name(code) is None:
                raise ValidationError(f"“{code[:40]}” is not an ISO 3166 country code (two letters, e.g. UA or PL).")


class SlugsField(MultipleValueField):
    def validate(self, value):
        super().validate(value)
        for slug in value:
            if not _SLUG.match(slug):
                raise ValidationError(f"“{slug[:40]}” is not a valid {self.value_label} (letters, digits, hyphens).")


class CountryFilter(django_filters.Filter):
    field_class = CountryCodesField


class SlugsFilter(django_filters.Filter):
    field_class = SlugsField


def _noop(queryset, name, value):
    return queryset


class EntryFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error(
                "date_to",
                f"The end date ({date_to:%-d %B %Y}) is before the start date ({date_from:%-d %B %Y}): "
                "swap them to see that period.",
            )
        if data.get("undated") == UNDATED_ONLY and (date_from or date_to):
            self.add_error("undated", "Undated entries have no date, so they cannot be in a date range.")
        self._resolve_targets(data)
        return data

    def _resolve_targets(self, data):
        """Turn person/org slugs and the article id into database rows (one query)."""
        persons, orgs, places = data.get("person") or [], data.get("org") or [], data.get("place") or []
        article = data.get("article")
        targets = filter_targets_resolve(
            actor_slugs=persons + orgs,
            article_ids=[article] if article is not None else [],
            place_slugs=places,
            q=(data.get("q") or "").strip(),
        )
        # The people, organisations and places the search names (their spellings widen it).
        self.named = targets.named
        actors = self.actors = targets.actors
        self.places = targets.places
        self.article_headline = targets.articles.get(article) if article is not None else None
        for name, slugs, kind, label in (("person", persons, "person", "person"), ("org", orgs, "org", "organisation")):
            for slug in slugs:
                actor = actors.get(slug)
                if actor is None:
                    self.add_error(name, f"No {label} has the slug “{slug[:40]}”.")
                elif actor.param != kind:
                    self.add_error(name, f"“{actor.name}” is not a {label}; use {actor.param}={slug}.")
        self._check_places(places)
        if article is not None and self.article_headline is None:
            self.add_error("article", f"There is no article {article}.")

    def _check_places(self, slugs):
        for slug in slugs:
            place = self.places.get(slug)
            if place is None:
                self.add_error("place", f"No place has the slug “{slug[:40]}”.")
            elif place.kind == "country":
                self.add_error("place", f"“{place.name}” is a country; use country={place.country_code}.")


class EntryFilterSet(django_filters.FilterSet):
    """Filters for /entries/, /articles/ and the exports; the URL holds all of them."""

    q = django_filters.CharFilter(
        label="Search",
        method=_noop,
        max_length=Q_MAX_LENGTH,
        validators=[validate_search_text],
        error_messages={"max_length": f"Search text is limited to {Q_MAX_LENGTH} characters."},
        help_text='Words, "exact phrases", OR, -excluded',
    )
    date_from = django_filters.DateFilter(
        label="From",
        method=_noop,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "must be a date written YYYY-MM-DD, e.g. 2024-11-08."},
    )
    date_to = django_filters.DateFilter(
        label="To",
        method=_noop,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "must be a date written YYYY-MM-DD, e.g. 2024-11-08."},
    )
    country = CountryFilter(label="Country", method=_noop, value_label="country code")
    person = SlugsFilter(label="Person", method=_noop, value_label="person slug")
    org = SlugsFilter(label="Organisation", method=_noop, value_label="organisation slug")
    place = SlugsFilter(label="Place", method=_noop, value_label="place slug")
    article = django_filters.NumberFilter(
        label="Article",
        method=_noop,
        widget=forms.HiddenInput,
        min_value=1,
        max_value=2**62,
        error_messages={
            code: "must be an article number, e.g. article=12." for code in ("invalid", "min_value", "max_value")
        },
    )
    undated = django_filters.ChoiceFilter(
        label="Dates",
        method=_noop,
        choices=[(UNDATED_EXCLUDE, "Dated entries only"), (UNDATED_ONLY, "Undated entries only")],
        empty_label="Dated and undated",
    )
    include_duplicates = django_filters.BooleanFilter(
        label="Show repeated entries",
        method=_noop,
        widget=forms.CheckboxInput,
        help_text="Live blogs repeat stories across snapshots; by default each appears once.",
    )
    sort = django_filters.ChoiceFilter(
        label="Sort",
        method=_noop,
        choices=[(s, s.capitalize() + (" first" if s != "relevance" else "")) for s in SORTS],
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = Entry
        fields: list[str] = []
        form = EntryFilterForm

    def __init__(self, data=None, *args, **kwargs):
        # The sort control shows the sort actually used (relevance when searching), so that
        # submitting the form unchanged keeps the order.
        # The filters keep the sort as requested (none: the default for the query).
        searching = bool((data or {}).get("q", "").strip())
        self.requested_sort = (data or {}).get("sort") or ""
        if data is not None and (not self.requested_sort or (self.requested_sort == "relevance" and not searching)):
            data = data.copy()
            data["sort"] = "relevance" if searching else "newest"
        super().__init__(data, *args, **kwargs)

    @property
    def entry_filters(self) -> EntryFilters | None:
        """The validated filters, or None when the query string has errors."""
        if not self.is_valid():
            return None
        data = self.form.cleaned_data
        actors = self.form.actors
        return EntryFilters(
            q=(data.get("q") or "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            countries=tuple(data.get("country") or ()),
            person_ids=tuple(actors[s].id for s in data.get("person") or ()),
            org_ids=tuple(actors[s].id for s in data.get("org") or ()),
            place_ids=tuple(self.form.places[s].id for s in data.get("place") or ()),
            article_id=int(data["article"]) if data.get("article") is not None else None,
            undated=data.get("undated") or "",
            include_duplicates=bool(data.get("include_duplicates")),
            sort=self.requested_sort,
            q_spellings=other_spellings(q=data.get("q") or "", entities=self.form.named),
        )

    def filter_queryset(self, queryset):
        filters = self.entry_filters
        return entries_filter(filters=filters) if filters else queryset.none()

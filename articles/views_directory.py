"""Thin views of the directories (/people/, /organisations/, /places/) and of a place's page."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from articles.filters import EntryFilterSet
from articles.links import active_filter_chips, entries_url, histogram_chart
from articles.pagination import page_window
from articles.querystring import querystring_set, querystring_toggle
from articles.selectors.countries import country_name
from articles.selectors.directory import DIRECTORIES, NAME_MAX_LENGTH, directory_page
from articles.selectors.entries import EntryFilters, entry_page, result_scope
from articles.selectors.facets import actor_facets, date_histogram
from articles.selectors.places import place_moved_to, place_with_aliases
from articles.views import LATEST_ON_PROFILE, _form_errors, _params

DIRECTORY_PAGE_SIZE = 50


def _name_param(request) -> tuple[str, str]:
    """The name box's text and, when it is too long or holds a NUL, the error about it."""
    name = request.GET.get("name", "").strip()
    if len(name) > NAME_MAX_LENGTH:
        return "", f"A name to find is limited to {NAME_MAX_LENGTH} characters."
    if "\x00" in name:
        return "", "A name to find cannot contain a NUL character."
    return name, ""


def _offset(page_param: str | None, per_page: int) -> int:
    raw = (page_param or "1").strip()
    return (int(raw) - 1) * per_page if raw.isdigit() and 0 < len(raw) <= 9 and int(raw) > 0 else 0


@require_safe
def directory_list(request, param: str):
    """Every person (organisation, place) of the filtered entries, most mentioned first."""
    directory = DIRECTORIES[param]
    filterset = EntryFilterSet(request.GET)
    filters = filterset.entry_filters
    name, name_error = _name_param(request)
    context = {"directory": directory, "form": filterset.form, "name": name}
    if filters is None or name_error:
        context["errors"] = _form_errors(filterset.form) if filters is None else [("name", name_error)]
        return render(request, "articles/directory_list.html", context, status=400)
    scope = result_scope(filters=filters)
    page_number = request.GET.get("page")
    per_page = getattr(settings, "DIRECTORY_PAGE_SIZE", DIRECTORY_PAGE_SIZE)
    # The total comes with the page (one query); a page past the end is then told apart.
    offset = _offset(page_number, per_page)
    found = directory_page(directory=directory, filters=filters, name=name, offset=offset, limit=per_page, scope=scope)
    window = page_window(total=found.total, page_param=page_number, per_page=per_page)
    base = querystring_set(request.GET, name=None)
    # A row's count links to its entries under the same filters, without the name box's text.
    entry_params = request.GET.copy()
    entry_params.pop("name", None)
    context.update(
        window=window,
        total=found.total,
        sampled=scope.sample,
        chips=active_filter_chips(params=request.GET, form=filterset.form),
        hidden=[(k, v) for k, values in request.GET.lists() if k not in ("name", "page") for v in values if v],
        clear_name_url=base,
        rows=[(row, entries_url() + querystring_toggle(entry_params, param, row.slug)) for row in found.rows],
        filtered=not filters.is_unfiltered,
    )
    if window.error:
        context["errors"] = [("page", window.error)]
        return render(request, "articles/directory_list.html", context, status=404)
    return render(request, "articles/directory_list.html", context)


@require_safe
def place_detail(request, slug):
    place = place_with_aliases(slug=slug)
    if place is None:
        moved_to = place_moved_to(slug=slug)  # a known alias's spelling
        if moved_to is None:
            raise Http404("No place with that name.")
        return redirect("articles:place-detail", slug=moved_to.slug, permanent=True)
    if place.kind == place.Kind.COUNTRY:
        return redirect("articles:country-detail", code=place.country_code, permanent=True)
    filters = EntryFilters(place_ids=(place.pk,))
    histogram = date_histogram(filters=filters)
    company = actor_facets(filters=filters, limit=8)
    pair = ("place", place.slug)
    context = {
        "place": place,
        "country_name": country_name(place.country_code) if place.country_code else None,
        "histogram": histogram,
        "chart": histogram_chart(histogram=histogram, params=_params(*pair), base_url=entries_url()),
        "entries_url": entries_url(place=place.slug),
        "people": [(item, entries_url(pair, ("person", item.value))) for item in company.people],
        "organisations": [(item, entries_url(pair, ("org", item.value))) for item in company.organisations],
        "rows": entry_page(filters=filters, offset=0, limit=LATEST_ON_PROFILE, dated_total=histogram.dated),
    }
    return render(request, "articles/place_detail.html", context)

"""Thin views: validate the query string, call selectors, render."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponseBadRequest, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.entry_list_extras import finding_context
from articles.exports import csv_lines, filters_or_error, json_chunks
from articles.filters import EntryFilterSet
from articles.links import active_filter_chips, entries_url, histogram_chart
from articles.models import Actor
from articles.pagination import page_window
from articles.querystring import querystring_set
from articles.selectors.actors import actor_with_aliases
from articles.selectors.articles import article_get, articles_filter
from articles.selectors.countries import country_counts, country_name, country_places
from articles.selectors.entries import (
    EntryFilters,
    article_entries,
    entry_duplicates,
    entry_export_rows,
    entry_get,
    entry_page,
    entry_rows,
    result_scope,
)
from articles.selectors.facets import actor_facets, country_facet, date_histogram, entry_summary, place_facet
from articles.selectors.stats import archive_stats, latest_articles

DEFAULT_PAGE_SIZE = 25
LATEST_ON_PROFILE = 10


def _page_size() -> int:
    # Read per request so a deployment (or a test) can change BROWSE_PAGE_SIZE in settings.
    return getattr(settings, "BROWSE_PAGE_SIZE", DEFAULT_PAGE_SIZE)


def _params(key: str, value: str) -> QueryDict:
    """A query string with one filter, as the base of a profile page's chart links."""
    params = QueryDict(mutable=True)
    params[key] = value
    return params


def _form_errors(form) -> list[tuple[str, str]]:
    """(parameter, message) pairs for the error summary at the top of a page."""
    return [
        (name if name != "__all__" else "", message) for name, messages in form.errors.items() for message in messages
    ]


@require_safe
def home(request):
    filters = EntryFilters()
    histogram = date_histogram(filters=filters)
    context = {
        "stats": archive_stats(),
        "latest_articles": latest_articles(),
        "actor_facets": actor_facets(filters=filters, limit=8),
        "countries": country_facet(filters=filters, limit=8),
        "chart": histogram_chart(histogram=histogram, params=QueryDict(), base_url=entries_url()),
        "histogram": histogram,
    }
    return render(request, "articles/home.html", context)


@require_safe
def entry_list(request):
    filterset = EntryFilterSet(request.GET)
    filters = filterset.entry_filters
    context = {"filter": filterset, "form": filterset.form, "query": querystring_set(request.GET)}
    if filters is None:
        context["errors"] = _form_errors(filterset.form)
        return render(request, "articles/entry_list.html", context, status=400)
    scope = result_scope(filters=filters)
    summary = entry_summary(filters=filters, scope=scope)
    histogram = summary.histogram
    ranked = scope.sample if scope.sample and filters.effective_sort == "relevance" else None
    pages_of = histogram.total if ranked is None else ranked
    window = page_window(total=pages_of, page_param=request.GET.get("page"), per_page=_page_size())
    context.update(
        filters=filters,
        histogram=histogram,
        ranked=ranked,
        chart=histogram_chart(histogram=histogram, params=request.GET),
        window=window,
        chips=active_filter_chips(params=request.GET, form=filterset.form),
        countries=summary.countries,
        actor_facets=summary.actors,
        undated_hidden=histogram.undated if histogram.total < histogram.dated + histogram.undated else 0,
        show_undated_url=querystring_set(request.GET, date_from=None, date_to=None, undated="only"),
        **finding_context(request=request, form=filterset.form, filters=filters, scope=scope),
    )
    if window.error:
        context["errors"] = [("page", window.error)]
        return render(request, "articles/entry_list.html", context, status=404)
    context["rows"] = entry_page(
        filters=filters, offset=window.offset, limit=window.per_page, dated_total=histogram.dated, scope=scope
    )
    return render(request, "articles/entry_list.html", context)


def _export_filters(request):
    return filters_or_error(EntryFilterSet(request.GET))


@require_safe
def entries_csv(request):
    filters, error = _export_filters(request)
    if filters is None:
        return HttpResponseBadRequest(error, content_type="text/plain; charset=utf-8")
    prefix = request.build_absolute_uri(reverse("articles:entry-list"))
    response = StreamingHttpResponse(
        csv_lines(rows=entry_export_rows(filters=filters), entry_url_prefix=prefix),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="entries.csv"'
    return response


@require_safe
def entries_json(request):
    filters, error = _export_filters(request)
    if filters is None:
        return HttpResponseBadRequest(error, content_type="text/plain; charset=utf-8")
    prefix = request.build_absolute_uri(reverse("articles:entry-list"))
    return StreamingHttpResponse(
        json_chunks(rows=entry_export_rows(filters=filters), entry_url_prefix=prefix),
        content_type="application/json; charset=utf-8",
    )


@require_safe
def entry_detail(request, pk):
    entry = entry_get(pk=pk) if 0 < pk < 2**63 else None
    if entry is None:
        raise Http404("No entry with that number.")
    row = entry_rows(entries=[entry])[0]
    context = {"row": row, "entry": entry, "duplicates": entry_duplicates(entry=entry)}
    return render(request, "articles/entry_detail.html", context)


@require_safe
def article_list(request):
    filterset = EntryFilterSet(request.GET)
    filters = filterset.entry_filters
    context = {"filter": filterset, "form": filterset.form}
    if filters is None:
        context["errors"] = _form_errors(filterset.form)
        return render(request, "articles/article_list.html", context, status=400)
    articles = articles_filter(filters=filters)
    window = page_window(total=articles.count(), page_param=request.GET.get("page"), per_page=_page_size())
    context.update(window=window, chips=active_filter_chips(params=request.GET, form=filterset.form))
    if window.error:
        context["errors"] = [("page", window.error)]
        return render(request, "articles/article_list.html", context, status=404)
    context["articles"] = list(articles[window.offset : window.offset + window.per_page])
    return render(request, "articles/article_list.html", context)


@require_safe
def article_detail(request, pk):
    article = article_get(pk=pk)
    if article is None:
        raise Http404("No article with that number.")
    rows = article_entries(article_id=article.pk)
    context = {
        "article": article,
        "rows": rows,
        "duplicate_count": sum(1 for r in rows if r.entry.duplicate_of_id),
        "entries_url": entries_url(article=article.pk, include_duplicates="on"),
    }
    return render(request, "articles/article_detail.html", context)


@require_safe
def actor_detail(request, slug):
    actor = actor_with_aliases(slug=slug)
    if actor is None:
        raise Http404("No person or organisation with that name.")
    is_person = actor.kind == Actor.Kind.PERSON
    route = "articles:actor-detail" if is_person else "articles:organisation-detail"
    if request.resolver_match.view_name != route:
        return redirect(route, slug=actor.slug, permanent=True)
    param = "person" if is_person else "org"
    filters = EntryFilters(person_ids=(actor.pk,)) if is_person else EntryFilters(org_ids=(actor.pk,))
    histogram = date_histogram(filters=filters)
    base = entries_url(**{param: actor.slug})
    company = actor_facets(filters=filters, limit=8, exclude_ids=(actor.pk,))
    context = {
        "actor": actor,
        "param": param,
        "histogram": histogram,
        "chart": histogram_chart(histogram=histogram, params=_params(param, actor.slug), base_url=entries_url()),
        "entries_url": base,
        "people": [(item, entries_url((param, actor.slug), ("person", item.value))) for item in company.people],
        "organisations": [
            (item, entries_url((param, actor.slug), ("org", item.value))) for item in company.organisations
        ],
        "places": [
            (item, entries_url((param, actor.slug), (item.ref.param, item.ref.value)))
            for item in place_facet(filters=filters, limit=10)
        ],
        "rows": entry_page(filters=filters, offset=0, limit=LATEST_ON_PROFILE, dated_total=histogram.dated),
    }
    return render(request, "articles/actor_detail.html", context)


@require_safe
def country_list(request):
    return render(request, "articles/country_list.html", {"countries": country_counts()})


@require_safe
def country_detail(request, code):
    name = country_name(code)
    if name is None:
        raise Http404("Not a country code.")
    if code != code.upper():
        return redirect("articles:country-detail", code=code.upper(), permanent=True)
    stored_name, places = country_places(code=code)
    filters = EntryFilters(countries=(code,))
    histogram = date_histogram(filters=filters)
    if histogram.total == 0 and not places and stored_name is None:
        raise Http404("The archive does not mention this country.")
    company = actor_facets(filters=filters, limit=10)
    context = {
        "code": code,
        "name": stored_name or name,
        "places": places,
        "histogram": histogram,
        "chart": histogram_chart(histogram=histogram, params=_params("country", code), base_url=entries_url()),
        "entries_url": entries_url(country=code),
        "people": [(item, entries_url(("country", code), ("person", item.value))) for item in company.people],
        "organisations": [
            (item, entries_url(("country", code), ("org", item.value))) for item in company.organisations
        ],
        "rows": entry_page(filters=filters, offset=0, limit=LATEST_ON_PROFILE, dated_total=histogram.dated),
    }
    return render(request, "articles/country_detail.html", context)

"""Thin views: validate the query string, call selectors, render."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.entry_list_extras import finding_context
from articles.exports import csv_lines, export_key_or_error, filters_or_error, json_chunks, rows_started
from articles.filters import EntryFilterSet
from articles.links import active_filter_chips, country_links, entries_url, histogram_chart
from articles.models import Actor
from articles.pagination import MAX_PAGES, page_window
from articles.paths import detail_path
from articles.querystring import querystring_set, querystring_without_empty
from articles.selectors.actors import actor_moved_to, actor_with_aliases
from articles.selectors.articles import article_countries, article_get, articles_filter
from articles.selectors.corrections import article_history, correction_notes
from articles.selectors.countries import country_counts, country_name, country_places
from articles.selectors.entries import (
    EntryFilters,
    article_entries_in_order,
    entry_duplicates,
    entry_get,
    entry_neighbours,
    entry_page,
    entry_rows,
    result_scope,
)
from articles.selectors.export_pages import export_page
from articles.selectors.facets import actor_facets, country_facet, date_histogram, entry_summary, place_facet
from articles.selectors.stats import archive_stats, latest_articles
from articles.timeline import ORDERS

DEFAULT_PAGE_SIZE = 25
# An article page shows this many entries (a live blog can have thousands); the rest on pages.
ARTICLE_PAGE_SIZE = 100
DUPLICATES_SHOWN = 50
LATEST_ON_PROFILE = 10
ORDER_LABELS = (("page", "As published"), ("oldest", "Oldest first"), ("newest", "Newest first"))


def _page_size() -> int:
    # Read per request so a deployment (or a test) can change BROWSE_PAGE_SIZE in settings.
    return getattr(settings, "BROWSE_PAGE_SIZE", DEFAULT_PAGE_SIZE)


def _max_pages() -> int:
    return getattr(settings, "BROWSE_MAX_PAGES", MAX_PAGES)


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


def _redirect_without_empty(request):
    """A redirect to the same page without empty parameters, or None."""
    query = querystring_without_empty(request.GET)
    return None if query is None else redirect(request.path + query)


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
    if cleaned := _redirect_without_empty(request):
        return cleaned
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
    window = page_window(
        total=pages_of, page_param=request.GET.get("page"), per_page=_page_size(), max_pages=_max_pages()
    )
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


DEFAULT_EXPORT_MAX_ROWS = 100_000


def _export(request, lines, content_type: str) -> HttpResponse:
    """A capped page of the filtered entries; `Link: rel=next` names the next page's URL."""
    filters, error = filters_or_error(EntryFilterSet(request.GET))
    if filters is not None:
        after, error = export_key_or_error(request.GET.get("after"), filters)
    if error:
        return HttpResponseBadRequest(error, content_type="text/plain; charset=utf-8")
    limit = getattr(settings, "EXPORT_MAX_ROWS", DEFAULT_EXPORT_MAX_ROWS)
    page = export_page(filters=filters, after=after, limit=limit)
    prefix = request.build_absolute_uri(reverse("articles:entry-list"))
    response = StreamingHttpResponse(
        lines(rows=rows_started(page.rows), entry_url_prefix=prefix), content_type=content_type
    )
    if page.truncated:
        response["X-Export-Truncated"] = f"first {limit} rows"
    if page.next_key:
        following = request.build_absolute_uri(request.path + querystring_set(request.GET, after=page.next_key.token))
        response["Link"] = f'<{following}>; rel="next"'
    return response


@require_safe
def entries_csv(request):
    response = _export(request, csv_lines, "text/csv; charset=utf-8")
    if response.status_code == 200:
        response["Content-Disposition"] = 'attachment; filename="entries.csv"'
    return response


@require_safe
def entries_json(request):
    return _export(request, json_chunks, "application/json; charset=utf-8")


def _non_canonical_path(request, route: str, pk: int) -> str:
    """The canonical path when the request spelled the number otherwise ("0007"), else ""."""
    canonical = detail_path(route, pk)
    return canonical if request.path != canonical else ""


def _article_page_url(entry) -> str:
    """The article page that shows this entry, scrolled to it (positions count from 0)."""
    page = entry.position // getattr(settings, "ARTICLE_PAGE_SIZE", ARTICLE_PAGE_SIZE) + 1
    query = f"?page={page}" if page > 1 else ""
    return f"{detail_path('articles:article-detail', entry.article_id)}{query}#entry-{entry.pk}"


@require_safe
def entry_detail(request, pk):
    if canonical := _non_canonical_path(request, "articles:entry-detail", pk):
        return redirect(canonical, permanent=True)
    entry = entry_get(pk=pk) if 0 < pk < 2**63 else None
    if entry is None:
        raise Http404("No entry with that number.")
    row = entry_rows(entries=[entry])[0]
    previous, following = entry_neighbours(entry=entry)
    duplicates = entry_duplicates(entry=entry, limit=DUPLICATES_SHOWN)
    context = {
        "row": row,
        "entry": entry,
        "duplicates": duplicates[:DUPLICATES_SHOWN],
        "more_duplicates": len(duplicates) > DUPLICATES_SHOWN,
        "article_url": _article_page_url(entry),
        "previous": previous,
        "following": following,
        "corrected_at": correction_notes(entry_id=entry.pk).entries.get(entry.pk),
    }
    return render(request, "articles/entry_detail.html", context)


@require_safe
def article_list(request):
    if cleaned := _redirect_without_empty(request):
        return cleaned
    filterset = EntryFilterSet(request.GET)
    filters = filterset.entry_filters
    context = {"filter": filterset, "form": filterset.form}
    if filters is None:
        context["errors"] = _form_errors(filterset.form)
        return render(request, "articles/article_list.html", context, status=400)
    articles = articles_filter(filters=filters)
    window = page_window(
        total=articles.count(), page_param=request.GET.get("page"), per_page=_page_size(), max_pages=_max_pages()
    )
    context.update(window=window, chips=active_filter_chips(params=request.GET, form=filterset.form))
    if window.error:
        context["errors"] = [("page", window.error)]
        return render(request, "articles/article_list.html", context, status=404)
    page = list(articles[window.offset : window.offset + window.per_page])
    countries = article_countries(article_ids=[article.pk for article in page])
    context["articles"] = [(article, *country_links(countries.get(article.pk, []))) for article in page]
    return render(request, "articles/article_list.html", context)


@require_safe
def article_detail(request, pk):
    if canonical := _non_canonical_path(request, "articles:article-detail", pk):
        return redirect(canonical, permanent=True)
    article = article_get(pk=pk)
    if article is None:
        raise Http404("No article with that number.")
    order = request.GET.get("order", "page")
    per_page = getattr(settings, "ARTICLE_PAGE_SIZE", ARTICLE_PAGE_SIZE)
    # An article is bounded by the importer's limits, not by MAX_PAGES: every entry stays reachable.
    window = page_window(
        total=article.entries_total, page_param=request.GET.get("page"), per_page=per_page, max_pages=2**31
    )
    context = {
        "article": article,
        "window": window,
        "order": order,
        "order_links": [
            (name, label, querystring_set(request.GET, order=None if name == "page" else name))
            for name, label in ORDER_LABELS
        ],
        "corrections": correction_notes(article_id=article.pk),
        "entries_url": entries_url(article=article.pk, include_duplicates="on"),
    }
    if order not in ORDERS:
        context.update(rows=[], errors=[("order", f"must be one of: {', '.join(ORDERS)}")])
        return render(request, "articles/article_detail.html", context, status=400)
    if window.error:
        context["errors"] = [("page", window.error)]
        return render(request, "articles/article_detail.html", context, status=404)
    context["rows"] = article_entries_in_order(
        article_id=article.pk, order=order, offset=window.offset, limit=window.per_page
    )
    return render(request, "articles/article_detail.html", context)


@require_safe
def article_history_page(request, pk):
    article = article_get(pk=pk)
    if article is None:
        raise Http404("No article with that number.")
    context = {"article": article, "lines": article_history(article_id=article.pk)}
    return render(request, "articles/article_history.html", context)


def _actor_route(actor: Actor) -> str:
    return "articles:actor-detail" if actor.kind == Actor.Kind.PERSON else "articles:organisation-detail"


@require_safe
def actor_detail(request, slug):
    actor = actor_with_aliases(slug=slug)
    if actor is None:
        moved_to = actor_moved_to(slug=slug)  # renamed, merged away, or an alias's spelling
        if moved_to is None:
            raise Http404("No person or organisation with that name.")
        return redirect(_actor_route(moved_to), slug=moved_to.slug, permanent=True)
    is_person = actor.kind == Actor.Kind.PERSON
    route = _actor_route(actor)
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
        "name": name,  # the site's one name for the code, as chips and facets show it
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

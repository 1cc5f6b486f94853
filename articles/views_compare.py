"""Thin view of /compare/: validate the subjects, call the comparison selector, render."""

from __future__ import annotations

from django.http import QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.filters import EntryFilterSet
from articles.links import entries_url, histogram_chart
from articles.paths import detail_path
from articles.querystring import querystring_toggle
from articles.selectors.compare import MAX_SUBJECTS, Subject, comparison
from articles.selectors.countries import country_name
from articles.selectors.directory import ORGANISATIONS, PEOPLE, PLACES, directory_page
from articles.selectors.entries import EntryFilters
from articles.selectors.names import ActorRef
from articles.views import _form_errors, _params

SUBJECT_PARAMS = ("person", "org", "place", "country")
PICKS = 6


def _subjects(params: QueryDict, form) -> list[Subject]:
    """The compared things in the order the URL names them (the form is valid)."""
    subjects = []
    for key, values in params.lists():
        if key not in SUBJECT_PARAMS:
            continue
        for raw in dict.fromkeys(v.strip() for v in values if v.strip()):
            if key == "country":
                code = raw.upper()
                url = detail_path("articles:country-detail", code)
                subjects.append(Subject(key, code, country_name(code) or code, None, url))
            elif key == "place":
                place = form.places[raw]
                subjects.append(Subject(key, raw, place.name, place.id, place.url))
            else:
                actor: ActorRef = form.actors[raw]
                subjects.append(Subject(key, raw, actor.name, actor.id, actor.url))
    return subjects


def _subject_params(params: QueryDict) -> QueryDict:
    kept = QueryDict(mutable=True)
    for key in SUBJECT_PARAMS:
        if values := params.getlist(key):
            kept.setlist(key, values)
    return kept


def _picks(params: QueryDict) -> list[tuple[str, list]]:
    """The most mentioned of each kind, as links adding them (when fewer than two are chosen)."""
    picks = []
    for directory in (PEOPLE, ORGANISATIONS, PLACES):
        page = directory_page(directory=directory, filters=EntryFilters(), offset=0, limit=PICKS)
        links = [(row.name, querystring_toggle(params, directory.param, row.slug)) for row in page.rows]
        picks.append((directory.noun.capitalize(), links))
    return picks


@require_safe
def compare(request):
    params = _subject_params(request.GET)
    filterset = EntryFilterSet(params)
    context = {"subjects": [], "picks": []}
    if filterset.entry_filters is None:
        context["errors"] = _form_errors(filterset.form)
        return render(request, "articles/compare.html", context, status=400)
    subjects = _subjects(params, filterset.form)
    context["subjects"] = subjects
    if len(subjects) > MAX_SUBJECTS:
        context["errors"] = [("", f"Compare at most {MAX_SUBJECTS} at once; this link names {len(subjects)}.")]
        return render(request, "articles/compare.html", context, status=400)
    if len(subjects) < 2:
        context["picks"] = _picks(params)
        return render(request, "articles/compare.html", context)
    result = comparison(subjects=subjects)
    context.update(
        columns=[
            {
                "subject": subject,
                "chart": histogram_chart(
                    histogram=timeline, params=_params(subject.param, subject.value), base_url=entries_url()
                ),
                "timeline": timeline,
                "entries_url": entries_url((subject.param, subject.value)),
                "remove_url": querystring_toggle(params, subject.param, subject.value),
                "company": _company_links(subject, company),
            }
            for subject, timeline, company in zip(subjects, result.timelines, result.company, strict=True)
        ],
        result=result,
        shared_url=entries_url(*((s.param, s.value) for s in subjects))
        if sum(s.param == "country" for s in subjects) <= 1
        else "",
    )
    return render(request, "articles/compare.html", context)


def _company_links(subject: Subject, company) -> list[tuple[str, str, int, str]]:
    """(kind, name, entries together, link to those entries) of who appears with the subject."""
    items = [("person", item) for item in company.people] + [("org", item) for item in company.organisations]
    items.sort(key=lambda pair: (-pair[1].count, pair[1].label))
    return [
        (kind, item.label, item.count, entries_url((subject.param, subject.value), (kind, item.value)))
        for kind, item in items
    ]

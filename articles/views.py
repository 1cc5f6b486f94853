"""Thin views: build the filter, call a selector, render. (Minimal until Browse lands.)"""

from django.shortcuts import get_object_or_404, render

from articles.models import Actor, Article, Entry, Location


def home(request):
    context = {
        "article_count": Article.objects.count(),
        "entry_count": Entry.objects.canonical().count(),
        "latest_articles": Article.objects.order_by("-imported_at")[:10],
    }
    return render(request, "articles/home.html", context)


def entry_list(request):
    entries = Entry.objects.canonical().select_related("article").newest_first()[:50]
    return render(request, "articles/entry_list.html", {"entries": entries})


def entry_detail(request, pk):
    entry = get_object_or_404(Entry.objects.select_related("article"), pk=pk)
    return render(request, "articles/entry_detail.html", {"entry": entry})


def article_list(request):
    return render(request, "articles/article_list.html", {"articles": Article.objects.all()[:50]})


def article_detail(request, pk):
    article = get_object_or_404(Article, pk=pk)
    return render(request, "articles/article_detail.html", {"article": article, "entries": article.entries.all()})


def actor_detail(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    return render(request, "articles/actor_detail.html", {"actor": actor})


def country_list(request):
    return render(request, "articles/country_list.html", {"countries": Location.objects.countries()})


def country_detail(request, code):
    country = get_object_or_404(Location.objects.countries(), country_code=code.upper())
    return render(request, "articles/country_detail.html", {"country": country})

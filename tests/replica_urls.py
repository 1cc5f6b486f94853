"""The site's URLs plus one view that writes then reads in a single request (replica tests)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from articles.models import Actor


def write_then_read(request: HttpRequest, slug: str) -> HttpResponse:
    Actor.objects.create(name=slug.title(), slug=slug, kind=Actor.Kind.PERSON)
    return HttpResponse(Actor.objects.get(slug=slug).name)


urlpatterns = [
    path("test-write-then-read/<slug:slug>/", write_then_read),
    path("", include("archive.urls")),
]

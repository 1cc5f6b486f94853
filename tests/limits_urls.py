"""The site's URLs plus two views that make the database fail on purpose (tests only)."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path

from archive.urls import urlpatterns as site_urls


def _run(sql: str) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return HttpResponse(str(cursor.fetchone()[0]))


def slow(request):
    return _run("SELECT pg_sleep(3)::text")


def divide_by_zero(request):
    return _run("SELECT 1 / 0")


def timeout_setting(request):
    return _run("SHOW statement_timeout")


urlpatterns = [
    path("test/slow", slow),
    path("admin/test/slow", slow),
    path("test/divide", divide_by_zero),
    path("test/timeout", timeout_setting),
    path("admin/test/timeout", timeout_setting),
    *site_urls,
]

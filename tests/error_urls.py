"""The site's URLs plus one view that fails, to see the 500 page (tests/test_error_pages.py)."""

from django.urls import path

from archive.urls import handler404, handler500
from archive.urls import urlpatterns as site_patterns


def broken_view(request):
    raise RuntimeError("a bug for the 500 page test")


urlpatterns = [path("broken/", broken_view), *site_patterns]

__all__ = ["handler404", "handler500", "urlpatterns"]

"""Compare: placeholder replaced below."""

from django.http import HttpResponse


def compare(request):
    return HttpResponse("")

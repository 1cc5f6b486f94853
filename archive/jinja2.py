"""The Jinja2 environment of the public pages (the admin keeps Django's templates).

Django's template language resolved each `{{ a.b }}` through several lookups and exceptions:
rendering a list page of 25 entries took ~28 ms at a million entries, more than its SQL; the same
templates compile to Python in Jinja2 (~3× faster here). Filters come from `articles.display`,
links from `articles.querystring`; templates only loop and link.
"""

from __future__ import annotations

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import linebreaks as _linebreaks
from django.utils.text import Truncator
from jinja2 import Environment, Undefined, pass_context
from markupsafe import Markup

from articles import display
from articles.querystring import querystring_page, querystring_toggle


def url(name: str, *args) -> str:
    return reverse(name, args=args)


@pass_context
def toggle_url(context, key: str, value) -> str:
    """Link that adds or removes one value of a repeatable filter, keeping the others."""
    return querystring_toggle(context["request"].GET, key, str(value))


@pass_context
def page_url(context, page: int) -> str:
    """Link to another page of the same filtered view."""
    return querystring_page(context["request"].GET, int(page))


def truncatewords(value: str, count: int) -> str:
    return Truncator(value).words(count, truncate=" …")


def linebreaks(value: str) -> Markup:
    """Paragraphs and <br> from plain text, escaped first (Django's `linebreaks` filter). The
    function returns a plain string (the Django filter marks it safe): without Markup, Jinja2 would
    escape the paragraphs a second time."""
    return Markup(_linebreaks(value, autoescape=True))


def environment(**options) -> Environment:
    # Missing variables render empty, as in Django's templates (not DebugUndefined's "{{ x }}").
    options["undefined"] = Undefined
    env = Environment(**options)
    env.globals.update(url=url, static=static, toggle_url=toggle_url, page_url=page_url)
    env.filters.update(
        day=display.day,
        day_long=display.day_long,
        weekday_long=display.weekday_long,
        month=display.month,
        clip=display.clip,
        clock=display.clock,
        lead=display.lead,
        intcomma=display.intcomma,
        pluralize=display.pluralize,
        truncatewords=truncatewords,
        linebreaks=linebreaks,
    )
    return env

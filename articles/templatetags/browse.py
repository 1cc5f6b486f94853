"""Template tags that build links from the current query string (logic stays in Python)."""

from django import template

from articles.querystring import querystring_page, querystring_set, querystring_toggle

register = template.Library()


@register.simple_tag(takes_context=True)
def toggle_url(context, key: str, value) -> str:
    """Link that adds or removes one value of a repeatable filter, keeping the others."""
    return querystring_toggle(context["request"].GET, key, str(value))


@register.simple_tag(takes_context=True)
def set_url(context, key: str, value=None) -> str:
    """Link that sets (or, with no value, removes) one filter, keeping the others."""
    return querystring_set(context["request"].GET, **{key: None if value in (None, "") else str(value)})


@register.simple_tag(takes_context=True)
def page_url(context, page: int) -> str:
    """Link to another page of the same filtered view."""
    return querystring_page(context["request"].GET, int(page))

from django import template

from primer.links import is_safe_url

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """`{{ labels|get_item:step.step }}`: a dictionary lookup by a variable key."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.filter
def safe_href(url: object) -> str:
    """The URL when it is http(s) or on this site, else "" (a template then shows no link)."""
    return url if is_safe_url(url) else ""  # type: ignore[return-value]

import math

from django import template

from primer.links import is_safe_url
from primer.pagecache import hole

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """`{{ labels|get_item:step.step }}`: a dictionary lookup by a variable key."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.filter
def safe_href(url: object) -> str:
    """The URL when it is http(s) or on this site, else "" (a template then shows no link)."""
    return url if is_safe_url(url) else ""  # type: ignore[return-value]


@register.filter
def figure(value: object) -> str:
    """A computed figure to three significant digits, grouped: 38.58 -> "38.6", 2592000.0 -> "2,590,000"."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    if number == 0 or not math.isfinite(number):
        return "0" if number == 0 else ""
    rounded = float(f"{number:.3g}")
    decimals = max(0, 2 - math.floor(math.log10(abs(rounded))))
    text = f"{rounded:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.simple_tag(takes_context=True)
def uses_htmx(context) -> str:
    """Marks the page being rendered as one that needs htmx; `{% htmx_if_used %}` then loads it.

    A template (or a fragment it includes) with hx- attributes says so with this tag, so the
    51 kB script is sent only to pages that act with it. The page test fails either way round.
    """
    request = getattr(context, "request", None)
    if request is not None:
        request.primer_uses_htmx = True
    return ""


@register.simple_tag(takes_context=True)
def htmx_if_used(context) -> str:
    """htmx's <script> (with the page's nonce) when anything rendered before it asked for it, or a
    personal part filled in later does (the hole is filled after the others: primer/pagecache.py)."""
    request = getattr(context, "request", None)
    if request is None:
        return ""  # rendered without a request (nothing could have asked for htmx)
    return hole("htmx", "1" if getattr(request, "primer_uses_htmx", False) else "0")


@register.simple_tag
def personal(name: str, *args: object) -> str:
    """Where a personal part goes (the account menu, a learner's status): filled per request."""
    return hole(name, *args)

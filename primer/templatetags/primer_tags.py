import math

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

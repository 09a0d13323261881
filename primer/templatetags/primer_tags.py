from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """`{{ labels|get_item:step.step }}`: a dictionary lookup by a variable key."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""

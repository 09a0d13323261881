"""The "Editors" group: exactly the permissions needed to curate content."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

GROUP = "Editors"
CONTENT_MODELS = {
    "topics": ["topic", "relatedtopic", "deck", "card"],
    "questions": ["question", "samplesolution", "solutionstep", "checkpoint", "referencenumber", "erratum"],
}
READ_ONLY = {"primer": ["version"]}


def ensure_editors_group(**kwargs) -> Group:
    """Create or correct the group (run after every migrate, so it follows new models)."""
    group, _ = Group.objects.get_or_create(name=GROUP)
    query = Q(pk__in=[])
    for app, models in CONTENT_MODELS.items():
        query |= Q(content_type__app_label=app, content_type__model__in=models)
    for app, models in READ_ONLY.items():
        query |= Q(content_type__app_label=app, content_type__model__in=models, codename__startswith="view_")
    group.permissions.set(Permission.objects.filter(query))
    return group

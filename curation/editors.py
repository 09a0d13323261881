"""The "Editors" group: exactly the permissions needed to curate content."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from curation.history import CURATED

GROUP = "Editors"


def ensure_editors_group(**kwargs) -> Group:
    """Create or correct the group (run after every migrate, so it follows new models).

    Every permission on the models the content apps registered with `curate`, and the
    right to read versions; nothing on users or on learners' data.
    """
    group, _ = Group.objects.get_or_create(name=GROUP)
    query = Q(content_type__app_label="curation", content_type__model="version", codename__startswith="view_")
    for model in CURATED:
        query |= Q(content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name)
    group.permissions.set(Permission.objects.filter(query))
    return group

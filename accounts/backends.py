"""Sign-in by username and password, as Django's ModelBackend, with one difference: the user of a
session is read together with their Learner (settings and data version), so the many pages that
need both make one query, not two (LearnerMiddleware then finds it loaded)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class LearnerBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = get_user_model()._default_manager.select_related("learner").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

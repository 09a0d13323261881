from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.models import Learner


def _learner(request: HttpRequest) -> Learner | None:
    if not request.user.is_authenticated:
        return None
    loaded = request.user._state.fields_cache.get("learner")  # read with the user (accounts.backends)
    if loaded is not None:
        return loaded
    learner = Learner.objects.filter(user=request.user).first()
    if learner is None:  # an account made before learners were made with it (none since the migration)
        learner, _ = Learner.objects.get_or_create(user=request.user)
    return learner


class LearnerMiddleware:
    """`request.learner`: the signed-in person's settings, read once and only when a view asks."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        request.learner = SimpleLazyObject(lambda: _learner(request))
        return self.get_response(request)

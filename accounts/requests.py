from django.contrib.auth.models import User

from accounts.models import Learner
from primer.http import HtmxHttpRequest


class LearnerRequest(HtmxHttpRequest):
    """A signed-in request, after accounts.middleware.LearnerMiddleware (for type checkers)."""

    user: User
    learner: Learner

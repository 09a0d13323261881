from curation.history import current_user


class HistoryUserMiddleware:
    """Make the signed-in user known to the content history hooks for this request."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        token = current_user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            current_user.reset(token)

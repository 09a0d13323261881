from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

from primer.pagecache import fill

NUL = "\x00"


class RefuseNulMiddleware:
    """One place that refuses the NUL character in any text a request carries.

    PostgreSQL cannot store NUL in text, so without this a NUL in a search, a form or a
    path reaches the database and fails there as a server error. Uploaded files are read
    by their own importers, which refuse NUL inside the text they hold.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._carries_nul(request):
            return HttpResponseBadRequest(
                "The request holds a NUL character (\\0), which no text here can contain. Nothing was changed.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request: HttpRequest) -> bool:
        if NUL in request.path:
            return True
        sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        for data in sources:
            for key, values in data.lists():
                if NUL in key or any(NUL in value for value in values):
                    return True
        return False


class PrivateCacheMiddleware:
    """Pages made for a signed-in person are never stored by a browser or a shared cache."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Cookie"])
        return response


class VaryOnHtmxMiddleware:
    """An HTML address answers with a whole page or, for htmx, a fragment: caches must keep them apart.

    Without `Vary: HX-Request` a browser's cache may hand the fragment it fetched while
    someone typed back to them as the page, after Back, with no header and no styles.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["HX-Request"])
        return response


class PersonalPartsMiddleware:
    """Fills the personal parts of every HTML page for the person asking (primer/pagecache.py).

    Inside CSRF, so a form rendered here sets its cookie; error pages made outside it fill
    their own (primer/views.py)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return response
        if b"\x00p:" in response.content:
            response.content = fill(request, response.content.decode(response.charset)).encode(response.charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response

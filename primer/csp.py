from django.conf import settings
from django.http import HttpResponse
from django.utils.csp import CSP

# Mermaid draws each diagram as an SVG carrying its own <style> element, which a
# style-src without 'unsafe-inline' blocks. Only responses that show a diagram relax
# style-src; script-src stays nonce-only everywhere.
DIAGRAM_POLICY = {**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}


def allow_diagram_styles(response: HttpResponse) -> HttpResponse:
    """What Django's @csp_override does, for a view that decides per object."""
    response._csp_config = DIAGRAM_POLICY  # type: ignore[attr-defined]  # the attribute Django's middleware reads
    return response

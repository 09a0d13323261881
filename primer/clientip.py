"""The client's address, seen through the proxies the operator says are in front of us.

`TRUSTED_PROXY_COUNT=N` means N proxies each append the address they saw to
`X-Forwarded-For`, so the client is the N-th entry from the right; anything further left was
written by the client and is ignored. With no proxies (the default) the header is never read.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        return remote  # fewer hops than proxies: the request did not come through them all
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote

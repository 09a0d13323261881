"""Fixed-window rate limits kept in the cache (shared by every process when REDIS_URL is set)."""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def hit(scope: str, key: str, *, limit: int, period: int = 3600) -> bool:
    """Count one event for `key`; False once more than `limit` happened in this window."""
    window = int(time.time() // period)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    name = f"throttle:{scope}:{digest}:{window}"
    cache.add(name, 0, timeout=period + 60)
    try:
        return cache.incr(name) <= limit
    except ValueError:  # evicted between add and incr: start the window again
        cache.set(name, 1, timeout=period + 60)
        return True

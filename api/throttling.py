"""Requests per key per minute, by the partner's tier, counted in the shared cache.

A fixed window counted with an atomic increment: every worker adds to the same Redis counter, so
a key gets its limit across the whole site, not per process. Over the limit the answer is 429
with ``Retry-After`` (the seconds until the window turns).
"""

import time

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from . import shared_cache, usage
from .authentication import Caller

WINDOW_SECONDS = 60
DEFAULT_LIMITS = {"basic": 60, "standard": 600, "premium": 6000}


def limit_for(tier: str) -> int:
    """Requests a minute a key of ``tier`` may make (``NEWSROOM_API_LIMITS`` overrides)."""
    limits = {**DEFAULT_LIMITS, **getattr(settings, "NEWSROOM_API_LIMITS", {})}
    return limits.get(tier, limits["basic"])


class TierThrottle(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        caller = request.auth
        if not isinstance(caller, Caller):
            return True
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        self.limit = limit_for(caller.tier)
        self.used = shared_cache.count(f"throttle:{caller.prefix}:{window}", WINDOW_SECONDS + 5)
        self.reset = (window + 1) * WINDOW_SECONDS - now
        request.rate_limit = (self.limit, max(self.limit - self.used, 0), self.reset)
        if self.used > self.limit:
            return False
        usage.record(caller.key_id)
        return True

    def wait(self) -> float:
        return max(1.0, self.reset)

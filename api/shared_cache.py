"""A counter in the shared cache that keeps counting when the cache cannot.

Reads and writes need no care here: the Redis backend (``newsroom.cache``) already treats an
unreachable Redis as a miss. An increment cannot be dropped like that, because a counter that
reads zero would lift every rate limit, so while the cache is down each process counts in its
own memory.
"""

import logging
import threading
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

# Cache errors differ by backend (redis.ConnectionError, OSError...); none may fail a request.
_ERRORS = (Exception,)
_local: dict[str, tuple[int, float]] = {}
_local_lock = threading.Lock()


def count(key: str, timeout: float) -> int:
    """Add one to the counter ``key`` (created to expire after ``timeout``); return its value.

    Atomic across workers on Redis. If the cache is down, the count is kept in this process.
    """
    try:
        cache.add(key, 0, timeout)
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout)
        return 1
    except _ERRORS:
        logger.warning("cache unreachable: counting %s in this process", key)
        now = time.monotonic()
        with _local_lock:
            seen, expires = _local.get(key, (0, now + timeout))
            if expires <= now:
                seen, expires = 0, now + timeout
            _local[key] = (seen + 1, expires)
            for stale in [k for k, (_, e) in _local.items() if e <= now]:
                del _local[stale]
            return seen + 1

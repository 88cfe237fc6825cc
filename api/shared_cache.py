"""The shared cache (Redis in production) used so that it can fail without failing requests.

When the cache is unreachable the API goes on: reads miss, writes are dropped, and counters fall
back to this process's own memory until the cache answers again.
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


def read(key: str):
    try:
        return cache.get(key)
    except _ERRORS:
        logger.warning("cache unreachable: read of %s skipped", key)
        return None


def store(key: str, value, timeout: float) -> None:
    try:
        cache.set(key, value, timeout)
    except _ERRORS:
        logger.warning("cache unreachable: write of %s skipped", key)


def forget(key: str) -> None:
    try:
        cache.delete(key)
    except _ERRORS:
        logger.warning("cache unreachable: could not forget %s", key)


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


def read_many(keys: list[str]) -> dict:
    try:
        return cache.get_many(keys)
    except _ERRORS:
        logger.warning("cache unreachable: read of %d keys skipped", len(keys))
        return {}


def store_many(values: dict, timeout: float) -> None:
    try:
        cache.set_many(values, timeout)
    except _ERRORS:
        logger.warning("cache unreachable: write of %d keys skipped", len(values))

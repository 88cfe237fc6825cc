"""One signed POST to a partner's endpoint, timed; never raises for what the network does."""

import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings

from . import signing


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: no HTTP answer at all (refused, timed out, bad TLS)
    response_ms: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to record, not an address to follow with a signed body."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post(url: str, secret: str, message_id: str, body: bytes) -> Answer:
    """POST ``body`` signed for this moment; the partner's answer, or why there was none."""
    timestamp = int(time.time())
    request = urllib.request.Request(
        url, data=body, method="POST", headers=signing.headers(secret, message_id, timestamp, body)
    )
    started = time.perf_counter()
    timeout = float(getattr(settings, "NEWSROOM_WEBHOOK_TIMEOUT_SECONDS", 10))
    try:
        with _opener.open(request, timeout=timeout) as response:
            response.read(1024)
            status, error = response.status, ""
    except urllib.error.HTTPError as answer:
        status, error = answer.code, answer.reason or ""
    except (OSError, ValueError) as failure:  # refused, reset, timed out, TLS, bad address
        cause = getattr(failure, "reason", None)
        failure = cause if isinstance(cause, BaseException) else failure
        status, error = None, f"{type(failure).__name__}: {failure}"
    elapsed = round((time.perf_counter() - started) * 1000)
    return Answer(status=status, response_ms=elapsed, error=str(error)[:500])

"""Whole-page caching for anonymous readers, conditional GET, and invalidation on any change.

Every cached page is keyed by a *site generation* that any change to what pages show bumps
(the ``PAGE_MODELS`` hook: stories, rankings, and what other apps register, such as
annotations, agreements and companies), and is
valid only until the next embargo lifts, so a scheduled story appears the moment it is due.
"""

import functools
import hashlib
import time
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.gzip import gzip_page

from newsroom import replicas

from . import hooks

STATE_KEY = "site:state"
PAGE_SECONDS = 300
CACHE_CONTROL = "public, max-age=60, s-maxage=60, stale-while-revalidate=30"


def _next_embargo() -> float | None:
    from .models import Article

    when = Article.objects.embargoed().aggregate(next=Min("publish_at"))["next"]
    return when.timestamp() if when else None


# Each process remembers the site state for a moment, saving a cache read per request; other
# processes see a change within MEMO_SECONDS, this one at once. Half a second keeps a change seen
# everywhere within a second, replication included, for one cache read a second per process more.
MEMO_SECONDS = 0.5
_memo: dict[str, object] = {"until": 0.0, "state": None}


def bump_generation(*args, **kwargs) -> None:
    """Forget every cached page now (called once a change has committed)."""
    # The primary's position first: a replica that has not replayed the change must not render
    # pages that would be cached under the new generation.
    replicas.remember_primary_position()
    _memo["until"] = 0.0
    state = cache.get(STATE_KEY)
    generation = (state[0] + 1) if state else int(time.time() * 1000)
    cache.set(STATE_KEY, (generation, None, False), None)


def _page_model_changed(sender, **kwargs) -> None:
    # Bumped once the change is committed: bumped before, a reader could cache the old page
    # under the new generation in the moment between the bump and the commit.
    if sender in hooks.get(hooks.PAGE_MODELS):
        transaction.on_commit(bump_generation)


def watch_page_models() -> None:
    """Forget every cached page when a row of a ``PAGE_MODELS`` model is saved or deleted, or a
    many-to-many relation registered there changes, once its transaction commits."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_page_model_changed, dispatch_uid=f"pages-{signal!r}")


def site_state() -> tuple[int, float | None]:
    """(generation, time of the next embargo lifting) — one cache read on the hot path."""
    now = time.time()
    memo = _memo["state"]
    if memo is not None and now < _memo["until"] and (memo[1] is None or now < memo[1]):
        return memo[0], memo[1]
    state = cache.get(STATE_KEY)
    if state is None or not state[2] or (state[1] is not None and now >= state[1]):
        generation = state[0] + 1 if state else int(now * 1000)
        state = (generation, _next_embargo(), True)
        cache.set(STATE_KEY, state, None)
    _memo.update(until=now + MEMO_SECONDS, state=state)
    return state[0], state[1]


def _etag(content: bytes) -> str:
    # Weak: the page is the same whether it travels gzipped or not, and a weak tag is one the
    # compression leaves as it is, so a 200 and the 304s after it carry the same validator.
    return 'W/"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def _opaque(tag: str) -> str:
    return tag.strip().removeprefix("W/")


def _not_modified(request: HttpRequest, etag: str, modified: float) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        # If-None-Match compares weakly (RFC 9110, 13.1.2).
        return (
            _opaque(etag) in {_opaque(tag) for tag in if_none_match.split(",")}
            or if_none_match.strip() == "*"
        )
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and int(modified) <= since


def _headers(response: HttpResponse, etag: str, modified: float) -> HttpResponse:
    response["ETag"] = etag
    response["Last-Modified"] = _http_date(modified)
    response["Cache-Control"] = CACHE_CONTROL
    return response


@functools.lru_cache(maxsize=1024)
def _http_date(modified: float) -> str:
    return http_date(modified)


# This process's copy of recent validators, so that a 304 needs no trip to a shared cache. Keys
# carry the generation, so a changed page is never answered from a stale copy here.
_local_validators: dict[str, tuple[str, float]] = {}
LOCAL_VALIDATORS = 4096


def _remember_validators(key: str, validators: tuple[str, float]) -> None:
    if len(_local_validators) >= LOCAL_VALIDATORS:
        _local_validators.clear()
    _local_validators[key] = validators


def public_page(view=None, *, on_hit=None):
    """Cache a public page whole; answer 304 when the reader's copy is current; gzip it for
    readers that accept it (pages carry no secret a compression attack could find).

    ``on_hit(request, kwargs)`` runs for every 200 answered, cached or not (page views).
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            generation, embargo = site_state()
            key = f"page:{generation}:{hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()}"
            meta = request.META
            if "HTTP_IF_NONE_MATCH" in meta or "HTTP_IF_MODIFIED_SINCE" in meta:
                # A reader revalidating a page it has: compare validators, skip the content.
                validators = _local_validators.get(key) or cache.get(key + ":v")
                if validators is not None and _not_modified(request, *validators):
                    if on_hit:
                        on_hit(request, kwargs)
                    return _headers(HttpResponseNotModified(), *validators)
            entry = cache.get(key)
            if entry is None:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                if (
                    response.status_code != 200
                    or response.streaming
                    or response.has_header("Cache-Control")
                ):
                    return response
                modified = time.time()
                entry = (
                    bytes(response.content),
                    response["Content-Type"],
                    _etag(response.content),
                    modified,
                )
                timeout = (
                    PAGE_SECONDS
                    if embargo is None
                    else max(1, min(PAGE_SECONDS, int(embargo - time.time())))
                )
                cache.set_many({key: entry, key + ":v": (entry[2], entry[3])}, timeout)
                _remember_validators(key, (entry[2], entry[3]))
            content, content_type, etag, modified = entry
            if on_hit:
                on_hit(request, kwargs)
            if _not_modified(request, etag, modified):
                return _headers(HttpResponseNotModified(), etag, modified)
            return _headers(HttpResponse(content, content_type=content_type), etag, modified)

        return gzip_page(wrapper)

    return decorate(view) if view is not None else decorate


def never_cache_private(response: HttpResponse) -> HttpResponse:
    """Previews and editor pages: never stored by browsers, proxies or CDNs."""
    response["Cache-Control"] = "private, no-store, max-age=0"
    return response

"""Public reads from PostgreSQL streaming replicas; every write, and every editor, on the primary.

``DATABASE_REPLICA_URLS`` adds the aliases ``replica1``, ``replica2``... (``newsroom.settings``).
Only a request that ``ReadFromReplicas`` lets through reads from one: an anonymous GET or HEAD
outside the admin. Anyone signed in, the admin and the Structure screen, a request once it has
written, a transaction, commands, task workers and background threads all read the primary, so
nobody misses a change they just made.

A replica is used for a request only if it has replayed the primary's write-ahead log at least
as far as the primary had written when pages were last told of a change
(``remember_primary_position``, called before the site generation moves on): otherwise a page
rendered from a replica a few milliseconds behind would be cached whole under the new
generation, and would show the old story for minutes.

A replica that fails (down, refusing, not a standby) is skipped for
``NEWSROOM_REPLICA_RETRY_SECONDS``; the request that found it failing is answered again from
the primary, so no reader sees the failure.
"""

import contextlib
import itertools
import logging
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections
from django.urls import reverse

logger = logging.getLogger(__name__)

PRIMARY = "default"
# What public pages and the partner API read. Sessions, users, API keys and their usage, the
# task queue and login attempts stay on the primary: a key issued or a login made a moment ago
# must work on the next request.
REPLICATED_APPS = frozenset({"articles", "registry", "deals", "structuring"})
POSITION_KEY = "replicas:primary-position"


@dataclass
class _Reads:
    allowed: bool
    alias: str | None = None  # chosen at the request's first replicated read


_reads: ContextVar[_Reads | None] = ContextVar("newsroom_replica_reads", default=None)
_down_until: dict[str, float] = {}
_replayed: dict[str, int] = {}
_turn = itertools.count()


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def remember_primary_position() -> None:
    """Note how far the primary has flushed its write-ahead log, for replicas to catch up to.

    Called by ``articles.caching.bump_generation`` once a change to what pages show has
    committed, just before the site generation moves on. Any process writing to a PostgreSQL
    primary notes it, replicas configured there or not: the processes that read replicas need it.
    """
    primary = connections[PRIMARY]
    if primary.vendor != "postgresql":
        return
    try:
        with primary.cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_flush_lsn() - '0/0'")
            position = int(cursor.fetchone()[0])
    except DatabaseError as error:
        # The change is committed: failing here would only fail the request that made it.
        logger.warning("the primary's position was not noted: %s", error)
        return
    cache.set(POSITION_KEY, position, None)


def mark_down(alias: str, reason: object) -> None:
    """Skip ``alias`` for a while and drop its connection."""
    seconds = settings.NEWSROOM_REPLICA_RETRY_SECONDS
    _down_until[alias] = time.monotonic() + seconds
    _replayed.pop(alias, None)
    logger.warning("replica %s skipped for %g s: %s", alias, seconds, reason)
    # A connection to a dead server can fail to close; it is gone either way.
    with contextlib.suppress(DatabaseError):
        connections[alias].close()


def _replayed_position(alias: str) -> int | None:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_last_wal_replay_lsn() - '0/0'")
        position = cursor.fetchone()[0]
    return None if position is None else int(position)


def _caught_up(alias: str, target: int) -> bool:
    # A replica's replay position only moves forward: once it was seen past the target, no
    # query is needed until the target moves.
    if _replayed.get(alias, -1) >= target:
        return True
    try:
        position = _replayed_position(alias)
    except DatabaseError as error:
        mark_down(alias, error)
        return False
    if position is None:
        mark_down(alias, "it is not a standby (pg_last_wal_replay_lsn() is null)")
        return False
    _replayed[alias] = position
    return position >= target


def choose_replica() -> str | None:
    """A replica that is up and has replayed every change pages were told of, taken in turn;
    ``None`` when there is none."""
    now = time.monotonic()
    usable = [alias for alias in replica_aliases() if _down_until.get(alias, 0.0) <= now]
    if not usable:
        return None
    target = cache.get(POSITION_KEY) or 0
    start = next(_turn)
    for step in range(len(usable)):
        alias = usable[(start + step) % len(usable)]
        if _caught_up(alias, target):
            return alias
    return None


class ReplicaRouter:
    """Reads of the replicated apps go where the request's ``_Reads`` says; writes to the
    primary, after which the request reads the primary too."""

    def db_for_read(self, model, **hints):
        reads = _reads.get()
        if (
            reads is None
            or not reads.allowed
            or model._meta.app_label not in REPLICATED_APPS
            or connections[PRIMARY].in_atomic_block
        ):
            return PRIMARY
        if reads.alias is None:
            reads.alias = choose_replica() or PRIMARY
        return reads.alias

    def db_for_write(self, model, **hints):
        reads = _reads.get()
        if reads is not None:
            reads.allowed = False
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY  # a standby is read-only; it gets the schema by replication


class ReadFromReplicas:
    """Let an anonymous reader's GET or HEAD outside the admin read from a replica, and answer
    a request again from the primary when its replica fails under it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        allowed = (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(self.admin_prefix)
            and not request.user.is_authenticated
        )
        token = _reads.set(_Reads(allowed=allowed))
        try:
            return self.get_response(request)
        finally:
            _reads.reset(token)

    def process_exception(self, request, exception):
        reads = _reads.get()
        if (
            reads is None
            or reads.alias in (None, PRIMARY)
            or not isinstance(exception, DatabaseError)
            or not connections[reads.alias].errors_occurred
        ):
            return None
        mark_down(reads.alias, exception)
        reads.allowed, reads.alias = False, None
        # Public reads change nothing, so answering the request again is safe.
        return self.get_response(request)

"""Count things without making a request wait on the database, and without losing counts.

An event is an increment of an in-process counter; a background thread hands the counts to a
``write`` function every few seconds (and at exit) in one short transaction. Counts that cannot be
written (the database busy or down) stay in the counter for the next flush.
"""

import atexit
import logging
import threading
from collections import Counter
from collections.abc import Callable, Hashable

from django.db import DatabaseError, IntegrityError, close_old_connections, transaction
from django.db.models import F

logger = logging.getLogger(__name__)


class BufferedCounter:
    def __init__(self, name: str, interval: float, write: Callable[[Counter], None]):
        self.name = name
        self.interval = interval
        self.write = write
        self.counts: Counter[Hashable] = Counter()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        atexit.register(self.flush)

    def record(self, key: Hashable) -> None:
        with self.lock:
            self.counts[key] += 1
            if self.thread is None and self.interval > 0:
                self.thread = threading.Thread(
                    target=self._run, name=f"{self.name}-flush", daemon=True
                )
                self.thread.start()

    def _run(self) -> None:
        stop = threading.Event()
        while not stop.wait(self.interval):
            self.flush()
            close_old_connections()

    def flush(self) -> int:
        """Write the pending counts; return how many events were written."""
        with self.lock:
            pending, self.counts = self.counts, Counter()
        if not pending:
            return 0
        try:
            with transaction.atomic():
                self.write(pending)
        except DatabaseError as error:
            logger.warning(
                "%s not written yet (%s); keeping %d for the next flush",
                self.name,
                error,
                sum(pending.values()),
            )
            with self.lock:
                self.counts.update(pending)
            return 0
        return sum(pending.values())


def add_to_count(model, key: dict, field: str, count: int) -> None:
    """Add ``count`` to the row ``key`` of ``model``, creating it if it is missing.

    Two processes may both find the row missing and both create it; the loser of that race
    adds to the winner's row instead of failing the whole batch.
    """
    if model.objects.filter(**key).update(**{field: F(field) + count}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **{field: count})
    except IntegrityError:
        model.objects.filter(**key).update(**{field: F(field) + count})

"""Count page views without making a reader wait on the database, and without losing any.

A view is an increment of an in-process counter; a background thread moves the counts into
``PageView`` rows every few seconds (and at exit) in one short transaction. Counts that cannot be
written (the database busy or down) stay in the counter for the next flush.
"""

import atexit
import logging
import threading
from collections import Counter
from datetime import date

from django.conf import settings
from django.db import DatabaseError, close_old_connections, transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)


class ViewCounter:
    def __init__(self, interval: float):
        self.interval = interval
        self.counts: Counter[tuple[str, date]] = Counter()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def record(self, slug: str) -> None:
        with self.lock:
            self.counts[(slug, timezone.now().date())] += 1
            if self.thread is None and self.interval > 0:
                self.thread = threading.Thread(
                    target=self._run, name="page-view-flush", daemon=True
                )
                self.thread.start()

    def _run(self) -> None:
        stop = threading.Event()
        while not stop.wait(self.interval):
            self.flush()
            close_old_connections()

    def flush(self) -> int:
        """Write the pending counts; return how many views were written."""
        from .models import Article, PageView

        with self.lock:
            pending, self.counts = self.counts, Counter()
        if not pending:
            return 0
        try:
            with transaction.atomic():
                ids = dict(
                    Article.objects.filter(slug__in={s for s, _ in pending}).values_list(
                        "slug", "id"
                    )
                )
                for (slug, day), count in pending.items():
                    article_id = ids.get(slug)
                    if article_id is None:
                        continue
                    updated = PageView.objects.filter(article_id=article_id, day=day).update(
                        count=F("count") + count
                    )
                    if not updated:
                        PageView.objects.create(article_id=article_id, day=day, count=count)
        except DatabaseError:
            logger.warning(
                "page views not written yet; keeping %d for the next flush", sum(pending.values())
            )
            with self.lock:
                self.counts.update(pending)
            return 0
        return sum(pending.values())


counter = ViewCounter(float(getattr(settings, "NEWSROOM_PAGEVIEW_FLUSH_SECONDS", 5)))
atexit.register(counter.flush)


def count_view(request, kwargs) -> None:
    if request.method == "GET":
        counter.record(kwargs["slug"])

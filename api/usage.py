"""Requests per key per day, counted in memory and written as ``KeyUsage`` rows in batches."""

from collections import Counter

from django.conf import settings
from django.utils import timezone

from articles.counting import BufferedCounter, add_to_count


def write_usage(pending: Counter) -> None:
    from .models import KeyUsage, PartnerKey

    known = set(
        PartnerKey.objects.filter(pk__in={k for k, _ in pending}).values_list("pk", flat=True)
    )
    for (key_id, day), count in sorted(pending.items()):  # one lock order for every process
        if key_id in known:
            add_to_count(KeyUsage, {"key_id": key_id, "day": day}, "requests", count)


counter = BufferedCounter(
    "API usage", float(getattr(settings, "NEWSROOM_PAGEVIEW_FLUSH_SECONDS", 5)), write_usage
)


def record(key_id: str) -> None:
    counter.record((key_id, timezone.now().date()))

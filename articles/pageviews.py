"""Page views: counted in memory by ``articles.counting`` and written as ``PageView`` rows."""

from collections import Counter

from django.conf import settings
from django.utils import timezone

from .counting import BufferedCounter, add_to_count


def write_views(pending: Counter) -> None:
    from .models import Article, PageView

    ids = dict(
        Article.objects.filter(slug__in={slug for slug, _ in pending}).values_list("slug", "id")
    )
    for (slug, day), count in sorted(pending.items()):  # one lock order for every process
        if slug in ids:
            add_to_count(PageView, {"article_id": ids[slug], "day": day}, "count", count)


counter = BufferedCounter(
    "page views", float(getattr(settings, "NEWSROOM_PAGEVIEW_FLUSH_SECONDS", 5)), write_views
)


def count_view(request, kwargs) -> None:
    if request.method == "GET":
        counter.record((kwargs["slug"], timezone.now().date()))

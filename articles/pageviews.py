"""Page views: counted in memory by ``articles.counting`` and written as ``PageView`` rows."""

from collections import Counter

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .counting import BufferedCounter


def write_views(pending: Counter) -> None:
    from .models import Article, PageView

    ids = dict(
        Article.objects.filter(slug__in={slug for slug, _ in pending}).values_list("slug", "id")
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


counter = BufferedCounter(
    "page views", float(getattr(settings, "NEWSROOM_PAGEVIEW_FLUSH_SECONDS", 5)), write_views
)


def count_view(request, kwargs) -> None:
    if request.method == "GET":
        counter.record((kwargs["slug"], timezone.now().date()))

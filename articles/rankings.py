"""The ranked lists a page shows, resolved to what a reader may see right now."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Q, Sum
from django.utils import timezone

from .caching import site_state
from .models import Article, PageView, Ranking, RankingEntry

MOST_READ_SECONDS = 60


@dataclass(frozen=True)
class ShownEntry:
    position: int
    title: str
    url: str
    sponsor: str = ""
    external: bool = False


@dataclass(frozen=True)
class ShownRanking:
    slug: str
    title: str
    kind: str
    entries: list[ShownEntry]

    @property
    def sponsored(self) -> bool:
        return self.kind == Ranking.Kind.PARTNER


def safe_url(url: str) -> str:
    """Only http and https links leave the site; anything else (javascript:, data:) is dropped."""
    return url if url.lower().startswith(("https://", "http://")) else ""


def most_read(window_days: int, size: int) -> list[tuple[int, str, str]]:
    """(id, headline, url) of the most viewed live stories over the last ``window_days``."""
    # Keyed by the site generation, like every page: a withdrawn story leaves the list at once.
    key = f"most-read:{site_state()[0]}:{window_days}:{size}"
    found = cache.get(key)
    if found is None:
        since = timezone.now().date() - timedelta(days=window_days - 1)
        top = (
            PageView.objects.filter(day__gte=since, article__in=Article.objects.live())
            .values("article_id")
            .annotate(views=Sum("count"))
            .order_by("-views", "article_id")[:size]
        )
        ids = [row["article_id"] for row in top]
        articles = Article.objects.in_bulk(ids)
        found = [
            (i, articles[i].headline, articles[i].get_absolute_url()) for i in ids if i in articles
        ]
        cache.set(key, found, MOST_READ_SECONDS)
    return found


def rankings_for(article: Article | None = None) -> list[ShownRanking]:
    """Site-wide lists and the story's own, with only live stories and current sponsored entries."""
    now = timezone.now()
    scope = Q(article__isnull=True) | (Q(article=article) if article is not None else Q(pk__in=[]))
    rankings = list(Ranking.objects.filter(scope).order_by("position", "title"))
    entries = (
        RankingEntry.objects.filter(ranking__in=rankings)
        .select_related("article")
        .order_by("ranking_id", "position")
    )
    by_ranking: dict[int, list[RankingEntry]] = {}
    for entry in entries:
        by_ranking.setdefault(entry.ranking_id, []).append(entry)
    shown = []
    for ranking in rankings:
        items: list[ShownEntry] = []
        if ranking.kind == Ranking.Kind.MOST_READ:
            items = [
                ShownEntry(n, headline, url)
                for n, (_, headline, url) in enumerate(
                    most_read(ranking.window_days, ranking.size), 1
                )
            ]
        else:
            for entry in by_ranking.get(ranking.pk, []):
                if ranking.kind == Ranking.Kind.PARTNER:
                    current = (entry.starts_at is None or entry.starts_at <= now) and (
                        entry.ends_at is None or entry.ends_at > now
                    )
                    url = safe_url(entry.url)
                    if current and url:
                        items.append(
                            ShownEntry(entry.position, entry.title, url, entry.sponsor, True)
                        )
                elif entry.article_id is None:
                    # A title that leads nowhere is no use to a reader: an entry shows once its
                    # story is in the newsroom (and live), or when it links out.
                    if url := safe_url(entry.url):
                        items.append(ShownEntry(entry.position, entry.title, url, external=True))
                elif entry.article.is_live:
                    items.append(
                        ShownEntry(entry.position, entry.title, entry.article.get_absolute_url())
                    )
        if items:
            shown.append(ShownRanking(ranking.slug, ranking.title, ranking.kind, items))
    return shown

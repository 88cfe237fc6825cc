"""Sitemaps of live stories, sections and reporters, and a Google News sitemap."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from .caching import public_page
from .models import Article, Reporter, Section

NEWS_DAYS = 2
NEWS_LIMIT = 1000


class StorySitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return (
            Article.objects.live()
            .order_by("-publish_at", "-id")
            .only("slug", "updated_at", "publish_at")
        )

    def lastmod(self, article):
        return article.updated_at


def latest_live_change(**where):
    """When the latest live story matching ``where`` last changed: a list page's lastmod."""
    return Subquery(
        Article.objects.live().filter(**where).order_by("-updated_at").values("updated_at")[:1]
    )


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        # A section without a live story is an empty page: not worth a crawler's visit.
        return (
            Section.objects.annotate(changed=latest_live_change(section=OuterRef("pk")))
            .filter(changed__isnull=False)
            .order_by("name")
        )

    def lastmod(self, section):
        return section.changed


class ReporterSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return (
            Reporter.objects.public()
            .annotate(changed=latest_live_change(bylines__reporter=OuterRef("pk")))
            .order_by("name")
        )

    def lastmod(self, reporter):
        return reporter.changed


@require_safe
@public_page
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """Stories published in the last two days, at most 1,000, as Google News asks."""
    since = timezone.now() - timedelta(days=NEWS_DAYS)
    stories = (
        Article.objects.live().filter(publish_at__gte=since).order_by("-publish_at")[:NEWS_LIMIT]
    )
    return render(
        request,
        "articles/sitemap_news.xml",
        {"stories": stories, "base": request.build_absolute_uri("/").rstrip("/")},
        content_type="application/xml",
    )

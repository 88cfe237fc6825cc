"""Sitemaps of live stories, sections and reporters, and a Google News sitemap."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
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


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.all()


class ReporterSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Reporter.objects.public().order_by("name")


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

"""Public pages of the story side of the site. Only live stories are ever shown."""

import json
import logging

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from . import search as story_search
from .caching import never_cache_private, public_page, site_state
from .models import Article, Reporter, Section
from .pageviews import count_view
from .panels import jsonld_facts, known_filters, related_stories, render_story_body, story_panels
from .rankings import MOST_READ_SECONDS, rankings_for

LIST_SIZE = 20

logger = logging.getLogger(__name__)


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        # The cause goes to the log, not to whoever asked: it can name hosts and accounts.
        logger.exception("health check: the database does not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def live_list():
    return (
        Article.objects.live()
        .select_related("section")
        .with_byline()
        .order_by("-publish_at", "-id")
    )


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, LIST_SIZE).get_page(request.GET.get("page"))


@require_safe
@public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "articles/home.html",
        {
            "page": _page(request, live_list()),
            "rankings": rankings_for(),
            "sections": Section.objects.all(),
        },
    )


def jsonld(request: HttpRequest, article: Article) -> str:
    """schema.org NewsArticle for the story, safe to embed in a script element."""
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline[:110],
        "description": article.dek or article.body[:200],
        "datePublished": article.publish_at.isoformat() if article.publish_at else None,
        "dateModified": article.updated_at.isoformat(),
        "inLanguage": article.language,
        "mainEntityOfPage": url,
        "url": url,
        "author": [
            {
                "@type": "Person",
                "name": r.name,
                "url": request.build_absolute_uri(r.get_absolute_url()),
            }
            for r in article.byline
        ],
        "publisher": {"@type": "Organization", "name": settings.NEWSROOM_SITE_NAME},
    }
    if article.section:
        data["articleSection"] = article.section.name
    for key, organisations in jsonld_facts(article).items():
        data[key] = [
            {**o, "url": request.build_absolute_uri(o["url"])} if o.get("url") else o
            for o in organisations
        ]
    text = json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False)
    # Nothing in the data may close the script element or open a comment.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _parts(request: HttpRequest, article: Article) -> dict:
    """The story's main column and aside, rendered, with its JSON-LD and description."""
    context = {
        "article": article,
        "body": render_story_body(article),
        "panels": story_panels(article),
        "rankings": rankings_for(article),
        "related": related_stories(article),
    }
    description = article.dek or article.body[:200].rsplit(" ", 1)[0] + "…"
    return {
        "main": render_to_string("articles/_story_main.html", context, request),
        "jsonld": jsonld(request, article),
        "description": description,
    }


def story_parts(request: HttpRequest, article: Article) -> dict:
    """The costly parts of a story page, rendered once per story version and site generation.

    They change only when the story, or something it shows, changes (which bumps the
    generation), or when the most-read list moves (hence the short lifetime).
    """
    generation, _ = site_state()
    key = f"story-parts:{generation}:{article.pk}:{article.version}:{request.get_host()}"
    parts = cache.get(key)
    if parts is None:
        full = Article.objects.select_related("section").with_byline().get(pk=article.pk)
        parts = _parts(request, full)
        cache.set(key, parts, MOST_READ_SECONDS)
    return parts


def _story(request: HttpRequest, article: Article, *, preview: bool = False) -> HttpResponse:
    parts = _parts(request, article) if preview else story_parts(request, article)
    return render(
        request, "articles/article.html", {"article": article, "preview": preview, **parts}
    )


@require_safe
@public_page(on_hit=count_view)
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _story(request, live_story_head(slug))


HEAD_FIELDS = (
    "id",
    "slug",
    "headline",
    "dek",
    "language",
    "version",
    "status",
    "publish_at",
    "updated_at",
    "first_published_at",
)


def live_story_head(slug: str) -> Article:
    """The live story's head fields (the rest comes rendered from its parts), kept per generation.

    Any change to a story bumps the generation, and so does an embargo lifting, so a kept head
    is never one that stopped being live.
    """
    key = f"story-head:{site_state()[0]}:{slug}"
    article = cache.get(key)
    if article is None:
        article = get_object_or_404(Article.objects.live().only(*HEAD_FIELDS), slug=slug)
        cache.set(key, article, MOST_READ_SECONDS)
    return article


@require_safe
@permission_required("articles.view_article", raise_exception=True)
def article_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors see any story as readers will; marked noindex and never cached."""
    article = get_object_or_404(Article.objects.select_related("section").with_byline(), pk=pk)
    response = _story(request, article, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return never_cache_private(response)


@require_safe
@public_page
def section_detail(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    page = _page(request, live_list().filter(section=section))
    return render(request, "articles/section.html", {"section": section, "page": page})


@require_safe
@public_page
def reporter_detail(request: HttpRequest, slug: str) -> HttpResponse:
    reporter = get_object_or_404(Reporter.objects.public(), slug=slug)
    page = _page(request, live_list().filter(bylines__reporter=reporter))
    return render(request, "articles/reporter.html", {"reporter": reporter, "page": page})


@require_safe
@public_page
def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    section = request.GET.get("section", "").strip()[:100]
    filters = {name: request.GET.get(name, "").strip()[:100] for name in known_filters()}
    results, total = [], 0
    if q:
        results, total = story_search.search(q, section=section, filters=filters, limit=LIST_SIZE)
    return render(
        request,
        "articles/search.html",
        {
            "q": q,
            "section": section,
            "filters": filters,
            "results": results,
            "total": total,
            "sections": Section.objects.all(),
        },
    )

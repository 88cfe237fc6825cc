"""Public pages of the story side of the site. Only live stories are ever shown."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Article, Reporter, Section
from .panels import render_story_body

LIST_SIZE = 30


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:
        return JsonResponse({"status": "error", "database": str(error)[:200]}, status=503)
    return JsonResponse({"status": "ok"})


def _live_list():
    return Article.objects.live().select_related("section").with_byline()


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "articles/home.html", {"articles": _live_list()[:LIST_SIZE]})


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(_live_list(), slug=slug)
    rankings = article.rankings.prefetch_related("entries__article")
    return render(
        request,
        "articles/article.html",
        {"article": article, "body": render_story_body(article), "rankings": rankings},
    )


@require_safe
def section_detail(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    articles = _live_list().filter(section=section)[:LIST_SIZE]
    return render(request, "articles/section.html", {"section": section, "articles": articles})


@require_safe
def reporter_detail(request: HttpRequest, slug: str) -> HttpResponse:
    reporter = get_object_or_404(Reporter, slug=slug)
    articles = _live_list().filter(bylines__reporter=reporter)[:LIST_SIZE]
    return render(request, "articles/reporter.html", {"reporter": reporter, "articles": articles})

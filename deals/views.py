"""Public company and deal pages. Only live stories and confirmed annotations are shown."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import Article

from .models import Agreement, Annotation, Company

LIST_SIZE = 30


@require_safe
def company_detail(request: HttpRequest, slug: str) -> HttpResponse:
    company = get_object_or_404(Company.objects.prefetch_related("tickers", "aliases"), slug=slug)
    agreements = (
        Agreement.objects.filter(parties__company=company)
        .prefetch_related("parties__company")
        .distinct()
    )
    articles = (
        Article.objects.live()
        .filter(
            annotations__company=company,
            annotations__review_state=Annotation.ReviewState.CONFIRMED,
        )
        .distinct()[:LIST_SIZE]
    )
    return render(
        request,
        "deals/company.html",
        {"company": company, "agreements": agreements, "articles": articles},
    )


@require_safe
def agreement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.select_related("resulting_company").prefetch_related(
            "parties__company", "sectors", "regions"
        ),
        slug=slug,
    )
    events = agreement.events.filter(article__in=Article.objects.live()).select_related("article")
    return render(request, "deals/agreement.html", {"agreement": agreement, "events": events})

"""The read model of structure: what readers and partners may see of annotations and of the
companies and deals they point at. Only what live stories back is shown."""

from django.db.models import Exists, OuterRef, Prefetch, Q

from articles.models import Article
from deals.models import Agreement, AgreementEvent, Party
from registry.models import Company

from .models import Annotation


def live_evidence():
    """Confirmed, anchored annotations in live stories."""
    return Annotation.objects.public().filter(article__in=Article.objects.live())


def public_agreements():
    """Agreements that a live story reports (by a confirmed annotation or a timeline event)."""
    reported = live_evidence().filter(agreement=OuterRef("pk"))
    cited = AgreementEvent.objects.filter(
        agreement=OuterRef("pk"), article__in=Article.objects.live()
    )
    return Agreement.objects.filter(Exists(reported) | Exists(cited))


def live_events():
    return AgreementEvent.objects.filter(article__in=Article.objects.live()).select_related(
        "article"
    )


def agreements_of(company):
    return (
        public_agreements()
        .filter(parties__company=company)
        .select_related("resulting_company")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("company")),
            Prefetch(
                "events", queryset=live_events().order_by("occurred_on"), to_attr="live_events"
            ),
        )
        .order_by("-announced_on", "title")
        .distinct()
    )


def stories_mentioning(company):
    return (
        Article.objects.live()
        .filter(pk__in=live_evidence().filter(company=company).values("article_id"))
        .select_related("section", "lead_picture")
        .with_byline()
        .order_by("-publish_at", "-id")
    )


def public_companies():
    """Companies a live story names, or that are party to (or made by) a deal one reports."""
    named = live_evidence().filter(company=OuterRef("pk"))
    dealing = public_agreements().filter(
        Q(parties__company=OuterRef("pk")) | Q(resulting_company=OuterRef("pk"))
    )
    return Company.objects.filter(Exists(named) | Exists(dealing))

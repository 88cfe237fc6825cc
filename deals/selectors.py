"""Reads for the public company and deal pages: only what live stories back is shown."""

from django.db.models import Exists, OuterRef, Prefetch

from articles.models import Article

from .models import Agreement, AgreementEvent, Annotation, Party


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
        .select_related("section")
        .with_byline()
        .order_by("-publish_at", "-id")
    )

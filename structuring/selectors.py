"""The read model of structure: a story's annotations with what they point at, its deals and
companies (for the Structure screen, and with ``public=True`` for readers and partners), and
what live stories back across the newsroom."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Prefetch, Q

from articles.models import Article
from deals.models import Agreement, AgreementEvent, Party
from registry.models import Company

from .models import Annotation


def story_annotations(article, *, public: bool = False):
    """The story's annotations with their targets, in body order; only confirmed and anchored
    ones when ``public``."""
    annotations = Annotation.objects.public() if public else Annotation.objects.all()
    return (
        annotations.filter(article=article)
        .select_related("company", "agreement", "person__organisation", "created_by", "reviewed_by")
        .order_by("start", "end", "pk")
    )


def story_agreements(article, *, public: bool = False):
    """The agreements the story's annotations point at, with parties, sectors, regions, the
    joint-venture company; only those of public annotations when ``public``."""
    annotations = Annotation.objects.public() if public else Annotation.objects.all()
    return (
        Agreement.objects.filter(
            pk__in=annotations.filter(article=article, agreement__isnull=False).values(
                "agreement_id"
            )
        )
        .select_related("resulting_company")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("company")),
            "sectors",
            "regions",
        )
        .order_by("title", "pk")
    )


def story_companies(article, *, public: bool = False):
    """The companies the story names by confirmed mentions (and anchored ones when ``public``)."""
    annotations = Annotation.objects.public() if public else Annotation.objects.confirmed()
    return Company.objects.filter(
        pk__in=annotations.filter(article=article, company__isnull=False).values("company_id")
    ).order_by("name", "pk")


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


def related_stories(article, limit: int) -> list[tuple[Article, str]]:
    """Live stories sharing confirmed companies or agreements, with the reason for each.

    Each shared company and agreement is looked up through its own index (one query for each
    kind), and the counting is done here: an OR across both columns, grouped in SQL, makes the
    databases scan every annotation of the newsroom.
    """
    mine = Annotation.objects.public().filter(article=article)
    companies = set(mine.exclude(company=None).values_list("company_id", flat=True))
    agreements = set(mine.exclude(agreement=None).values_list("agreement_id", flat=True))
    if not companies and not agreements:
        return []
    others = Annotation.objects.public().exclude(article=article)
    firms: dict[int, set[int]] = defaultdict(set)
    deals: dict[int, set[int]] = defaultdict(set)
    if companies:
        for story, company in others.filter(company_id__in=companies).values_list(
            "article_id", "company_id"
        ):
            firms[story].add(company)
    if agreements:
        for story, agreement in others.filter(agreement_id__in=agreements).values_list(
            "article_id", "agreement_id"
        ):
            deals[story].add(agreement)
    candidates = sorted(
        set(firms) | set(deals),
        key=lambda i: (len(deals.get(i, ())), len(firms.get(i, ())), i),
        reverse=True,
    )
    live = Article.objects.live()
    stories: dict[int, Article] = {}
    # Most candidates are live; look them up a window at a time until ``limit`` are found.
    for begin in range(0, len(candidates), limit * 4):
        window = candidates[begin : begin + limit * 4]
        stories.update(live.in_bulk(window))
        if sum(1 for i in candidates[: begin + len(window)] if i in stories) >= limit:
            break
    chosen = [i for i in candidates if i in stories][:limit]
    titles = dict(
        Agreement.objects.filter(pk__in={a for i in chosen for a in deals.get(i, ())}).values_list(
            "pk", "title"
        )
    )
    names = dict(
        Company.objects.filter(pk__in={c for i in chosen for c in firms.get(i, ())}).values_list(
            "pk", "name"
        )
    )
    result = []
    for i in chosen:
        if deals.get(i):
            reason = f"also about the {min(titles[a] for a in deals[i])}"
        else:
            reason = f"also about {min(names[c] for c in firms[i])}"
        result.append((stories[i], reason))
    return result

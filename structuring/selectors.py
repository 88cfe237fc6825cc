"""The read model of structure: a story's annotations with what they point at, its deals and
companies (for the Structure screen, and with ``public=True`` for readers and partners), and
what live stories back across the newsroom. What the public sees of deals is derived from the
claims of live stories (``deals.selectors``); every public read takes ``at``, a past moment to
replay."""

from collections import defaultdict
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q

from articles.models import Article
from deals.models import Agreement, Party
from deals.selectors import (  # noqa: F401 - the public read model of deals, read from here too
    DEALING,
    agreements_by_terms,
    current_term,
    live_events,
    live_only,
    live_stories,
    public_agreements,
    public_claims,
    terms_of,
    with_terms,
)
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
    joint-venture company as recorded (for the Structure screen); with ``public``, only the
    public ones the story marks, each with ``terms`` as the claims of live stories make them."""
    annotations = Annotation.objects.public() if public else Annotation.objects.all()
    marked = annotations.filter(article=article, agreement__isnull=False).values("agreement_id")
    if public:
        return with_terms(public_agreements().filter(pk__in=marked).order_by("title", "pk"))
    return (
        Agreement.objects.filter(pk__in=marked)
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


def live_evidence(*, at: datetime | None = None):
    """Confirmed, anchored annotations in live stories (or in those live at ``at``)."""
    return live_only(Annotation.objects.public(), at)


def agreements_of(company, *, at: datetime | None = None) -> list[Agreement]:
    """The public agreements a company is party to (or made, or advises), with their terms."""
    dealing = public_claims(at=at).filter(
        agreement=OuterRef("pk"), company=company, term__in=DEALING
    )
    return with_terms(
        public_agreements(at=at)
        .filter(Exists(dealing))
        .prefetch_related(
            Prefetch(
                "events",
                queryset=live_events(at=at).order_by("occurred_on"),
                to_attr="live_events",
            ),
        )
        .order_by("title"),
        at=at,
    )


def stories_mentioning(company, *, at: datetime | None = None):
    stories = Article.objects.live() if at is None else Article.objects.all()
    return (
        stories.filter(pk__in=live_evidence(at=at).filter(company=company).values("article_id"))
        .select_related("section", "lead_picture")
        .with_byline()
        .order_by("-publish_at", "-id")
    )


def public_companies(*, at: datetime | None = None):
    """Companies a live story names, or that a live story's claims make part of a deal."""
    named = live_evidence(at=at).filter(company=OuterRef("pk"))
    dealing = public_claims(at=at).filter(
        Q(company=OuterRef("pk")) & Q(term__in=DEALING) | Q(counterpart=OuterRef("pk"))
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

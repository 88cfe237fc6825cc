"""The public read model of deals: what the claims of live stories make of each agreement.

Every read takes an optional ``at``: a past moment, replayed from the stories' history (what was
live then) and from retired claims (how a claim then read). Without it, the present is read, so
an embargo lifts the instant its time comes, with no event needed.
"""

from datetime import datetime
from typing import NamedTuple

from django.db.models import Case, Exists, F, OuterRef, Prefetch, QuerySet, Subquery, When

from articles.models import Article

from .models import Agreement, AgreementEvent, Claim, Evidence
from .terms import Terms, derive_terms, term_key

DEALING = (Claim.Term.PARTY, Claim.Term.RESULTING_COMPANY, Claim.Term.ADVISER, Claim.Term.STAKE)


def live_only(queryset: QuerySet, at: datetime | None, story: str = "article") -> QuerySet:
    """Rows of ``queryset`` whose story (``story``) is live now, or was live at ``at``."""
    if at is None:
        # Correlated on the story's key: an IN over every live story is a scan at scale.
        return queryset.filter(Exists(Article.objects.live().filter(pk=OuterRef(f"{story}_id"))))
    # The story's last history record at that moment says whether it was published, and from
    # when (an embargoed story was published with a later publish time).
    then = (
        Article.history.model.objects.filter(id=OuterRef(f"{story}_id"), history_date__lte=at)
        .order_by("-history_date", "-history_id")
        .annotate(live_from=Case(When(status=Article.Status.PUBLISHED, then=F("publish_at"))))
        .values("live_from")[:1]
    )
    return queryset.alias(story_live_from=Subquery(then)).filter(story_live_from__lte=at)


def public_claims(*, at: datetime | None = None) -> QuerySet:
    """Claims of live stories, as they read now or at ``at``."""
    claims = Claim.objects.current() if at is None else Claim.objects.stated_at(at)
    return live_only(claims, at)


def public_agreements(*, at: datetime | None = None):
    """Agreements that some live story claims."""
    return Agreement.objects.filter(Exists(public_claims(at=at).filter(agreement=OuterRef("pk"))))


class _Row(NamedTuple):
    pk: int
    agreement_id: int
    term: str
    company_id: int | None
    sector_id: int | None
    region_id: int | None
    text: str
    article_id: int
    created_at: datetime


def live_stories(ids, *, at: datetime | None = None) -> dict[int, datetime]:
    """Of the stories ``ids``, those live now (or at ``at``), with the time each went public.

    Read by primary key, so that the cost follows the stories asked about, not the newsroom.
    """
    if at is None:
        return dict(Article.objects.live().filter(pk__in=ids).values_list("pk", "publish_at"))
    latest = {}
    for pk, status, publish_at in (
        Article.history.model.objects.filter(id__in=ids, history_date__lte=at)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "status", "publish_at")
    ):
        latest[pk] = (status, publish_at)
    return {
        pk: publish_at
        for pk, (status, publish_at) in latest.items()
        if status == Article.Status.PUBLISHED and publish_at is not None and publish_at <= at
    }


def _public_claim_ids(ids, *, at: datetime | None, standing_only: bool) -> list[int]:
    """The live claims of the agreements ``ids``: all of them, or only the one that stands for
    each term (the claim of the story published last), chosen as ``deals.terms`` does."""
    claims = Claim.objects.current() if at is None else Claim.objects.stated_at(at)
    rows = [
        _Row(*values) for values in claims.filter(agreement_id__in=ids).values_list(*_Row._fields)
    ]
    live = live_stories({row.article_id for row in rows}, at=at)
    rows = [row for row in rows if row.article_id in live]
    if not standing_only:
        return [row.pk for row in rows]
    best: dict[tuple, tuple] = {}
    for row in rows:
        rank = (live[row.article_id], row.created_at, row.pk)
        key = (row.agreement_id, *term_key(row))
        if key not in best or rank > best[key]:
            best[key] = rank
    return [pk for *_, pk in best.values()]


def terms_of(
    agreements, *, at: datetime | None = None, sentences: bool = False, standing_only=False
) -> dict[int, Terms]:
    """The public terms of each agreement, in a fixed number of queries however many claims.

    With ``standing_only``, only the claim that stands for each term is read (what cards and
    lists show); with ``sentences``, the stories' bodies come too, to quote the evidence.
    """
    ids = [a.pk for a in agreements]
    claims: dict[int, list[Claim]] = {pk: [] for pk in ids}
    found = (
        Claim.objects.filter(pk__in=_public_claim_ids(ids, at=at, standing_only=standing_only))
        .select_related("article", "company", "counterpart", "sector", "region")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("start")))
    )
    if not sentences:
        found = found.defer("article__body")
    for claim in found:
        claims[claim.agreement_id].append(claim)
    return {pk: derive_terms(found) for pk, found in claims.items()}


def with_terms(agreements, *, at: datetime | None = None) -> list[Agreement]:
    """The agreements, each with ``terms`` set to the claims that stand (for cards and lists)."""
    agreements = list(agreements)
    found = terms_of(agreements, at=at, standing_only=True)
    for agreement in agreements:
        agreement.terms = found[agreement.pk]
    return agreements


def live_events(*, at: datetime | None = None):
    return live_only(AgreementEvent.objects.all(), at).select_related("article")


def current_term(term: str, field: str, *, at: datetime | None = None) -> Subquery:
    """One term of each agreement (``OuterRef("pk")``) as the public reads it: ``field`` of the
    live claim of the story published last, the same claim ``deals.terms`` lets stand."""
    return Subquery(
        public_claims(at=at)
        .filter(agreement=OuterRef("pk"), term=term)
        .order_by("-article__publish_at", "-created_at", "-pk")
        .values(field)[:1]
    )


def agreements_by_terms(
    agreements: QuerySet,
    *,
    at: datetime | None = None,
    status: str | None = None,
    currency: str | None = None,
    value_min=None,
    value_max=None,
    stake_min=None,
    stake_max=None,
) -> QuerySet:
    """The agreements whose public terms fit: status, currency, a value or a stake range."""
    wanted = {
        "status": (Claim.Term.STATUS, "status", status, "exact"),
        "currency": (Claim.Term.VALUE, "currency", currency, "exact"),
        "value_min": (Claim.Term.VALUE, "amount", value_min, "gte"),
        "value_max": (Claim.Term.VALUE, "amount", value_max, "lte"),
        "stake_min": (Claim.Term.STAKE, "percent", stake_min, "gte"),
        "stake_max": (Claim.Term.STAKE, "percent", stake_max, "lte"),
    }
    for name, (term, field, value, lookup) in wanted.items():
        if value is not None:
            agreements = agreements.alias(
                **{f"term_{name}": current_term(term, field, at=at)}
            ).filter(**{f"term_{name}__{lookup}": value})
    return agreements

"""Why a story's structure is not ready to publish; a ``PUBLISH_CHECKS`` hook."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from deals.models import Agreement, Claim, Evidence
from deals.terms import contradictions
from deals.wording import claim_text

from . import selectors
from .models import Annotation
from .tasks import suggestions_pending


def _quote(words: str) -> str:
    return f"“{words[:40]}{'…' if len(words) > 40 else ''}”"


def structure_problems(article) -> list[str]:
    """Pending suggestions, annotations needing review or orphaned, deals without two parties."""
    problems = []
    if suggestions_pending(article.pk):
        problems.append("Suggestions are still being made for this version of the story.")
    annotations = list(article.annotations.exclude(review_state=Annotation.ReviewState.REJECTED))
    pending = [a for a in annotations if a.review_state == Annotation.ReviewState.SUGGESTED]
    if pending:
        problems.append(
            f"{len(pending)} suggestion(s) not reviewed yet: accept or reject each one "
            f"({', '.join(_quote(a.exact) for a in pending[:3])}{'…' if len(pending) > 3 else ''})."
        )
    for state, label in (
        (Annotation.AnchorState.NEEDS_REVIEW, "needs review after an edit"),
        (Annotation.AnchorState.ORPHANED, "is orphaned: its words are gone from the body"),
    ):
        for annotation in annotations:
            if annotation.anchor_state == state:
                problems.append(
                    f"The {annotation.get_kind_display().lower()} {_quote(annotation.exact)} {label}."
                )
    agreement_ids = {a.agreement_id for a in annotations if a.agreement_id}
    agreement_ids |= set(
        Claim.objects.current().filter(article=article).values_list("agreement_id", flat=True)
    )
    # The parties the deal will have once this story is live: its own and the live stories'.
    parties = (
        Claim.objects.current()
        .filter(Q(article=article) | Q(pk__in=selectors.public_claims().values("pk")))
        .filter(term=Claim.Term.PARTY, agreement=OuterRef("pk"))
        .values("agreement")
        .annotate(n=Count("company", distinct=True))
        .values("n")
    )
    for agreement in Agreement.objects.filter(pk__in=agreement_ids).annotate(
        n=Coalesce(Subquery(parties), 0)
    ):
        if agreement.n < 2:
            problems.append(
                f"The agreement “{agreement.title}” has {agreement.n} "
                f"part{'y' if agreement.n == 1 else 'ies'}; it needs at least two."
            )
    return problems + claim_problems(article)


def claim_problems(article) -> list[str]:
    """Evidence an edit put in doubt, and claims contradicting a live story, not yet settled."""
    problems = []
    mine = list(
        Claim.objects.current()
        .filter(article=article)
        .select_related("agreement", "company", "counterpart", "sector", "region")
        .prefetch_related("evidence")
    )
    for claim in mine:
        for evidence in claim.evidence.all():
            if evidence.anchor_state != Evidence.AnchorState.ANCHORED:
                problems.append(
                    f"The evidence {_quote(evidence.exact)} for the "
                    f"{claim.get_term_display().lower()} of “{claim.agreement.title}” "
                    f"{evidence.get_anchor_state_display().lower()} after an edit."
                )
    live = (
        selectors.public_claims()
        .exclude(article=article)
        .filter(agreement_id__in={c.agreement_id for c in mine})
        .select_related("article", "company", "counterpart", "sector", "region")
    )
    for claim, other in contradictions(mine, live):
        problems.append(
            f"This story says the {claim.get_term_display().lower()} of “{claim.agreement.title}” "
            f"is {claim_text(claim)}, but the live story “{other.article.headline}” says "
            f"{claim_text(other)}: mark this claim as superseding it or as a known conflict."
        )
    return problems

"""Why a story's structure is not ready to publish; a ``PUBLISH_CHECKS`` hook."""

from django.db.models import Count

from deals.models import Agreement

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
    for agreement in Agreement.objects.filter(pk__in=agreement_ids).annotate(n=Count("parties")):
        if agreement.n < 2:
            problems.append(
                f"The agreement “{agreement.title}” has {agreement.n} part{'y' if agreement.n == 1 else 'ies'}; it needs at least two."
            )
    return problems

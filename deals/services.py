"""Use cases on annotations and agreements that carry the newsroom's rules; one transaction each."""

from django.db import transaction

from articles.models import Article

from .anchoring import Anchor, reanchor
from .models import Annotation
from .quotes import quote_selector


@transaction.atomic
def annotations_reanchor(article: Article, *, old_body: str) -> dict[str, int]:
    """Move every annotation of ``article`` from ``old_body`` to its current body.

    Annotations are never deleted here: those whose words cannot be found with certainty are
    marked ``needs_review`` or ``orphaned`` for an editor, keeping the words they quoted.
    """
    annotations = list(article.annotations.select_for_update().order_by("pk"))
    anchors = [Anchor(a.start, a.end, a.exact, a.prefix, a.suffix) for a in annotations]
    counts = {"anchored": 0, "needs_review": 0, "orphaned": 0}
    for annotation, placed in zip(
        annotations, reanchor(old_body, article.body, anchors), strict=True
    ):
        counts[placed.state] += 1
        changed = (placed.start, placed.end, placed.state) != (
            annotation.start,
            annotation.end,
            annotation.anchor_state,
        )
        if not changed:
            continue
        annotation.start, annotation.end = placed.start, placed.end
        annotation.anchor_state = placed.state
        if placed.state == Annotation.AnchorState.ANCHORED:
            _, annotation.prefix, annotation.suffix = quote_selector(
                article.body, placed.start, placed.end
            )
        annotation._change_reason = f"re-anchored after an edit ({placed.how})"
        annotation.save()
    return counts

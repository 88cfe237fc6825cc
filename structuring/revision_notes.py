"""What happened to a story's annotations between two revisions, and what would happen to them
if a working copy went live; registered with articles."""

from .anchoring import Anchor, reanchor
from .models import Annotation

_VERBS = {"+": "added", "-": "removed", "~": "changed"}


def annotation_notes(article, since, until) -> list[str]:
    records = (
        Annotation.history.filter(
            article_id=article.pk, history_date__gte=since, history_date__lt=until
        )
        .select_related("history_user")
        .order_by("history_date")
    )
    notes = []
    for record in records:
        verb = _VERBS.get(record.history_type, "changed")
        reason = record.history_change_reason or ""
        if verb == "changed" and reason.startswith("re-anchored"):
            verb = (
                f"moved to {record.start}–{record.end}, now {record.anchor_state.replace('_', ' ')}"
            )
        elif verb == "changed":
            verb = f"now {record.review_state}"
        who = f" by {record.history_user}" if record.history_user else ""
        notes.append(f"{record.kind.capitalize()} “{record.exact[:50]}” {verb}{who}.")
    return notes


def change_preview(article, new_body: str) -> list[str]:
    """Re-anchor the live annotations to ``new_body`` without saving: which would need review."""
    annotations = list(
        article.annotations.exclude(review_state=Annotation.ReviewState.REJECTED).order_by("pk")
    )
    if not annotations or new_body == article.body:
        return []
    anchors = [Anchor(a.start, a.end, a.exact, a.prefix, a.suffix) for a in annotations]
    placed = reanchor(article.body, new_body, anchors)
    doubtful = [
        (a, p)
        for a, p in zip(annotations, placed, strict=True)
        if p.state != Annotation.AnchorState.ANCHORED
    ]
    kept = len(annotations) - len(doubtful)
    notes = [f"{kept} of {len(annotations)} annotations keep their words."]
    for annotation, placement in doubtful:
        state = Annotation.AnchorState(placement.state).label.lower()
        notes.append(
            f"The {annotation.get_kind_display().lower()} “{annotation.exact[:50]}” would be "
            f"{state}: check it in the Structure screen after publishing."
        )
    notes.append("Suggestions are made again for the new words once the changes are live.")
    return notes

"""What happened to a story's annotations between two revisions; registered with articles."""

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

"""What deals draws on the public story page, registered with ``articles.panels``."""

from django.utils.safestring import SafeString, mark_safe

from .models import Annotation
from .rendering import Mark, render_body


def annotated_body(article) -> SafeString:
    """The body with confirmed, anchored mentions linked, deals marked and quotes attributed."""
    marks = []
    for a in (
        Annotation.objects.public()
        .filter(article=article)
        .select_related("company", "person", "agreement")
    ):
        if a.kind == Annotation.Kind.COMPANY and a.company_id:
            marks.append(
                Mark(
                    a.start,
                    a.end,
                    "a",
                    "mention mention-company",
                    a.company.get_absolute_url(),
                    a.company.name,
                )
            )
        elif a.kind == Annotation.Kind.AGREEMENT and a.agreement_id:
            marks.append(Mark(a.start, a.end, "mark", "mention-deal", title=a.agreement.title))
        elif a.kind == Annotation.Kind.PERSON and a.person_id:
            title = a.person.name + (f", {a.person.title}" if a.person.title else "")
            marks.append(Mark(a.start, a.end, "span", "mention-person", title=title))
        elif a.kind == Annotation.Kind.QUOTE:
            speaker = a.person.name if a.person_id else "unattributed"
            marks.append(Mark(a.start, a.end, "span", "quote", title=f"Quote: {speaker}"))
    return mark_safe(render_body(article.body, marks))

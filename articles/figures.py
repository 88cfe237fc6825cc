"""Pictures placed inside a story's body, between its paragraphs."""

import re

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .renditions import rendition_set

# The body renderer writes each paragraph as one top-level <p>…</p>, and a <p> cannot hold
# another, so the end of each paragraph is the end of a top-level element.
_PARAGRAPH_END = re.compile(r"(?<=</p>)")


def with_figures(body: SafeString, inline: list) -> SafeString:
    """The rendered body with each inline picture after its paragraph (past the last: at the end)."""
    if not inline:
        return body
    paragraphs = [part for part in _PARAGRAPH_END.split(str(body)) if part]
    after: dict[int, list[str]] = {}
    for placed in inline:
        at = min(placed.after_paragraph, len(paragraphs))
        after.setdefault(at, []).append(
            render_to_string("articles/_figure.html", {"set": rendition_set(placed.picture)})
        )
    out = []
    for number, paragraph in enumerate(paragraphs, 1):
        out.append(paragraph)
        out.extend(after.get(number, []))
    return mark_safe("".join(out))

"""The seam through which other apps draw parts of the story page.

``deals`` registers a body renderer (linked mentions) in ``AppConfig.ready``; without one the
body is shown as plain escaped paragraphs.
"""

from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import paragraphs

BodyRenderer = Callable[[object], SafeString]
_renderers: list[BodyRenderer] = []


def register_body_renderer(renderer: BodyRenderer) -> BodyRenderer:
    _renderers[:] = [renderer]
    return renderer


def plain_body(article) -> SafeString:
    return mark_safe("".join(f"<p>{escape(p)}</p>" for p in paragraphs(article.body)))


def render_story_body(article) -> SafeString:
    """The story's body as HTML: every character of the text escaped, markup only around it."""
    return _renderers[0](article) if _renderers else plain_body(article)

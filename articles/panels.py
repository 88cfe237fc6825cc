"""The seam through which other apps add to the public story side, so knowledge flows one way.

``articles`` never imports ``deals``. In its ``AppConfig.ready`` ``deals`` registers: the body
renderer (linked mentions), story panels (deal cards), related stories with their reasons,
JSON-LD facts (companies in ``about``/``mentions``) and named list filters (``company``).
Without them, the story side still works with plain paragraphs and no extras.
"""

from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import paragraphs

_body: list[Callable] = []
_panels: list[Callable] = []
_related: list[Callable] = []
_jsonld: list[Callable] = []
_filters: dict[str, Callable] = {}


def register_body_renderer(renderer: Callable[[object], SafeString]) -> Callable:
    _body[:] = [renderer]
    return renderer


def register_story_panel(panel: Callable[[object], SafeString]) -> Callable:
    if panel not in _panels:
        _panels.append(panel)
    return panel


def register_related(provider: Callable[[object, int], list]) -> Callable:
    _related[:] = [provider]
    return provider


def register_jsonld(contributor: Callable[[object], dict]) -> Callable:
    if contributor not in _jsonld:
        _jsonld.append(contributor)
    return contributor


def register_article_filter(name: str, apply: Callable) -> Callable:
    _filters[name] = apply
    return apply


def plain_body(article) -> SafeString:
    return mark_safe("".join(f"<p>{escape(p)}</p>" for p in paragraphs(article.body)))


def render_story_body(article) -> SafeString:
    """The story's body as HTML: every character of the text escaped, markup only around it."""
    return _body[0](article) if _body else plain_body(article)


def story_panels(article) -> list[SafeString]:
    return [html for panel in _panels if (html := panel(article))]


def related_stories(article, limit: int = 5) -> list[tuple[object, str]]:
    """Live stories related to ``article``, each with the reason, best first."""
    return _related[0](article, limit) if _related else []


def jsonld_facts(article) -> dict:
    facts: dict = {}
    for contributor in _jsonld:
        facts.update(contributor(article))
    return facts


def filter_articles(queryset, name: str, value: str):
    """Apply a filter another app registered (e.g. ``company``); unknown names change nothing."""
    apply = _filters.get(name)
    return apply(queryset, value) if apply and value else queryset


def known_filters() -> set[str]:
    return set(_filters)

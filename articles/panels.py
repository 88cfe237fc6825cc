"""What the public story page shows beyond the story itself, read through ``articles.hooks``."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import hooks
from .text import paragraphs


def plain_body(article) -> SafeString:
    return mark_safe("".join(f"<p>{escape(p)}</p>" for p in paragraphs(article.body)))


def render_story_body(article) -> SafeString:
    """The story's body as HTML: every character of the text escaped, markup only around it."""
    renderer = hooks.last(hooks.BODY_RENDERER)
    return renderer(article) if renderer else plain_body(article)


def story_panels(article) -> list[SafeString]:
    return [html for panel in hooks.get(hooks.STORY_PANELS) if (html := panel(article))]


def related_stories(article, limit: int = 5) -> list[tuple[object, str]]:
    """Live stories related to ``article``, each with the reason, best first."""
    provider = hooks.last(hooks.RELATED_STORIES)
    return provider(article, limit) if provider else []


def jsonld_facts(article) -> dict:
    facts: dict = {}
    for contributor in hooks.get(hooks.JSONLD):
        facts.update(contributor(article))
    return facts


def filter_articles(queryset, name: str, value: str):
    """Apply a filter another app registered (e.g. ``company``); unknown names change nothing."""
    apply = hooks.named(hooks.ARTICLE_FILTERS).get(name)
    return apply(queryset, value) if apply and value else queryset


def known_filters() -> set[str]:
    return set(hooks.named(hooks.ARTICLE_FILTERS))

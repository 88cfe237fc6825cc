import functools

from django.core.cache import cache
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .caching import site_state
from .models import Section


def _sections() -> list[Section]:
    key = f"nav-sections:{site_state()[0]}"
    sections = cache.get(key)
    if sections is None:
        sections = list(Section.objects.all())
        cache.set(key, sections, 300)
    return sections


@functools.cache
def site_urls() -> dict[str, str]:
    """The site-wide links every page carries, reversed once per process."""
    return {
        **{
            name: reverse(f"articles:{name}")
            for name in ("home", "search", "feed_rss", "feed_atom")
        },
        "mark": static("articles/mark.svg"),
        "logo": static("articles/logo.svg"),
    }


def navigation(request):
    """The sections for the site's navigation, read only when a page shows them."""
    return {"nav_sections": SimpleLazyObject(_sections), "site_urls": site_urls()}

from django.core.cache import cache
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


def navigation(request):
    """The sections for the site's navigation, read only when a page shows them."""
    return {"nav_sections": SimpleLazyObject(_sections)}

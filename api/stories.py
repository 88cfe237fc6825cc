"""Stories as the API shows them, each built once per version and site generation.

Building a story's structure is the costly part of an answer, so each story is serialized whole
and kept per story, version and site generation (which any change to what the API shows moves
on), for every list and filter; an answer then cuts it to the ``fields`` asked for.
"""

from django.core.cache import cache

from articles.caching import site_state

from . import selectors
from .serializers import ARTICLE_FIELDS, ArticleItem

STORY_SECONDS = 300
# What a story's own row carries: asked for alone, nothing is worth caching.
CHEAP_FIELDS = frozenset(ARTICLE_FIELDS) - {"byline", "mentions", "agreements"}


def shown(rows: list[dict], fields: set[str], context: dict, shape: type[ArticleItem]) -> list:
    """``rows`` of live stories (``selectors.story_rows``) serialized by ``shape``, cut to
    ``fields``."""
    if fields <= CHEAP_FIELDS:
        return shape(
            selectors.stories(rows, fields), many=True, fields=fields, context=context
        ).data
    site = context["links"].site
    generation = site_state()[0]
    keys = [
        f"api:story:{shape.__name__}:{generation}:{r['id']}:{r['changed_at'].timestamp()}:{site}"
        for r in rows
    ]
    found = cache.get_many(keys)
    missing = [(row, key) for row, key in zip(rows, keys, strict=True) if key not in found]
    if missing:
        whole = set(shape._declared_fields)
        built = shape(
            selectors.stories([row for row, _ in missing], whole), many=True, context=context
        ).data
        fresh = {key: item for (_, key), item in zip(missing, built, strict=True)}
        cache.set_many(fresh, STORY_SECONDS)
        found.update(fresh)
    return [{k: v for k, v in found[key].items() if k in fields} for key in keys]

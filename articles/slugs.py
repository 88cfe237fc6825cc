"""Unique slugs: the one place where a name becomes a slug no other row of a model uses.

Every app may import ``articles``, so companies, agreements, people, sectors, regions, reporters
and stories all take their slugs from here.
"""

import hashlib
from collections.abc import Callable

from django.db import models
from django.utils.text import slugify


def free_slug(base: str, taken: Callable[[str], bool], *, max_length: int = 200) -> str:
    """A slug for ``base`` that ``taken`` does not know, adding -2, -3... while it does.

    A name with nothing to slugify (only punctuation, say) gets a stable slug from its hash, so
    two such names do not both become "item".
    """
    root = slugify(base)[:max_length].strip("-")
    if not root:
        root = "item-" + hashlib.sha1(base.encode()).hexdigest()[:10]
    candidate, n = root, 1
    while taken(candidate):
        n += 1
        suffix = f"-{n}"
        candidate = root[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate


def unique_slug(model: type[models.Model], base: str, *, exclude_pk=None) -> str:
    """A slug for ``base`` not yet used by another row of ``model``, fitting its slug field."""
    max_length = model._meta.get_field("slug").max_length
    others = model._default_manager.exclude(pk=exclude_pk)
    return free_slug(base, lambda slug: others.filter(slug=slug).exists(), max_length=max_length)

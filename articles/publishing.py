"""Why a story may not be published yet: every reason, from every ``PUBLISH_CHECKS`` hook."""

from . import hooks


def publish_problems(article) -> list[str]:
    """Every reason, from every registered check, that ``article`` cannot be published now."""
    return hooks.collect(hooks.PUBLISH_CHECKS, article)

"""The seam through which other apps say why a story may not be published yet.

``articles`` never imports ``deals``; ``deals`` registers its checks here in ``AppConfig.ready``.
"""

from collections.abc import Callable

PublishCheck = Callable[[object], list[str]]

_checks: list[PublishCheck] = []


def register_publish_check(check: PublishCheck) -> PublishCheck:
    """Add a check: a function of an article returning the reasons it cannot be published."""
    if check not in _checks:
        _checks.append(check)
    return check


def publish_problems(article) -> list[str]:
    """Every reason, from every registered check, that ``article`` cannot be published now."""
    return [reason for check in _checks for reason in check(article)]

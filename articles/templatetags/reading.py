"""Template filters for how the public pages write things for machines and for people."""

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def machine_time(value: datetime | None) -> str:
    """An ISO 8601 time to the second, as HTML's ``datetime`` attribute and Open Graph accept.

    ``|date:'c'`` writes microseconds, which HTML forbids (at most three digits of a second).
    """
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()

"""Template filters for how the public pages write things for machines and for people."""

from datetime import datetime
from decimal import Decimal

from babel import Locale
from django import template
from django.utils import timezone

from articles.renditions import rendition_set
from articles.text import cut_at_word

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


@register.filter
def within(text: str, limit: int) -> str:
    """Text cut at a word to at most ``limit`` characters (never mid-word)."""
    return cut_at_word(str(text or ""), int(limit))


# How business papers write the currencies readers meet most; the rest keep their ISO code.
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "HKD": "HK$"}
SCALES = ((10**12, "tn"), (10**9, "bn"), (10**6, "m"))


@register.filter
def money(value, currency: str = "") -> str:
    """An amount written for people: 68700000000 USD is "$68.7bn", 450000 EUR is "€450,000"."""
    if value in (None, ""):
        return ""
    amount = Decimal(value)
    sign = CURRENCY_SIGNS.get(currency.upper(), f"{currency.upper()} " if currency else "")
    for size, suffix in SCALES:
        if abs(amount) >= size:
            scaled = f"{amount / size:,.1f}".removesuffix(".0")
            return f"{sign}{scaled}{suffix}"
    return f"{sign}{amount:,.0f}"


@register.filter
def country_name(code: str) -> str:
    """An ISO 3166 country code as its English name ("CN" is China); unknown codes as written."""
    return Locale("en").territories.get((code or "").upper(), code)


@register.simple_tag
def picture_set(picture) -> dict:
    """The renditions of a picture, for ``articles/_picture.html``."""
    return rendition_set(picture)

"""The external identifiers a company carries, written once: LEI, Wikidata id, ticker, country,
currency; and the company references partners and editors type (``lei:``, ``ticker:``, ...)."""

import re

from django.core.validators import RegexValidator
from django.db.models import Q

LEI = re.compile(r"[A-Z0-9]{18}[0-9]{2}")
WIKIDATA = re.compile(r"Q[1-9][0-9]{0,11}")
COUNTRY = re.compile(r"[A-Z]{2}")
CURRENCY = re.compile(r"[A-Z]{3}")
TICKER_PART = re.compile(r"[A-Za-z0-9.\-]{1,20}")
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")

LEI_MESSAGE = "An LEI is 20 characters: 18 letters or digits, then 2 digits."
WIKIDATA_MESSAGE = "A Wikidata id looks like Q12345."
COUNTRY_MESSAGE = "Use the two-letter ISO 3166 code, e.g. CN."
CURRENCY_MESSAGE = "Use the three-letter ISO 4217 code, e.g. USD."

lei_validator = RegexValidator(f"^{LEI.pattern}$", LEI_MESSAGE)
wikidata_validator = RegexValidator(f"^{WIKIDATA.pattern}$", WIKIDATA_MESSAGE)
country_validator = RegexValidator(f"^{COUNTRY.pattern}$", COUNTRY_MESSAGE)
currency_validator = RegexValidator(f"^{CURRENCY.pattern}$", CURRENCY_MESSAGE)


def is_lei(value: str) -> bool:
    return bool(LEI.fullmatch(value))


def is_wikidata_id(value: str) -> bool:
    return bool(WIKIDATA.fullmatch(value))


def is_country(value: str) -> bool:
    return bool(COUNTRY.fullmatch(value))


def split_ticker(value: str, *, exchange_required: bool) -> tuple[str, str] | None:
    """``EXCHANGE:SYMBOL`` (or a bare ``SYMBOL`` when allowed) as (exchange, symbol); None if
    malformed. The exchange is ``""`` for a bare symbol."""
    exchange, colon, symbol = value.rpartition(":")
    if not TICKER_PART.fullmatch(symbol):
        return None
    if colon and not TICKER_PART.fullmatch(exchange):
        return None
    if exchange_required and not colon:
        return None
    return exchange, symbol


def ticker_condition(exchange: str, symbol: str, prefix: str = "tickers__") -> Q:
    """Companies listed under ``symbol`` (on ``exchange``, when one is given), any case."""
    condition = Q(**{f"{prefix}symbol__iexact": symbol})
    if exchange:
        condition &= Q(**{f"{prefix}exchange__iexact": exchange})
    return condition


def company_reference(value: str) -> Q:
    """The company a reference names: a slug, ``lei:...``, ``ticker:EXCHANGE:SYMBOL`` or
    ``wikidata:Q...``. Raises ``ValueError`` with a reader's message for a malformed one."""
    scheme, colon, rest = value.partition(":")
    if not colon:
        if not SLUG.fullmatch(value):
            raise ValueError(
                "Give a company slug, or lei:, ticker:EXCHANGE:SYMBOL or wikidata:Q..."
            )
        return Q(slug=value)
    if scheme == "lei":
        if not is_lei(rest.upper()):
            raise ValueError("An LEI is 20 letters and digits, e.g. lei:5493001KJTIIGC8Y1R12.")
        return Q(lei=rest.upper())
    if scheme == "wikidata":
        if not is_wikidata_id(rest.upper()):
            raise ValueError("A Wikidata id is Q followed by digits, e.g. wikidata:Q35476.")
        return Q(wikidata_id=rest.upper())
    if scheme == "ticker":
        parts = split_ticker(rest, exchange_required=True)
        if parts is None:
            raise ValueError("A ticker reads ticker:EXCHANGE:SYMBOL, e.g. ticker:NYSE:T.")
        return ticker_condition(*parts)
    raise ValueError(
        f"Unknown kind of company reference '{scheme}:'; use lei:, ticker: or wikidata:."
    )

"""Reads for the public company and deal pages: only what live stories back is shown."""

import re

from django.db.models import Exists, OuterRef, Prefetch, Q

from articles.models import Article

from .models import Agreement, AgreementEvent, Annotation, Company, Party


def live_evidence():
    """Confirmed, anchored annotations in live stories."""
    return Annotation.objects.public().filter(article__in=Article.objects.live())


def public_agreements():
    """Agreements that a live story reports (by a confirmed annotation or a timeline event)."""
    reported = live_evidence().filter(agreement=OuterRef("pk"))
    cited = AgreementEvent.objects.filter(
        agreement=OuterRef("pk"), article__in=Article.objects.live()
    )
    return Agreement.objects.filter(Exists(reported) | Exists(cited))


def live_events():
    return AgreementEvent.objects.filter(article__in=Article.objects.live()).select_related(
        "article"
    )


def agreements_of(company):
    return (
        public_agreements()
        .filter(parties__company=company)
        .select_related("resulting_company")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("company")),
            Prefetch(
                "events", queryset=live_events().order_by("occurred_on"), to_attr="live_events"
            ),
        )
        .order_by("-announced_on", "title")
        .distinct()
    )


def stories_mentioning(company):
    return (
        Article.objects.live()
        .filter(pk__in=live_evidence().filter(company=company).values("article_id"))
        .select_related("section")
        .with_byline()
        .order_by("-publish_at", "-id")
    )


def public_companies():
    """Companies a live story names, or that are party to (or made by) a deal one reports."""
    named = live_evidence().filter(company=OuterRef("pk"))
    dealing = public_agreements().filter(
        Q(parties__company=OuterRef("pk")) | Q(resulting_company=OuterRef("pk"))
    )
    return Company.objects.filter(Exists(named) | Exists(dealing))


_LEI = re.compile(r"[A-Z0-9]{18}[0-9]{2}")
_WIKIDATA = re.compile(r"Q[1-9][0-9]{0,11}")
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
_TICKER_PART = re.compile(r"[A-Za-z0-9.\-]{1,20}")


def company_reference(value: str) -> Q:
    """The company a reference names: a slug, ``lei:...``, ``ticker:EXCHANGE:SYMBOL`` or
    ``wikidata:Q...``. Raises ``ValueError`` with a reader's message for a malformed one."""
    scheme, colon, rest = value.partition(":")
    if not colon:
        if not _SLUG.fullmatch(value):
            raise ValueError(
                "Give a company slug, or lei:, ticker:EXCHANGE:SYMBOL or wikidata:Q..."
            )
        return Q(slug=value)
    if scheme == "lei":
        if not _LEI.fullmatch(rest.upper()):
            raise ValueError("An LEI is 20 letters and digits, e.g. lei:5493001KJTIIGC8Y1R12.")
        return Q(lei=rest.upper())
    if scheme == "wikidata":
        if not _WIKIDATA.fullmatch(rest.upper()):
            raise ValueError("A Wikidata id is Q followed by digits, e.g. wikidata:Q35476.")
        return Q(wikidata_id=rest.upper())
    if scheme == "ticker":
        exchange, colon, symbol = rest.partition(":")
        if not colon or not _TICKER_PART.fullmatch(exchange) or not _TICKER_PART.fullmatch(symbol):
            raise ValueError("A ticker reads ticker:EXCHANGE:SYMBOL, e.g. ticker:NYSE:T.")
        return Q(tickers__exchange__iexact=exchange, tickers__symbol__iexact=symbol)
    raise ValueError(
        f"Unknown kind of company reference '{scheme}:'; use lei:, ticker: or wikidata:."
    )

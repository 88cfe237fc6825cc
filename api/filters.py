"""Query parameters of the list endpoints, validated by django-filter; a bad value is a 400.

Each text filter carries the one pattern that both validates it here and is published in the
OpenAPI document (``api.openapi``), so what the document calls valid is what the server accepts.
Values are not stripped: what a partner sends is what is checked.
"""

import re
from decimal import Decimal

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q

from articles.models import Article
from articles.search import matching
from deals.models import Agreement, AgreementKind, AgreementStatus, Claim
from registry import identifiers
from registry.identifiers import company_reference, split_ticker, ticker_condition
from registry.models import Company
from structuring import selectors as structure
from structuring.models import Annotation

from . import params

ARTICLE_ORDERINGS = ("-published_at", "published_at", "-updated_at", "updated_at")


def anchored(body: str) -> str:
    """A pattern the whole value must match, in a form JSON Schema and ECMAScript read alike
    (``(?!\\n)`` refuses the trailing line break Python's ``$`` would let through)."""
    return rf"^(?:{body})$(?!\n)"


SLUG = identifiers.SLUG.pattern
TICKER_PART = identifiers.TICKER_PART.pattern
SLUGS = anchored(rf"{SLUG}(?:,{SLUG})*")
# ``company_reference`` upper-cases an LEI and a Wikidata id, so either case is valid here.
COMPANY = anchored(
    rf"{SLUG}|lei:[A-Za-z0-9]{{18}}[0-9]{{2}}|wikidata:[Qq][1-9][0-9]{{0,11}}"
    rf"|ticker:{TICKER_PART}:{TICKER_PART}"
)
TICKER = anchored(rf"(?:{TICKER_PART}:)?{TICKER_PART}")
COUNTRY = anchored(r"[A-Za-z]{2}")
WORDS = r"^[^\u0000]*[^\s\u0000][^\u0000]*$"


class PatternField(forms.CharField):
    def __init__(self, *, pattern: str, message: str, **kwargs):
        self.pattern, self.message = re.compile(pattern), message
        super().__init__(strip=False, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not self.pattern.search(value):
            raise ValidationError(self.message)


class PatternFilter(filters.CharFilter):
    """Text that must match ``pattern`` (published as the parameter's pattern)."""

    field_class = PatternField

    def __init__(self, *args, pattern: str, message: str, **kwargs):
        super().__init__(*args, pattern=pattern, message=message, **kwargs)
        self.pattern = pattern


class SlugFilter(PatternFilter):
    """A slug, or a comma-separated list of them; anything else is refused, not searched."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            *args,
            pattern=SLUGS,
            message="Give slugs, comma-separated: letters, digits, hyphens and underscores.",
            max_length=2000,
            **kwargs,
        )

    def filter(self, qs, value):
        return qs.filter(**{f"{self.field_name}__in": value.split(",")}).distinct() if value else qs


class ParsedField(forms.Field):
    """A value turned into a Python value by one of ``api.params``' strict parsers."""

    def __init__(self, *, parse, max_length: int, **kwargs):
        self.parse, self.max_length = parse, max_length
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            if len(value) > self.max_length:
                raise ValueError(f"{self.label} is longer than {self.max_length} characters.")
            return self.parse(value, self.label)
        except ValueError as error:
            raise ValidationError(str(error)) from None


class InstantFilter(filters.Filter):
    """An ISO 8601 date-time (``api.params.instant``)."""

    field_class = ParsedField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, parse=params.instant, max_length=40, **kwargs)


class DayFilter(filters.Filter):
    """A calendar date ``YYYY-MM-DD`` (``api.params.day``)."""

    field_class = ParsedField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, parse=params.day, max_length=10, **kwargs)


def _company_ids(value: str):
    return Company.objects.filter(company_reference(value)).values("pk")


COMPANY_MESSAGE = "Give a company slug, or lei:LEI, ticker:EXCHANGE:SYMBOL or wikidata:QID."


class ArticleFilter(filters.FilterSet):
    q = PatternFilter(
        method="search",
        max_length=200,
        pattern=WORDS,
        message="Give at least one word to search for.",
        help_text="Words to find (full-text search).",
    )
    section = SlugFilter(field_name="section__slug", help_text="Section slug(s), comma-separated.")
    reporter = SlugFilter(
        field_name="reporters__slug", help_text="Reporter slug(s), comma-separated."
    )
    company = PatternFilter(
        method="by_company",
        max_length=250,
        pattern=COMPANY,
        message=COMPANY_MESSAGE,
        help_text=(
            "Stories with a confirmed mention of the company: its slug, or lei:LEI, "
            "ticker:EXCHANGE:SYMBOL, wikidata:QID."
        ),
    )
    agreement = PatternFilter(
        method="by_agreement",
        max_length=200,
        pattern=anchored(SLUG),
        message="Give an agreement's slug: letters, digits, hyphens and underscores.",
        help_text="Stories reporting the agreement (slug).",
    )
    agreement_kind = filters.ChoiceFilter(
        method="by_agreement_kind",
        choices=AgreementKind.choices,
        help_text="Stories reporting an agreement of this kind.",
    )
    published_after = InstantFilter(
        field_name="publish_at",
        lookup_expr="gte",
        label="published_after",
        help_text="ISO 8601 date-time, inclusive (UTC when no offset is given).",
    )
    published_before = InstantFilter(
        field_name="publish_at",
        lookup_expr="lt",
        label="published_before",
        help_text="ISO 8601 date-time, exclusive (UTC when no offset is given).",
    )
    updated_after = InstantFilter(
        field_name="changed_at",
        lookup_expr="gte",
        label="updated_after",
        help_text="Stories changed (text or structure) at or after this ISO 8601 date-time.",
    )
    ordering = filters.ChoiceFilter(
        method="keep",
        choices=[(o, o) for o in ARTICLE_ORDERINGS],
        help_text="Sort order; newest published first by default.",
    )

    class Meta:
        model = Article
        fields = []

    def keep(self, queryset, name, value):
        return queryset

    def search(self, queryset, name, value):
        return queryset.filter(pk__in=matching(value.strip()).values("pk"))

    def _mentioning(self, queryset, condition: Q):
        return queryset.filter(
            pk__in=Annotation.objects.public().filter(condition).values("article_id")
        )

    def by_company(self, queryset, name, value):
        return self._mentioning(queryset, Q(company__in=_company_ids(value)))

    def by_agreement(self, queryset, name, value):
        return self._mentioning(queryset, Q(agreement__slug=value))

    def by_agreement_kind(self, queryset, name, value):
        # The kind live stories' claims give the deal, not the one it was first recorded with.
        kind = structure.current_term(Claim.Term.KIND, "kind")
        of_kind = Agreement.objects.alias(public_kind=kind).filter(public_kind=value)
        return self._mentioning(queryset, Q(agreement__in=of_kind))


AMOUNT = anchored(r"[0-9]{1,18}(?:\.[0-9]{1,2})?")
# 0 to 100, so the OpenAPI pattern says the whole rule and a client never sends 200.
PERCENT = anchored(r"(?:100(?:\.0{1,2})?|[0-9]{1,2}(?:\.[0-9]{1,2})?)")
CURRENCY = anchored(r"[A-Za-z]{3}")


def _amount(pattern: str, what: str, help_text: str) -> PatternFilter:
    return PatternFilter(
        method="by_value",
        max_length=21,
        pattern=pattern,
        message=f"Give {what} as digits, with at most two decimals, e.g. 1200000000 or 49.5.",
        help_text=help_text,
    )


class AgreementFilter(filters.FilterSet):
    """Filters on an agreement's public terms: what the claims of live stories make of it (at
    ``as_of``, when the request gives one), never what a draft says."""

    kind = filters.MultipleChoiceFilter(
        choices=AgreementKind.choices,
        method="by_term",
        help_text="Kind(s); repeat the parameter for several.",
    )
    status = filters.MultipleChoiceFilter(
        choices=AgreementStatus.choices,
        method="by_term",
        help_text="Status(es); repeat the parameter for several.",
    )
    party = PatternFilter(
        method="by_party",
        max_length=250,
        pattern=COMPANY,
        message=COMPANY_MESSAGE,
        help_text="A party: company slug, or lei:, ticker:EXCHANGE:SYMBOL, wikidata: reference.",
    )
    sector = SlugFilter(method="by_tag", help_text="Sector slug(s), comma-separated.")
    region = SlugFilter(method="by_tag", help_text="Region slug(s), comma-separated.")
    announced_after = DayFilter(
        method="by_announced",
        label="announced_after",
        help_text="Announced on or after this date, YYYY-MM-DD.",
    )
    announced_before = DayFilter(
        method="by_announced",
        label="announced_before",
        help_text="Announced before this date, YYYY-MM-DD.",
    )
    value_min = _amount(AMOUNT, "a value", "Deals valued at this or more (in their currency).")
    value_max = _amount(AMOUNT, "a value", "Deals valued at this or less (in their currency).")
    currency = PatternFilter(
        method="by_value",
        max_length=3,
        pattern=CURRENCY,
        message="A currency is a three-letter ISO 4217 code, e.g. USD.",
        help_text="Deals valued in this currency, ISO 4217 (any case).",
    )
    stake_min = _amount(
        PERCENT, "a percentage from 0 to 100", "Deals about a stake of this percent or more."
    )
    stake_max = _amount(
        PERCENT, "a percentage from 0 to 100", "Deals about a stake of this percent or less."
    )

    class Meta:
        model = Agreement
        fields = []

    def at(self):
        """The moment the request replays (``as_of``), or None for now."""
        raw = self.request.query_params.get("as_of") if self.request else None
        return params.past_moment(raw[:41], "as_of") if raw else None

    def by_term(self, queryset, name, value):
        if not value:
            return queryset
        stands = structure.current_term(name, name, at=self.at())
        return queryset.alias(**{f"term_{name}": stands}).filter(**{f"term_{name}__in": value})

    def by_party(self, queryset, name, value):
        parties = structure.public_claims(at=self.at()).filter(
            agreement=OuterRef("pk"), term=Claim.Term.PARTY, company__in=_company_ids(value)
        )
        return queryset.filter(Exists(parties))

    def by_tag(self, queryset, name, value):
        tagged = structure.public_claims(at=self.at()).filter(
            agreement=OuterRef("pk"), term=name, **{f"{name}__slug__in": value.split(",")}
        )
        return queryset.filter(Exists(tagged))

    def by_announced(self, queryset, name, value):
        lookup = "gte" if name == "announced_after" else "lt"
        on = structure.current_term(Claim.Term.ANNOUNCED, "on", at=self.at())
        return queryset.alias(term_announced=on).filter(**{f"term_announced__{lookup}": value})

    def by_value(self, queryset, name, value):
        value = value.upper() if name == "currency" else Decimal(value)
        return structure.agreements_by_terms(queryset, at=self.at(), **{name: value})


class CompanyFilter(filters.FilterSet):
    q = PatternFilter(
        method="by_name",
        max_length=200,
        pattern=WORDS,
        message="Give part of a name to search for.",
        help_text="Part of the name, legal name or an alias.",
    )
    country = PatternFilter(
        method="by_country",
        max_length=2,
        pattern=COUNTRY,
        message="A country is a two-letter ISO 3166-1 code, e.g. CN.",
        help_text="ISO 3166-1 alpha-2 country code, e.g. CN (any case).",
    )
    ticker = PatternFilter(
        method="by_ticker",
        max_length=41,
        pattern=TICKER,
        message="A ticker is a symbol (T) or EXCHANGE:SYMBOL (NYSE:T).",
        help_text="A ticker symbol, alone (T) or with its exchange (NYSE:T).",
    )

    class Meta:
        model = Company
        fields = []

    def by_name(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value)
            | Q(legal_name__icontains=value)
            | Q(pk__in=Company.objects.filter(aliases__name__icontains=value).values("pk"))
        )

    def by_country(self, queryset, name, value):
        return queryset.filter(country__iexact=value)

    def by_ticker(self, queryset, name, value):
        parts = split_ticker(value, exchange_required=False)
        return queryset.filter(pk__in=Company.objects.filter(ticker_condition(*parts)).values("pk"))

"""Query parameters of the list endpoints, validated by django-filter; a bad value is a 400."""

import django_filters as filters
from django.core.exceptions import ValidationError
from django.db.models import Q

from articles.models import Article
from articles.search import matching
from deals.models import Agreement, AgreementKind, AgreementStatus
from registry.identifiers import SLUG, company_reference, is_country, split_ticker, ticker_condition
from registry.models import Company
from structuring.models import Annotation

ARTICLE_ORDERINGS = ("-published_at", "published_at", "-updated_at", "updated_at")


def slug_list(value: str) -> None:
    for part in value.split(","):
        if part.strip() and not SLUG.fullmatch(part.strip()):
            raise ValidationError("Give slugs: letters, digits, hyphens and underscores.")


def slug(value: str) -> None:
    if not SLUG.fullmatch(value):
        raise ValidationError("Give a slug: letters, digits, hyphens and underscores.")


def company_ref(value: str) -> None:
    try:
        company_reference(value)
    except ValueError as error:
        raise ValidationError(str(error)) from None


def country_code(value: str) -> None:
    if not is_country(value.upper()):
        raise ValidationError("A country is a two-letter ISO 3166-1 code, e.g. CN.")


def ticker(value: str) -> None:
    if split_ticker(value, exchange_required=False) is None:
        raise ValidationError("A ticker is a symbol (T) or EXCHANGE:SYMBOL (NYSE:T).")


class SlugFilter(filters.CharFilter):
    """A slug, or a comma-separated list of them; anything else is refused, not searched."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, validators=[slug_list], max_length=2000, **kwargs)

    def filter(self, qs, value):
        slugs = [v.strip() for v in (value or "").split(",") if v.strip()]
        return qs.filter(**{f"{self.field_name}__in": slugs}).distinct() if slugs else qs


def _company_ids(value: str):
    return Company.objects.filter(company_reference(value)).values("pk")


class ArticleFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="search", max_length=200, help_text="Words to find (full-text search)."
    )
    section = SlugFilter(field_name="section__slug", help_text="Section slug(s), comma-separated.")
    reporter = SlugFilter(
        field_name="reporters__slug", help_text="Reporter slug(s), comma-separated."
    )
    company = filters.CharFilter(
        method="by_company",
        max_length=250,
        validators=[company_ref],
        help_text=(
            "Stories with a confirmed mention of the company: its slug, or lei:LEI, "
            "ticker:EXCHANGE:SYMBOL, wikidata:QID."
        ),
    )
    agreement = filters.CharFilter(
        method="by_agreement",
        max_length=200,
        validators=[slug],
        help_text="Stories reporting the agreement (slug).",
    )
    agreement_kind = filters.ChoiceFilter(
        method="by_agreement_kind",
        choices=AgreementKind.choices,
        help_text="Stories reporting an agreement of this kind.",
    )
    published_after = filters.IsoDateTimeFilter(
        field_name="publish_at", lookup_expr="gte", help_text="ISO 8601 date-time, inclusive."
    )
    published_before = filters.IsoDateTimeFilter(
        field_name="publish_at", lookup_expr="lt", help_text="ISO 8601 date-time, exclusive."
    )
    updated_after = filters.IsoDateTimeFilter(
        field_name="changed_at",
        lookup_expr="gte",
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
        value = value.strip()
        return queryset.filter(pk__in=matching(value).values("pk")) if value else queryset

    def _mentioning(self, queryset, condition: Q):
        return queryset.filter(
            pk__in=Annotation.objects.public().filter(condition).values("article_id")
        )

    def by_company(self, queryset, name, value):
        return self._mentioning(queryset, Q(company__in=_company_ids(value)))

    def by_agreement(self, queryset, name, value):
        return self._mentioning(queryset, Q(agreement__slug=value))

    def by_agreement_kind(self, queryset, name, value):
        return self._mentioning(queryset, Q(agreement__kind=value))


class AgreementFilter(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(choices=AgreementKind.choices, help_text="Kind(s).")
    status = filters.MultipleChoiceFilter(choices=AgreementStatus.choices, help_text="Status(es).")
    party = filters.CharFilter(
        method="by_party",
        max_length=250,
        validators=[company_ref],
        help_text="A party: company slug, or lei:, ticker:EXCHANGE:SYMBOL, wikidata: reference.",
    )
    sector = SlugFilter(field_name="sectors__slug", help_text="Sector slug(s), comma-separated.")
    region = SlugFilter(field_name="regions__slug", help_text="Region slug(s), comma-separated.")
    announced_after = filters.DateFilter(
        field_name="announced_on", lookup_expr="gte", help_text="On or after, YYYY-MM-DD."
    )
    announced_before = filters.DateFilter(
        field_name="announced_on", lookup_expr="lt", help_text="Before, YYYY-MM-DD."
    )

    class Meta:
        model = Agreement
        fields = []

    def by_party(self, queryset, name, value):
        return queryset.filter(parties__company__in=_company_ids(value)).distinct()


class CompanyFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="by_name", max_length=200, help_text="Part of the name, legal name or an alias."
    )
    country = filters.CharFilter(
        method="by_country",
        max_length=2,
        validators=[country_code],
        help_text="ISO 3166-1 alpha-2 country code, e.g. CN.",
    )
    ticker = filters.CharFilter(
        method="by_ticker",
        max_length=41,
        validators=[ticker],
        help_text="A ticker symbol, alone (T) or with its exchange (NYSE:T).",
    )

    class Meta:
        model = Company
        fields = []

    def by_name(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
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

"""The company registry: companies, their other names and identifiers, and people."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .identifiers import country_validator, lei_validator, wikidata_validator


class Company(models.Model):
    name = models.CharField(max_length=200, help_text="The name readers know, e.g. AT&T.")
    slug = models.SlugField(max_length=200, unique=True)
    legal_name = models.CharField(max_length=300, blank=True, help_text="E.g. AT&T Inc.")
    country = models.CharField(
        max_length=2, blank=True, validators=[country_validator], help_text="ISO 3166 code."
    )
    lei = models.CharField(
        "LEI",
        max_length=20,
        blank=True,
        validators=[lei_validator],
        help_text="Legal Entity Identifier.",
    )
    wikidata_id = models.CharField(
        "Wikidata id", max_length=20, blank=True, validators=[wikidata_validator]
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="subsidiaries"
    )
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(table_name="deals_historicalcompany")

    class Meta:
        db_table = "deals_company"
        ordering = ["name"]
        verbose_name_plural = "companies"
        indexes = [models.Index(Lower("name"), name="company_name_ci_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["lei"],
                condition=~Q(lei=""),
                name="company_lei_unique",
                violation_error_message="Another company already has this LEI.",
            ),
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="company_wikidata_unique",
                violation_error_message="Another company already has this Wikidata id.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("deals:company", args=[self.slug])

    def clean(self) -> None:
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": "A company cannot be its own ancestor."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class CompanyAlias(models.Model):
    """Another name a story may use for a company ("AT&T Inc.", "AT&T")."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    case_sensitive = models.BooleanField(
        default=False,
        help_text="Match only with exactly this case; use for common words such as Orange.",
    )
    # The suggestion engine's cached registry is keyed by the newest change time, so that a
    # renamed alias is matched by its new name on the next run.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "deals_companyalias"
        ordering = ["name"]
        verbose_name_plural = "company aliases"
        indexes = [models.Index(Lower("name"), name="company_alias_name_ci_idx")]
        constraints = [
            models.UniqueConstraint(fields=["company", "name"], name="company_alias_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Ticker(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="tickers")
    exchange = models.CharField(max_length=20, help_text="Exchange code, e.g. NYSE, HKEX, EPA.")
    symbol = models.CharField(max_length=20)

    class Meta:
        db_table = "deals_ticker"
        ordering = ["exchange", "symbol"]
        constraints = [
            models.UniqueConstraint(fields=["exchange", "symbol"], name="ticker_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.exchange}:{self.symbol}"


class Person(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(
        max_length=300, blank=True, help_text="E.g. managing director of global business."
    )
    organisation = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(table_name="deals_historicalperson")

    class Meta:
        db_table = "deals_person"
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [models.Index(Lower("name"), name="person_name_ci_idx")]

    def __str__(self) -> str:
        return self.name

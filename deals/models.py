"""Deals: agreements between companies, their parties, their timeline and their vocabularies."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from articles.models import Article
from registry.identifiers import currency_validator
from registry.models import Company


class Sector(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgreementKind(models.TextChoices):
    JOINT_VENTURE = "joint_venture", "Joint venture"
    PARTNERSHIP = "partnership", "Partnership"
    ALLIANCE = "alliance", "Alliance"
    ACQUISITION = "acquisition", "Acquisition"
    MERGER = "merger", "Merger"
    INVESTMENT = "investment", "Investment"
    LICENSING = "licensing", "Licensing"
    SUPPLY = "supply", "Supply"
    OTHER = "other", "Other"


class AgreementStatus(models.TextChoices):
    RUMORED = "rumored", "Rumored"
    PLANNED = "planned", "Planned"
    ANNOUNCED = "announced", "Announced"
    SIGNED = "signed", "Signed"
    EXTENDED = "extended", "Extended"
    EXPANDED = "expanded", "Expanded"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"
    TERMINATED = "terminated", "Terminated"


class Agreement(models.Model):
    """A deal between companies, which lives across every story that reports on it."""

    Kind = AgreementKind

    Status = AgreementStatus

    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(max_length=300, help_text="E.g. China Telecom and AT&T joint venture.")
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.ANNOUNCED, db_index=True
    )
    sectors = models.ManyToManyField(Sector, blank=True, related_name="agreements")
    regions = models.ManyToManyField(Region, blank=True, related_name="agreements")
    announced_on = models.DateField(null=True, blank=True, db_index=True)
    announced_place = models.CharField(max_length=200, blank=True)
    value = models.DecimalField(
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Deal value, when reported.",
    )
    currency = models.CharField(
        max_length=3, blank=True, validators=[currency_validator], help_text="ISO 4217, e.g. USD."
    )
    resulting_company = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="formed_by",
        help_text="The company a joint venture created, e.g. Shanghai Symphony Telecommunications.",
    )
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-announced_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AgreementKind.values), name="agreement_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AgreementStatus.values), name="agreement_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | ~Q(currency=""),
                name="agreement_value_has_currency",
                violation_error_message="A deal value needs its currency.",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="agreement_value_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deals:agreement", args=[self.slug])


class Party(models.Model):
    class Role(models.TextChoices):
        PARTNER = "partner", "Partner"
        ACQUIRER = "acquirer", "Acquirer"
        TARGET = "target", "Target"
        INVESTOR = "investor", "Investor"
        INVESTEE = "investee", "Investee"
        LICENSOR = "licensor", "Licensor"
        LICENSEE = "licensee", "Licensee"
        SUPPLIER = "supplier", "Supplier"
        CUSTOMER = "customer", "Customer"
        SELLER = "seller", "Seller"
        OTHER = "other", "Other"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="parties")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PARTNER)

    class Meta:
        ordering = ["agreement", "id"]
        verbose_name_plural = "parties"
        constraints = [
            models.UniqueConstraint(fields=["agreement", "company"], name="party_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.company} ({self.get_role_display()})"


class AgreementEvent(models.Model):
    """A dated step in an agreement's life, backed by the story that reported it."""

    class Kind(models.TextChoices):
        RUMORED = "rumored", "Rumored"
        PLANNED = "planned", "Planned"
        ANNOUNCED = "announced", "Announced"
        FOUNDED = "founded", "Founded"
        SIGNED = "signed", "Signed"
        EXTENDED = "extended", "Extended"
        EXPANDED = "expanded", "Expanded"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"
        TERMINATED = "terminated", "Terminated"
        OTHER = "other", "Other"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    occurred_on = models.DateField()
    precision = models.CharField(
        max_length=8,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text="How exact the date is; '20 years ago' is known to the year.",
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.PROTECT,
        related_name="agreement_events",
        help_text="The story that reported this event.",
    )
    description = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["agreement", "occurred_on", "id"]
        indexes = [models.Index(fields=["article"], name="agreement_event_article_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"

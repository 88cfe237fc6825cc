"""Deals: agreements between companies, their parties, their timeline and their vocabularies."""

from django.conf import settings
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


class ClaimTerm(models.TextChoices):
    KIND = "kind", "Existence and kind"
    PARTY = "party", "Party"
    STATUS = "status", "Status"
    VALUE = "value", "Value"
    STAKE = "stake", "Stake"
    ADVISER = "adviser", "Adviser"
    APPROVAL = "approval", "Regulator or approval"
    ANNOUNCED = "announced", "Announced"
    EXPECTED_CLOSE = "expected_close", "Expected close"
    COMPLETED = "completed", "Completed"
    RESULTING_COMPANY = "resulting_company", "Joint-venture company"
    SECTOR = "sector", "Sector"
    REGION = "region", "Region"
    PLACE = "place", "Place"


class ApprovalState(models.TextChoices):
    REQUIRED = "required", "Required"
    FILED = "filed", "Filed"
    CLEARED = "cleared", "Cleared"
    BLOCKED = "blocked", "Blocked"


class EvidenceAnchor(models.TextChoices):
    # The same states as an annotation's anchor: evidence is re-anchored by the same algorithm.
    ANCHORED = "anchored", "Anchored"
    NEEDS_REVIEW = "needs_review", "Needs review"
    ORPHANED = "orphaned", "Orphaned"


class ClaimQuerySet(models.QuerySet):
    def current(self):
        """Claims as their stories state them now (earlier wordings are kept, retired)."""
        return self.filter(retired_at__isnull=True)

    def stated_at(self, moment):
        """Claims as their stories stated them at ``moment``."""
        return self.filter(created_at__lte=moment).filter(
            Q(retired_at__isnull=True) | Q(retired_at__gt=moment)
        )


class Claim(models.Model):
    """One fact about an agreement, as one story states it, with the words that support it.

    A claim is never edited in place: a change retires it and writes its successor, so that
    what the public read at any past moment can be replayed.
    """

    Term = ClaimTerm
    Approval = ApprovalState

    class Resolution(models.TextChoices):
        NONE = "", "Not needed"
        SUPERSEDES = "supersedes", "Supersedes earlier stories"
        CONFLICT = "conflict", "Known conflict"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="claims")
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="deal_claims",
        help_text="The story that makes this claim.",
    )
    term = models.CharField(max_length=20, choices=Term.choices)
    kind = models.CharField(max_length=20, choices=AgreementKind.choices, blank=True)
    status = models.CharField(max_length=20, choices=AgreementStatus.choices, blank=True)
    role = models.CharField(max_length=16, choices=Party.Role.choices, blank=True)
    company = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deal_claims",
        help_text="The party, adviser, regulator, stake holder's target or joint-venture company.",
    )
    counterpart = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For an adviser: the company it advises.",
    )
    approval = models.CharField(max_length=10, choices=Approval.choices, blank=True)
    amount = models.DecimalField(
        max_digits=20, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(
        max_length=3, blank=True, validators=[currency_validator], help_text="ISO 4217, e.g. USD."
    )
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    on = models.DateField(null=True, blank=True)
    precision = models.CharField(max_length=8, choices=AgreementEvent.Precision.choices, blank=True)
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.PROTECT)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    text = models.CharField(max_length=200, blank=True, help_text="A place, or a regulator's name.")
    asserted = models.BooleanField(
        default=False, help_text="Asserted by an editor without words in the story to point at."
    )
    resolution = models.CharField(
        max_length=12,
        choices=Resolution.choices,
        blank=True,
        help_text="How this claim stands to a contradicting live claim of another story.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement_id", "term", "created_at", "id"]
        indexes = [
            models.Index(fields=["agreement", "retired_at"], name="claim_agreement_idx"),
            models.Index(fields=["article", "retired_at"], name="claim_article_idx"),
            models.Index(fields=["company", "term"], name="claim_company_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(term__in=ClaimTerm.values), name="claim_term_valid"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""),
                name="claim_value_has_currency",
                violation_error_message="A deal value needs its currency.",
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="claim_stake_percent_range",
                violation_error_message="A stake is a percentage from 0 to 100.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_term_display()} of {self.agreement_id} by story {self.article_id}"


class Evidence(models.Model):
    """The words of a story that support a claim, anchored like an annotation."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    exact = models.TextField()
    prefix = models.CharField(max_length=32, blank=True)
    suffix = models.CharField(max_length=32, blank=True)
    anchor_state = models.CharField(
        max_length=16, choices=EvidenceAnchor.choices, default=EvidenceAnchor.ANCHORED
    )

    AnchorState = EvidenceAnchor

    class Meta:
        ordering = ["claim_id", "start"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="evidence_span_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.exact[:60]

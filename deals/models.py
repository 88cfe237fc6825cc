"""Companies, agreements between them, people, and the annotations that tie them to stories."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from articles.models import Article

from .quotes import quote_selector

lei_validator = RegexValidator(
    r"^[A-Z0-9]{18}[0-9]{2}$", "An LEI is 20 characters: 18 letters or digits, then 2 digits."
)
wikidata_validator = RegexValidator(r"^Q[1-9][0-9]*$", "A Wikidata id looks like Q12345.")
country_validator = RegexValidator(r"^[A-Z]{2}$", "Use the two-letter ISO 3166 code, e.g. CN.")
currency_validator = RegexValidator(r"^[A-Z]{3}$", "Use the three-letter ISO 4217 code, e.g. USD.")


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

    history = HistoricalRecords()

    class Meta:
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

    class Meta:
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
        ordering = ["exchange", "symbol"]
        constraints = [
            models.UniqueConstraint(fields=["exchange", "symbol"], name="ticker_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.exchange}:{self.symbol}"


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


class Person(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(
        max_length=300, blank=True, help_text="E.g. managing director of global business."
    )
    organisation = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [models.Index(Lower("name"), name="person_name_ci_idx")]

    def __str__(self) -> str:
        return self.name


class AnnotationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(review_state=Annotation.ReviewState.CONFIRMED)

    def public(self):
        """Annotations readers and partners may see: confirmed and anchored."""
        return self.filter(
            review_state=Annotation.ReviewState.CONFIRMED,
            anchor_state=Annotation.AnchorState.ANCHORED,
        )


class AnnotationKind(models.TextChoices):
    COMPANY = "company", "Company"
    AGREEMENT = "agreement", "Agreement"
    PERSON = "person", "Person"
    QUOTE = "quote", "Quote"


class ReviewState(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class AnchorState(models.TextChoices):
    ANCHORED = "anchored", "Anchored"
    NEEDS_REVIEW = "needs_review", "Needs review"
    ORPHANED = "orphaned", "Orphaned"


class AnnotationSource(models.TextChoices):
    EDITOR = "editor", "Editor"
    GAZETTEER = "gazetteer", "Gazetteer (registry match)"
    RULE = "rule", "Rule"
    IMPORT = "import", "Import"


class Annotation(models.Model):
    """Stand-off markup of a span of a story's body, pointing at what the words refer to."""

    Kind = AnnotationKind

    ReviewState = ReviewState

    AnchorState = AnchorState

    Source = AnnotationSource

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="annotations")
    start = models.PositiveIntegerField(help_text="Index of the first character (Python string).")
    end = models.PositiveIntegerField(help_text="Index just past the last character.")
    exact = models.TextField(help_text="The annotated words, exactly as in the body.")
    prefix = models.CharField(max_length=32, blank=True)
    suffix = models.CharField(max_length=32, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.PROTECT, related_name="annotations"
    )
    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.PROTECT, related_name="annotations"
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annotations",
        help_text="The person named, or the speaker of a quote.",
    )
    review_state = models.CharField(
        max_length=16, choices=ReviewState.choices, default=ReviewState.SUGGESTED
    )
    anchor_state = models.CharField(
        max_length=16, choices=AnchorState.choices, default=AnchorState.ANCHORED
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.EDITOR)
    confidence = models.FloatField(
        default=1.0, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    why = models.TextField(blank=True, help_text="Why the suggestion engine proposed this.")
    proposal = models.JSONField(
        default=dict, blank=True, help_text="What a suggestion proposes to create, if anything."
    )
    note = models.TextField(blank=True, help_text="Internal note for editors; never published.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnotationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "start", "end"]
        indexes = [
            models.Index(fields=["article", "review_state"], name="annotation_article_idx"),
            models.Index(fields=["company", "review_state"], name="annotation_company_idx"),
            models.Index(fields=["agreement", "review_state"], name="annotation_agreement_idx"),
            models.Index(fields=["person", "review_state"], name="annotation_person_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="annotation_span_not_empty",
                violation_error_message="An annotation must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(kind="company", agreement__isnull=True, person__isnull=True)
                | Q(kind="agreement", company__isnull=True, person__isnull=True)
                | Q(kind__in=["person", "quote"], company__isnull=True, agreement__isnull=True),
                name="annotation_target_matches_kind",
                violation_error_message="The target must match the kind of annotation.",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="annotation_confidence_range",
            ),
            models.CheckConstraint(
                condition=Q(review_state__in=ReviewState.values),
                name="annotation_review_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(anchor_state__in=AnchorState.values),
                name="annotation_anchor_state_valid",
            ),
            models.CheckConstraint(
                condition=~Q(review_state="confirmed")
                | Q(company__isnull=False)
                | Q(agreement__isnull=False)
                | Q(person__isnull=False)
                | Q(kind="quote"),
                name="annotation_confirmed_has_target",
                violation_error_message="A confirmed annotation must point at what it names.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.exact[:60]}"

    @property
    def target(self):
        return self.company or self.agreement or self.person

    def text_errors(self, body: str) -> dict[str, str]:
        """The ways this anchored annotation disagrees with ``body``; empty when it fits.

        Annotations that need review or are orphaned keep their last known offsets, which an
        edit may have left pointing at other words; they are checked again when re-anchored.
        """
        if self.anchor_state != self.AnchorState.ANCHORED:
            return {}
        if self.end > len(body):
            return {"end": f"The span ends at {self.end}, past the body's {len(body)} characters."}
        if body[self.start : self.end] != self.exact:
            return {"exact": "An anchored annotation's words must equal the body at its span."}
        return {}

    def fill_quote(self) -> None:
        """Take ``exact``, ``prefix`` and ``suffix`` from the article body at the span."""
        self.exact, self.prefix, self.suffix = quote_selector(
            self.article.body, self.start, self.end
        )

    def clean(self) -> None:
        if self.article_id is not None and self.end is not None and self.start is not None:
            if not self.exact and self.end <= len(self.article.body) and self.start < self.end:
                self.fill_quote()
            errors = self.text_errors(self.article.body)
            if errors:
                raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        errors = self.text_errors(self.article.body)
        if errors:
            raise ValidationError(errors)
        super().save(*args, **kwargs)

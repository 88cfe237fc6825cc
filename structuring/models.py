"""Annotations: stand-off markup tying a span of a story's body to what its words name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from articles.models import Article
from deals.models import Agreement
from registry.models import Company, Person

from .quotes import quote_selector


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

    @classmethod
    def machine(cls) -> frozenset[str]:
        """The sources that mean the suggestion engine, not a person, proposed the words."""
        return frozenset({cls.GAZETTEER, cls.RULE})


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
    history = HistoricalRecords(table_name="deals_historicalannotation")

    class Meta:
        db_table = "deals_annotation"
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

    @classmethod
    def spanning(cls, article, start: int, end: int, **fields) -> "Annotation":
        """An annotation of ``article``'s words from ``start`` to ``end``, quote selector filled."""
        annotation = cls(article=article, start=start, end=end, **fields)
        annotation.fill_quote()
        return annotation

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

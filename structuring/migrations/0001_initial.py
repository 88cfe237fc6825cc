"""Annotations move here from deals, keeping their tables (state only)."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0005_change_feed"),
        ("deals", "0003_move_to_registry_and_structuring"),
        ("registry", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalAnnotation",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        (
                            "start",
                            models.PositiveIntegerField(
                                help_text="Index of the first character (Python string)."
                            ),
                        ),
                        (
                            "end",
                            models.PositiveIntegerField(
                                help_text="Index just past the last character."
                            ),
                        ),
                        (
                            "exact",
                            models.TextField(
                                help_text="The annotated words, exactly as in the body."
                            ),
                        ),
                        ("prefix", models.CharField(blank=True, max_length=32)),
                        ("suffix", models.CharField(blank=True, max_length=32)),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("company", "Company"),
                                    ("agreement", "Agreement"),
                                    ("person", "Person"),
                                    ("quote", "Quote"),
                                ],
                                max_length=16,
                            ),
                        ),
                        (
                            "review_state",
                            models.CharField(
                                choices=[
                                    ("suggested", "Suggested"),
                                    ("confirmed", "Confirmed"),
                                    ("rejected", "Rejected"),
                                ],
                                default="suggested",
                                max_length=16,
                            ),
                        ),
                        (
                            "anchor_state",
                            models.CharField(
                                choices=[
                                    ("anchored", "Anchored"),
                                    ("needs_review", "Needs review"),
                                    ("orphaned", "Orphaned"),
                                ],
                                default="anchored",
                                max_length=16,
                            ),
                        ),
                        (
                            "source",
                            models.CharField(
                                choices=[
                                    ("editor", "Editor"),
                                    ("gazetteer", "Gazetteer (registry match)"),
                                    ("rule", "Rule"),
                                    ("import", "Import"),
                                ],
                                default="editor",
                                max_length=16,
                            ),
                        ),
                        (
                            "confidence",
                            models.FloatField(
                                default=1.0,
                                validators=[
                                    django.core.validators.MinValueValidator(0.0),
                                    django.core.validators.MaxValueValidator(1.0),
                                ],
                            ),
                        ),
                        (
                            "why",
                            models.TextField(
                                blank=True, help_text="Why the suggestion engine proposed this."
                            ),
                        ),
                        (
                            "proposal",
                            models.JSONField(
                                blank=True,
                                default=dict,
                                help_text="What a suggestion proposes to create, if anything.",
                            ),
                        ),
                        (
                            "note",
                            models.TextField(
                                blank=True, help_text="Internal note for editors; never published."
                            ),
                        ),
                        ("reviewed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "created_at",
                            models.DateTimeField(default=django.utils.timezone.now, editable=False),
                        ),
                        ("updated_at", models.DateTimeField(blank=True, editable=False)),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                                max_length=1,
                            ),
                        ),
                        (
                            "agreement",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="deals.agreement",
                            ),
                        ),
                        (
                            "article",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="articles.article",
                            ),
                        ),
                        (
                            "company",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="registry.company",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                help_text="The person named, or the speaker of a quote.",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="registry.person",
                            ),
                        ),
                        (
                            "reviewed_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical annotation",
                        "verbose_name_plural": "historical annotations",
                        "db_table": "deals_historicalannotation",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Annotation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "start",
                            models.PositiveIntegerField(
                                help_text="Index of the first character (Python string)."
                            ),
                        ),
                        (
                            "end",
                            models.PositiveIntegerField(
                                help_text="Index just past the last character."
                            ),
                        ),
                        (
                            "exact",
                            models.TextField(
                                help_text="The annotated words, exactly as in the body."
                            ),
                        ),
                        ("prefix", models.CharField(blank=True, max_length=32)),
                        ("suffix", models.CharField(blank=True, max_length=32)),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("company", "Company"),
                                    ("agreement", "Agreement"),
                                    ("person", "Person"),
                                    ("quote", "Quote"),
                                ],
                                max_length=16,
                            ),
                        ),
                        (
                            "review_state",
                            models.CharField(
                                choices=[
                                    ("suggested", "Suggested"),
                                    ("confirmed", "Confirmed"),
                                    ("rejected", "Rejected"),
                                ],
                                default="suggested",
                                max_length=16,
                            ),
                        ),
                        (
                            "anchor_state",
                            models.CharField(
                                choices=[
                                    ("anchored", "Anchored"),
                                    ("needs_review", "Needs review"),
                                    ("orphaned", "Orphaned"),
                                ],
                                default="anchored",
                                max_length=16,
                            ),
                        ),
                        (
                            "source",
                            models.CharField(
                                choices=[
                                    ("editor", "Editor"),
                                    ("gazetteer", "Gazetteer (registry match)"),
                                    ("rule", "Rule"),
                                    ("import", "Import"),
                                ],
                                default="editor",
                                max_length=16,
                            ),
                        ),
                        (
                            "confidence",
                            models.FloatField(
                                default=1.0,
                                validators=[
                                    django.core.validators.MinValueValidator(0.0),
                                    django.core.validators.MaxValueValidator(1.0),
                                ],
                            ),
                        ),
                        (
                            "why",
                            models.TextField(
                                blank=True, help_text="Why the suggestion engine proposed this."
                            ),
                        ),
                        (
                            "proposal",
                            models.JSONField(
                                blank=True,
                                default=dict,
                                help_text="What a suggestion proposes to create, if anything.",
                            ),
                        ),
                        (
                            "note",
                            models.TextField(
                                blank=True, help_text="Internal note for editors; never published."
                            ),
                        ),
                        ("reviewed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "created_at",
                            models.DateTimeField(default=django.utils.timezone.now, editable=False),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "agreement",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="annotations",
                                to="deals.agreement",
                            ),
                        ),
                        (
                            "article",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="annotations",
                                to="articles.article",
                            ),
                        ),
                        (
                            "company",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="annotations",
                                to="registry.company",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                blank=True,
                                help_text="The person named, or the speaker of a quote.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="annotations",
                                to="registry.person",
                            ),
                        ),
                        (
                            "reviewed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "deals_annotation",
                        "ordering": ["article", "start", "end"],
                        "indexes": [
                            models.Index(
                                fields=["article", "review_state"], name="annotation_article_idx"
                            ),
                            models.Index(
                                fields=["company", "review_state"], name="annotation_company_idx"
                            ),
                            models.Index(
                                fields=["agreement", "review_state"],
                                name="annotation_agreement_idx",
                            ),
                            models.Index(
                                fields=["person", "review_state"], name="annotation_person_idx"
                            ),
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("end__gt", models.F("start"))),
                                name="annotation_span_not_empty",
                                violation_error_message="An annotation must end after it starts.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(
                                        ("agreement__isnull", True),
                                        ("kind", "company"),
                                        ("person__isnull", True),
                                    ),
                                    models.Q(
                                        ("company__isnull", True),
                                        ("kind", "agreement"),
                                        ("person__isnull", True),
                                    ),
                                    models.Q(
                                        ("agreement__isnull", True),
                                        ("company__isnull", True),
                                        ("kind__in", ["person", "quote"]),
                                    ),
                                    _connector="OR",
                                ),
                                name="annotation_target_matches_kind",
                                violation_error_message="The target must match the kind of annotation.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("confidence__gte", 0), ("confidence__lte", 1)),
                                name="annotation_confidence_range",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("review_state__in", ["suggested", "confirmed", "rejected"])
                                ),
                                name="annotation_review_state_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("anchor_state__in", ["anchored", "needs_review", "orphaned"])
                                ),
                                name="annotation_anchor_state_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("review_state", "confirmed"), _negated=True),
                                    ("company__isnull", False),
                                    ("agreement__isnull", False),
                                    ("person__isnull", False),
                                    ("kind", "quote"),
                                    _connector="OR",
                                ),
                                name="annotation_confirmed_has_target",
                                violation_error_message="A confirmed annotation must point at what it names.",
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]

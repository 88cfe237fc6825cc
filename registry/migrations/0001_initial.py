"""Companies, aliases, tickers and people move here from deals, keeping their tables (state only)."""

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("deals", "0002_groups"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Company",
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
                            "name",
                            models.CharField(
                                help_text="The name readers know, e.g. AT&T.", max_length=200
                            ),
                        ),
                        ("slug", models.SlugField(max_length=200, unique=True)),
                        (
                            "legal_name",
                            models.CharField(
                                blank=True, help_text="E.g. AT&T Inc.", max_length=300
                            ),
                        ),
                        (
                            "country",
                            models.CharField(
                                blank=True,
                                help_text="ISO 3166 code.",
                                max_length=2,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^[A-Z]{2}$", "Use the two-letter ISO 3166 code, e.g. CN."
                                    )
                                ],
                            ),
                        ),
                        (
                            "lei",
                            models.CharField(
                                blank=True,
                                help_text="Legal Entity Identifier.",
                                max_length=20,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^[A-Z0-9]{18}[0-9]{2}$",
                                        "An LEI is 20 characters: 18 letters or digits, then 2 digits.",
                                    )
                                ],
                                verbose_name="LEI",
                            ),
                        ),
                        (
                            "wikidata_id",
                            models.CharField(
                                blank=True,
                                max_length=20,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^Q[1-9][0-9]{0,11}$", "A Wikidata id looks like Q12345."
                                    )
                                ],
                                verbose_name="Wikidata id",
                            ),
                        ),
                        ("description", models.TextField(blank=True)),
                        ("website", models.URLField(blank=True)),
                        (
                            "created_at",
                            models.DateTimeField(default=django.utils.timezone.now, editable=False),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="subsidiaries",
                                to="registry.company",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "companies",
                        "db_table": "deals_company",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="CompanyAlias",
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
                        ("name", models.CharField(max_length=200)),
                        (
                            "case_sensitive",
                            models.BooleanField(
                                default=False,
                                help_text="Match only with exactly this case; use for common words such as Orange.",
                            ),
                        ),
                        (
                            "company",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="aliases",
                                to="registry.company",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "company aliases",
                        "db_table": "deals_companyalias",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalCompany",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        (
                            "name",
                            models.CharField(
                                help_text="The name readers know, e.g. AT&T.", max_length=200
                            ),
                        ),
                        ("slug", models.SlugField(max_length=200)),
                        (
                            "legal_name",
                            models.CharField(
                                blank=True, help_text="E.g. AT&T Inc.", max_length=300
                            ),
                        ),
                        (
                            "country",
                            models.CharField(
                                blank=True,
                                help_text="ISO 3166 code.",
                                max_length=2,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^[A-Z]{2}$", "Use the two-letter ISO 3166 code, e.g. CN."
                                    )
                                ],
                            ),
                        ),
                        (
                            "lei",
                            models.CharField(
                                blank=True,
                                help_text="Legal Entity Identifier.",
                                max_length=20,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^[A-Z0-9]{18}[0-9]{2}$",
                                        "An LEI is 20 characters: 18 letters or digits, then 2 digits.",
                                    )
                                ],
                                verbose_name="LEI",
                            ),
                        ),
                        (
                            "wikidata_id",
                            models.CharField(
                                blank=True,
                                max_length=20,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^Q[1-9][0-9]{0,11}$", "A Wikidata id looks like Q12345."
                                    )
                                ],
                                verbose_name="Wikidata id",
                            ),
                        ),
                        ("description", models.TextField(blank=True)),
                        ("website", models.URLField(blank=True)),
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
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="registry.company",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical company",
                        "verbose_name_plural": "historical companies",
                        "db_table": "deals_historicalcompany",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalPerson",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=200)),
                        ("slug", models.SlugField(max_length=200)),
                        (
                            "title",
                            models.CharField(
                                blank=True,
                                help_text="E.g. managing director of global business.",
                                max_length=300,
                            ),
                        ),
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
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="registry.company",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical person",
                        "verbose_name_plural": "historical people",
                        "db_table": "deals_historicalperson",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Person",
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
                        ("name", models.CharField(max_length=200)),
                        ("slug", models.SlugField(max_length=200, unique=True)),
                        (
                            "title",
                            models.CharField(
                                blank=True,
                                help_text="E.g. managing director of global business.",
                                max_length=300,
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="people",
                                to="registry.company",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "people",
                        "db_table": "deals_person",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="Ticker",
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
                            "exchange",
                            models.CharField(
                                help_text="Exchange code, e.g. NYSE, HKEX, EPA.", max_length=20
                            ),
                        ),
                        ("symbol", models.CharField(max_length=20)),
                        (
                            "company",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="tickers",
                                to="registry.company",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "deals_ticker",
                        "ordering": ["exchange", "symbol"],
                    },
                ),
                migrations.AddIndex(
                    model_name="company",
                    index=models.Index(
                        django.db.models.functions.text.Lower("name"), name="company_name_ci_idx"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="company",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("lei", ""), _negated=True),
                        fields=("lei",),
                        name="company_lei_unique",
                        violation_error_message="Another company already has this LEI.",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="company",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("wikidata_id", ""), _negated=True),
                        fields=("wikidata_id",),
                        name="company_wikidata_unique",
                        violation_error_message="Another company already has this Wikidata id.",
                    ),
                ),
                migrations.AddIndex(
                    model_name="companyalias",
                    index=models.Index(
                        django.db.models.functions.text.Lower("name"),
                        name="company_alias_name_ci_idx",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="companyalias",
                    constraint=models.UniqueConstraint(
                        fields=("company", "name"), name="company_alias_unique"
                    ),
                ),
                migrations.AddIndex(
                    model_name="person",
                    index=models.Index(
                        django.db.models.functions.text.Lower("name"), name="person_name_ci_idx"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="ticker",
                    constraint=models.UniqueConstraint(
                        fields=("exchange", "symbol"), name="ticker_unique"
                    ),
                ),
            ],
        ),
    ]

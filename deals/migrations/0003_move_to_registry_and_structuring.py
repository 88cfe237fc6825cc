"""The registry's and the annotations' models leave deals; their tables stay (state only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0002_groups"),
        ("registry", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="company",
                    name="parent",
                ),
                migrations.AlterField(
                    model_name="historicalagreement",
                    name="resulting_company",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The company a joint venture created, e.g. Shanghai Symphony Telecommunications.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registry.company",
                    ),
                ),
                migrations.RemoveField(
                    model_name="companyalias",
                    name="company",
                ),
                migrations.RemoveField(
                    model_name="person",
                    name="organisation",
                ),
                migrations.RemoveField(
                    model_name="historicalannotation",
                    name="company",
                ),
                migrations.AlterField(
                    model_name="party",
                    name="company",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="parties",
                        to="registry.company",
                    ),
                ),
                migrations.AlterField(
                    model_name="agreement",
                    name="resulting_company",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="The company a joint venture created, e.g. Shanghai Symphony Telecommunications.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="formed_by",
                        to="registry.company",
                    ),
                ),
                migrations.RemoveField(
                    model_name="ticker",
                    name="company",
                ),
                migrations.RemoveField(
                    model_name="historicalcompany",
                    name="parent",
                ),
                migrations.RemoveField(
                    model_name="historicalperson",
                    name="organisation",
                ),
                migrations.RemoveField(
                    model_name="historicalannotation",
                    name="agreement",
                ),
                migrations.RemoveField(
                    model_name="historicalannotation",
                    name="article",
                ),
                migrations.RemoveField(
                    model_name="historicalannotation",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="historicalannotation",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalannotation",
                    name="person",
                ),
                migrations.RemoveField(
                    model_name="historicalannotation",
                    name="reviewed_by",
                ),
                migrations.RemoveField(
                    model_name="historicalcompany",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalperson",
                    name="history_user",
                ),
                migrations.DeleteModel(
                    name="Annotation",
                ),
                migrations.DeleteModel(
                    name="CompanyAlias",
                ),
                migrations.DeleteModel(
                    name="Ticker",
                ),
                migrations.DeleteModel(
                    name="Company",
                ),
                migrations.DeleteModel(
                    name="Person",
                ),
                migrations.DeleteModel(
                    name="HistoricalAnnotation",
                ),
                migrations.DeleteModel(
                    name="HistoricalCompany",
                ),
                migrations.DeleteModel(
                    name="HistoricalPerson",
                ),
            ],
        ),
    ]

"""Content types (and with them permissions, group grants and admin log entries) follow the
models that moved out of deals, so no editor loses a permission in the renovation."""

from django.db import migrations

MOVED = {
    "registry": [
        "company",
        "companyalias",
        "ticker",
        "person",
        "historicalcompany",
        "historicalperson",
    ],
    "structuring": ["annotation", "historicalannotation"],
}


def move(apps, from_label, to_label, models):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    LogEntry = apps.get_model("admin", "LogEntry")
    for model in models:
        old = ContentType.objects.filter(app_label=from_label, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=to_label, model=model).first()
        if new is None:
            old.app_label = to_label
            old.save(update_fields=["app_label"])
            continue
        # Both exist (permissions were created for the new label first): keep the new one and
        # carry every grant and log entry over before the old one goes.
        for permission in Permission.objects.filter(content_type=old):
            twin, _ = Permission.objects.get_or_create(
                content_type=new, codename=permission.codename, defaults={"name": permission.name}
            )
            for group in permission.group_set.all():
                group.permissions.add(twin)
            for user in permission.user_set.all():
                user.user_permissions.add(twin)
        LogEntry.objects.filter(content_type=old).update(content_type=new)
        old.delete()


def forwards(apps, schema_editor):
    for label, models in MOVED.items():
        move(apps, "deals", label, models)


def backwards(apps, schema_editor):
    for label, models in MOVED.items():
        move(apps, label, "deals", models)


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("deals", "0003_move_to_registry_and_structuring"),
        ("registry", "0001_initial"),
        ("structuring", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

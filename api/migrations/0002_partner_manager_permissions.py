"""Partner managers issue, revoke and watch partner keys."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "add_partner",
    "change_partner",
    "view_partner",
    "add_partnerkey",
    "change_partnerkey",
    "view_partnerkey",
    "view_keyusage",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("api")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Partner manager")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="api", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Partner manager").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="api", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("articles", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

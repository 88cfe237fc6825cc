"""Partner managers subscribe partners' endpoints, read the delivery log and redeliver."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "add_subscription",
    "change_subscription",
    "view_subscription",
    "change_delivery",
    "view_delivery",
    "view_attempt",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("delivery")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Partner manager")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="delivery", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Partner manager").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="delivery", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0001_webhooks"),
        ("api", "0002_partner_manager_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

"""Give the newsroom's groups their permissions on companies, deals and annotations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")
REGISTRY = (
    "company",
    "companyalias",
    "ticker",
    "sector",
    "region",
    "agreement",
    "party",
    "agreementevent",
    "person",
)

GROUP_PERMISSIONS = {
    "Reporter": [*(f"view_{model}" for model in REGISTRY), "view_annotation"],
    "Editor": [f"{action}_{model}" for model in (*REGISTRY, "annotation") for action in ALL],
    "Partner manager": ["view_company", "view_agreement"],
}


# The models were all in deals when this ran first; tests call it again after a flush, when the
# registry's and the annotations' models have moved to their own apps.
APPS = ("deals", "registry", "structuring")


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label__in=APPS, codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(*group.permissions.filter(content_type__app_label__in=APPS))


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0001_initial"),
        ("articles", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

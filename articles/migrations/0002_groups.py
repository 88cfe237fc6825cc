"""Create the newsroom's groups with their permissions on stories."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")

GROUP_PERMISSIONS = {
    "Reporter": [
        "add_article",
        "change_article",
        "view_article",
        "add_byline",
        "change_byline",
        "delete_byline",
        "view_byline",
        "view_section",
        "view_reporter",
        "view_ranking",
        "view_rankingentry",
    ],
    "Editor": [
        *(
            f"{action}_{model}"
            for model in ("article", "byline", "section", "reporter", "ranking", "rankingentry")
            for action in ALL
        ),
        "view_pageview",
        "publish_article",
        "withdraw_article",
    ],
    "Partner manager": ["view_article", "view_section", "view_reporter"],
}


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]

"""Group permissions granted by data migrations: one place for the dance every app repeats.

A migration runs before Django has made its app's permissions, so they are made first.
Use with ``functools.partial`` in ``RunPython``::

    migrations.RunPython(
        partial(grant, "delivery", "Partner manager", CODENAMES),
        partial(revoke, "delivery", "Partner manager", CODENAMES),
    )
"""

from django.contrib.auth.management import create_permissions


def _permissions(apps, app_label: str, codenames: list[str]):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def grant(app_label: str, group_name: str, codenames: list[str], apps, schema_editor) -> None:
    """Give ``group_name`` (made when missing) these permissions of ``app_label``."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=group_name)
    group.permissions.add(*_permissions(apps, app_label, codenames))


def revoke(app_label: str, group_name: str, codenames: list[str], apps, schema_editor) -> None:
    """Take them back, if the group is still there."""
    group = apps.get_model("auth", "Group").objects.filter(name=group_name).first()
    if group:
        group.permissions.remove(*_permissions(apps, app_label, codenames))

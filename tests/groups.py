"""The newsroom's groups for tests that run after a transactional test flushed the database.

A flush removes what data migrations made; the migrations' own functions put it back.
"""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group


def ensure_groups() -> None:
    if Group.objects.filter(name="Editor").exists():
        return
    import_module("articles.migrations.0002_groups").create_groups(apps, None)
    import_module("deals.migrations.0002_groups").grant(apps, None)
    import_module("api.migrations.0002_partner_manager_permissions").grant(apps, None)
    import_module("articles.migrations.0009_picture_permissions").grant(apps, None)
    import_module("delivery.migrations.0002_partner_manager_permissions").grant(apps, None)


def user_in(group: str, **fields):
    from tests.factories import UserFactory

    ensure_groups()
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=group))
    return user

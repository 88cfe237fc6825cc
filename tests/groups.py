"""The newsroom's groups for tests that run after a transactional test flushed the database.

A flush removes what data migrations made; the migrations' own functions put it back.
"""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group
from django.db.migrations import RunPython

MIGRATIONS = (
    "articles.migrations.0002_groups",
    "deals.migrations.0002_groups",
    "api.migrations.0002_partner_manager_permissions",
    "articles.migrations.0009_picture_permissions",
    "delivery.migrations.0002_partner_manager_permissions",
)


def ensure_groups() -> None:
    if Group.objects.filter(name="Editor").exists():
        return
    for name in MIGRATIONS:
        for operation in import_module(name).Migration.operations:
            if isinstance(operation, RunPython):
                operation.code(apps, None)


def user_in(group: str, **fields):
    from tests.factories import UserFactory

    ensure_groups()
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=group))
    return user

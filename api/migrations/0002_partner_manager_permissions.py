"""Partner managers issue, revoke and watch partner keys."""

from functools import partial

from django.db import migrations

from newsroom.grants import grant, revoke

CODENAMES = [
    "add_partner",
    "change_partner",
    "view_partner",
    "add_partnerkey",
    "change_partnerkey",
    "view_partnerkey",
    "view_keyusage",
]


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("articles", "0002_groups"),
    ]

    operations = [
        migrations.RunPython(
            partial(grant, "api", "Partner manager", CODENAMES),
            partial(revoke, "api", "Partner manager", CODENAMES),
        )
    ]

"""Partner managers subscribe partners' endpoints, read the delivery log and redeliver."""

from functools import partial

from django.db import migrations

from newsroom.grants import grant, revoke

CODENAMES = [
    "add_subscription",
    "change_subscription",
    "view_subscription",
    "change_delivery",
    "view_delivery",
    "view_attempt",
]


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0001_webhooks"),
        ("api", "0002_partner_manager_permissions"),
    ]

    operations = [
        migrations.RunPython(
            partial(grant, "delivery", "Partner manager", CODENAMES),
            partial(revoke, "delivery", "Partner manager", CODENAMES),
        )
    ]

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.dateparse import parse_datetime

from api.models import Partner, PartnerKey, Tier


class Command(BaseCommand):
    help = (
        "Issue an API key to the partner NAME (created if new) and print it once: only its hash "
        "is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The partner's name, e.g. 'Acme Data'.")
        parser.add_argument(
            "--tier",
            required=True,
            choices=Tier.values,
            help="The partner's tier, which sets each key's requests a minute.",
        )
        parser.add_argument("--key-name", default="", help="What the key is for (default: NAME).")
        parser.add_argument("--expires", default="", help="Expiry as an ISO 8601 date-time.")

    @transaction.atomic
    def handle(self, *args, name, tier, key_name, expires, **options):
        name = name.strip()
        if not name:
            raise CommandError("Give the partner a name.")
        expiry = None
        if expires:
            expiry = parse_datetime(expires)
            if expiry is None:
                raise CommandError(f"--expires '{expires}' is not an ISO 8601 date-time.")
        partner, created = Partner.objects.get_or_create(name=name, defaults={"tier": tier})
        if not created and partner.tier != tier:
            partner.tier = tier
            partner.save(update_fields=["tier"])
        _, key = PartnerKey.objects.create_key(
            partner=partner, name=(key_name or name)[:50], expiry_date=expiry
        )
        self.stderr.write(
            f"{'Created' if created else 'Updated'} partner '{partner.name}' ({tier} tier). "
            "The key follows; it is shown only this once."
        )
        self.stdout.write(key)

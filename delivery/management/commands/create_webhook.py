from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from api.models import Partner
from articles.models import Section
from deals.models import AgreementKind
from delivery.models import EVENTS, Subscription


class Command(BaseCommand):
    help = (
        "Subscribe the partner NAME's endpoint URL to story changes (published, updated, "
        "withdrawn) and print the signing secret once."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The partner's name, e.g. 'Acme Data' (created if new).")
        parser.add_argument("url", help="The endpoint: https://…, or http://127.0.0.1… to test.")
        parser.add_argument(
            "--company",
            action="append",
            default=[],
            help="Only stories about this company: a slug, lei:…, ticker:EX:SYM or wikidata:Q…",
        )
        parser.add_argument(
            "--kind",
            action="append",
            default=[],
            choices=AgreementKind.values,
            help="Only stories reporting a deal of this kind (repeatable).",
        )
        parser.add_argument(
            "--section", action="append", default=[], help="Only stories in this section (slug)."
        )
        parser.add_argument(
            "--event",
            action="append",
            default=[],
            choices=list(EVENTS),
            help="Only these changes (default: all); withdrawals always go to those told.",
        )

    @transaction.atomic
    def handle(self, *args, name, url, company, kind, section, event, **options):
        name = name.strip()
        if not name:
            raise CommandError("Give the partner a name.")
        unknown = sorted(set(section) - set(Section.objects.values_list("slug", flat=True)))
        if unknown:
            raise CommandError(f"No section has the slug {', '.join(unknown)}.")
        partner, created = Partner.objects.get_or_create(name=name)
        subscription = Subscription(
            partner=partner,
            url=url,
            companies=company,
            kinds=kind,
            sections=section,
            events=event or list(EVENTS),
        )
        try:
            subscription.full_clean()
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            raise CommandError(problems) from None
        subscription.save()
        self.stderr.write(
            f"{'Created partner' if created else 'Partner'} '{partner.name}': webhook "
            f"{subscription.pk} to {url}. The signing secret follows; it is shown only this once."
        )
        self.stdout.write(subscription.secret)

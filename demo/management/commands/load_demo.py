from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo newsroom (stories, companies, deals, rankings, logins). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default="",
            help="Password of the demo logins (default: NEWSROOM_DEMO_PASSWORD, or the known "
            "demo password in local DEBUG mode only).",
        )

    def handle(self, *args, **options):
        password = options["password"] or settings.NEWSROOM_DEMO_PASSWORD
        if not password:
            raise CommandError(
                "load_demo creates admin logins, one a superuser: with DEBUG off it needs a "
                "password of your choosing (--password or NEWSROOM_DEMO_PASSWORD)."
            )
        logins = load_demo(password)
        self.stdout.write(self.style.SUCCESS("Demo newsroom ready."))
        for username, shown in logins:
            self.stdout.write(f"  admin login: {username} / {shown}")

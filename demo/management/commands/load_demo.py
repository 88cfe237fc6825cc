from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo newsroom (stories, companies, deals, rankings, logins). Idempotent."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo newsroom ready."))
        for username, password in logins:
            self.stdout.write(f"  admin login: {username} / {password}")

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from registry.importing import RegistryFileError, read_rows, write_rows


class Command(BaseCommand):
    help = (
        "Import companies from CSV (columns name,aliases,country,tickers,lei,wikidata; aliases "
        "and tickers separated by |, tickers as EXCHANGE:SYMBOL) or JSON lines with the same "
        "keys. A company is updated when found by LEI or name. Any bad row: nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")

    def handle(self, *args, **options):
        path = Path(options["path"])
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        try:
            rows = read_rows(path.name, raw)
            summary = write_rows(
                rows,
                progress=lambda items: tqdm(
                    items, desc="Companies", unit="row", disable=len(rows) < 50
                ),
            )
        except RegistryFileError as error:
            for line, message in error.problems:
                self.stderr.write(
                    self.style.ERROR(f"{path}:{line}: {message}" if line else f"{path}: {message}")
                )
            raise CommandError(
                f"{len(error.problems)} bad row(s) in {path}; nothing was imported."
            ) from None
        self.stdout.write(
            f"{len(rows)} row(s): {summary.created} created, {summary.updated} updated, "
            f"{summary.unchanged} unchanged."
        )

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.caching import bump_generation
from benchmarks.seeding import seed_newsroom


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise ValueError(value)
    return int(value)


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic newsroom for benchmarks: live stories of 600-1,200 "
        "words with about 30 confirmed annotations each, companies with aliases and tickers, "
        "agreements with 2-4 parties, rankings and page views. A second run adds to the first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=_count, default=1000, help="How many stories.")
        parser.add_argument("--companies", type=_count, default=1000, help="How many companies.")
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed (same seed, same newsroom)."
        )

    def handle(self, *args, stories, companies, seed, **options):
        if companies < 4:
            raise CommandError("--companies must be at least 4: agreements need parties.")
        quiet = options["verbosity"] == 0

        def progress(label, total):
            return tqdm(total=total, desc=label, unit="", file=sys.stderr, disable=quiet)

        began = time.monotonic()
        made = seed_newsroom(stories=stories, companies=companies, seed=seed, progress=progress)
        bump_generation()
        self.stdout.write(
            f"Seeded {made['stories']:,} stories, {made['companies']:,} companies, "
            f"{made['agreements']:,} agreements and {made['annotations']:,} annotations "
            f"in {time.monotonic() - began:.0f} s."
        )

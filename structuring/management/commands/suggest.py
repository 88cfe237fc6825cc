import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.models import Article
from articles.story_format import StoryFormatError, decode
from articles.text import normalise_body
from structuring.suggesting import refresh_suggestions, suggestions_for_text


class Command(BaseCommand):
    help = (
        "Run the suggestion engine on stories and store its suggestions for editors to review, "
        "or print the suggestions for a plain-text file with --text FILE --json."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG", help="Stories to run on.")
        parser.add_argument("--all", action="store_true", help="Run on every story.")
        parser.add_argument("--dry-run", action="store_true", help="Show, but store nothing.")
        parser.add_argument("--json", action="store_true", help="Print suggestions as JSON.")
        parser.add_argument("--text", metavar="FILE", help="Suggest for a plain-text file.")

    def handle(self, *args, **options):
        if options["text"]:
            if options["slugs"] or options["all"]:
                raise CommandError("--text works on a file, not with stories or --all.")
            path = Path(options["text"])
            try:
                body = normalise_body(decode(path.read_bytes()))
            except OSError as error:
                raise CommandError(f"{path}: {error.strerror}") from None
            except StoryFormatError as error:
                raise CommandError(f"{path}: {error}") from None
            items = [s.as_dict() for s in suggestions_for_text(body)]
            self._print(items, options["json"])
            return

        if options["all"] == bool(options["slugs"]):
            raise CommandError("Name stories by slug, or pass --all (not both).")
        articles = Article.objects.order_by("pk")
        if not options["all"]:
            articles = articles.filter(slug__in=options["slugs"])
            missing = set(options["slugs"]) - set(articles.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No story with slug: {', '.join(sorted(missing))}.")
        report = {}
        for article in tqdm(
            articles,
            total=articles.count(),
            desc="Suggesting",
            unit="story",
            disable=articles.count() < 2,
        ):
            if options["dry_run"]:
                report[article.slug] = [s.as_dict() for s in suggestions_for_text(article.body)]
            else:
                report[article.slug] = refresh_suggestions(article)
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        for slug, outcome in report.items():
            if options["dry_run"]:
                self.stdout.write(f"{slug}: {len(outcome)} suggestion(s) (dry run, nothing stored)")
                self._print(outcome, False)
            else:
                self.stdout.write(
                    f"{slug}: {outcome['created']} new, {outcome['kept']} kept, "
                    f"{outcome['removed']} withdrawn suggestion(s)"
                )

    def _print(self, items: list[dict], as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(items, ensure_ascii=False, indent=2))
            return
        for item in items:
            self.stdout.write(
                f"  {item['kind']:<11} {item['start']:>6}-{item['end']:<6} {item['exact'][:50]!r}"
                f"  ({item['confidence']:.2f}: {item['why']})"
            )

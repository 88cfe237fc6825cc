from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from articles.importing import import_story
from articles.models import Section
from articles.story_format import StoryFormatError, parse_story_file

STORY_SUFFIXES = {".txt", ".json"}
# A story file is text of a few kilobytes; 2 MB is a very long story with room to spare.
MAX_FILE_BYTES = 2 * 1024 * 1024


def story_files(paths: list[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Expand files and directories into story files, and the paths that could not be read."""
    files, missing = [], []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(
                sorted(
                    p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in STORY_SUFFIXES
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            missing.append((path, "no such file or directory"))
    return files, missing


class Command(BaseCommand):
    help = (
        "Import stories from plain-text files in the seed's format or from ninjs JSON. "
        "Importing the same file again changes nothing; a bad file is reported and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Story files or directories.")
        parser.add_argument("--publish", action="store_true", help="Publish the stories now.")
        parser.add_argument("--section", metavar="SLUG", help="Put the stories in this section.")

    def handle(self, *args, **options):
        section = None
        if options["section"]:
            section = Section.objects.filter(slug=options["section"]).first()
            if section is None:
                known = ", ".join(Section.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"Unknown section '{options['section']}' (known: {known}).")

        files, failures = story_files(options["paths"])
        counts = {"created": 0, "updated": 0, "waiting": 0, "unchanged": 0}
        show_progress = len(files) > 1 or any(Path(p).is_dir() for p in options["paths"])
        for path in tqdm(files, desc="Importing", unit="file", disable=not show_progress):
            try:
                size = path.stat().st_size
                if size > MAX_FILE_BYTES:
                    raise StoryFormatError(
                        f"the file is {size:,} bytes; a story file may be at most "
                        f"{MAX_FILE_BYTES:,}"
                    )
                parsed = parse_story_file(path.name, path.read_bytes())
                result = import_story(parsed, publish=options["publish"], section=section)
            except StoryFormatError as error:
                where = f"{path}:{error.line}" if error.line else str(path)
                failures.append((path, f"{where}: {error.message}"))
                continue
            except (ValidationError, DatabaseError, OSError) as error:
                failures.append((path, f"{path}: {error}"))
                continue
            except Exception as error:  # one file's surprise must not stop the others
                failures.append((path, f"{path}: not imported ({type(error).__name__}: {error})"))
                continue
            counts[result.outcome] += 1
            if options["verbosity"] >= 2:
                self.stdout.write(f"{result.outcome}: {path} -> {result.article.slug}")

        for path, message in failures:
            self.stderr.write(
                self.style.ERROR(message if str(path) in message else f"{path}: {message}")
            )
        total = len(files) + sum(1 for p, _ in failures if p not in files)
        self.stdout.write(
            f"{total} file(s): {counts['created']} created, {counts['updated']} updated, "
            f"{counts['waiting']} waiting for an editor (published stories' new text), "
            f"{counts['unchanged']} unchanged, {len(failures)} failed."
        )
        if failures:
            raise CommandError(
                f"{len(failures)} file(s) could not be imported; nothing was written for them."
            )

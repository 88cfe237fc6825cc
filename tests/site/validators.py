"""The validators no one here wrote, run by the tests: the Nu HTML checker and axe-core.

Both come from the npm registry (``package.json``; ``make validators`` installs them with
Debian's Java and Node.js), so a test fails with the command to run when they are missing.
"""

import json
import shutil
import subprocess
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

REPO = Path(__file__).resolve().parents[2]
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
MISSING = "The validators are not installed: run `make validators`"


def demo_pages() -> dict[str, str]:
    """Load the demo newsroom and name one address of every public page type."""
    from articles.models import Article
    from deals.models import Agreement, Company

    call_command("load_demo", verbosity=0)
    story = Article.objects.live().with_byline().get(slug__startswith="china-telecom-widens")
    company = Company.objects.get(slug="china-telecom")
    deal = Agreement.objects.filter(parties__company=company).order_by("pk").first()
    return {
        "home": reverse("articles:home"),
        "story": story.get_absolute_url(),
        "section": story.section.get_absolute_url(),
        "reporter": story.byline[0].get_absolute_url(),
        "company": company.get_absolute_url(),
        "deal": deal.get_absolute_url(),
        "search": reverse("articles:search") + "?q=China+Telecom",
        "search-empty": reverse("articles:search") + "?q=quarterly+zeppelin",
    }


def editor_pages() -> dict[str, str]:
    """The editor's screens the validators check: the story list, the change form of a live
    story with changes waiting, those changes beside the live story, and Structure."""
    from django.contrib.auth import get_user_model

    from articles import working
    from articles.models import Article

    story = Article.objects.get(slug__startswith="china-telecom-widens")
    editor = get_user_model().objects.get(username="editor")
    changed = story.body.replace("joint venture", "venture", 1)
    working.working_copy_save(story, by=editor, values={"dek": "Changed", "body": changed})
    return {
        "admin-changes": reverse("admin:articles_article_changes", args=[story.pk]),
        "admin-revisions": reverse("admin:articles_article_revisions", args=[story.pk]),
        "admin-article-list": reverse("admin:articles_article_changelist"),
        "admin-change-form": reverse("admin:articles_article_change", args=[story.pk]),
        "admin-structure": reverse("admin:articles_article_structure", args=[story.pk]),
    }


def nu_check(documents: dict[str, bytes], folder: Path) -> list[str]:
    """Every error and warning the Nu HTML checker finds in these HTML documents, by name."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        raise AssertionError(MISSING)
    paths = {}
    for name, content in documents.items():
        path = folder / f"{name}.html"
        path.write_bytes(content)
        paths[str(path.resolve())] = name
    finished = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *paths],
        capture_output=True,
        check=True,
        timeout=300,
    )
    report = json.loads(finished.stderr or finished.stdout)
    found = []
    for message in report["messages"]:
        if message["type"] == "info" and message.get("subType") != "warning":
            continue
        name = paths.get(Path(message.get("url", "").removeprefix("file:")).as_posix(), "?")
        found.append(
            f"{name}:{message.get('lastLine', '?')}: {message['type']}: {message['message']}"
            f" [{' '.join(message.get('extract', '').split())}]"
        )
    return found


def axe_check(page) -> list[str]:
    """Every axe-core violation on the page as it is now, one line per rule and element."""
    if not AXE_JS.exists():
        raise AssertionError(MISSING)
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['impact']}: {violation['id']}: {violation['help']} at {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]

"""Push delivery on the embedded default: 1,000 story changes × 10 webhook subscriptions,
written to the outbox with each change and delivered by the task worker (django-tasks on a fresh
SQLite file) to a receiver on 127.0.0.1; compared with the same number of signed POSTs sent
directly in one loop, the ceiling of the sender alone.

``python -m benchmarks.webhooks URL`` is the loaded side, run in a process of its own against
the run's database; ``run(table)`` starts the receiver, makes the database and reads its figures.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .http import ROOT, server_environment
from .measure import Table

CHANGES = int(os.environ.get("NEWSROOM_BENCH_WEBHOOK_CHANGES", "1000"))
SUBSCRIPTIONS = 10
STORIES = 100  # each published, then edited: CHANGES changes in all


class _Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    count = 0
    lock = threading.Lock()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with _Receiver.lock:
            _Receiver.count += 1
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def run(table: Table) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-webhooks-"))
    try:
        env = server_environment(f"sqlite:///{workdir / 'webhooks.sqlite3'}")
        env["NEWSROOM_TASK_BACKEND"] = "django_tasks_db.DatabaseBackend"
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.webhooks",
                f"http://127.0.0.1:{server.server_port}/",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        server.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    sent = figures["deliveries"]
    worker = figures["seconds"] - figures["write_seconds"]
    print(
        f"webhooks: {figures['changes']:,} changes × {SUBSCRIPTIONS} subscriptions: "
        f"changes written in {figures['write_seconds']:.1f} s, then {sent:,} deliveries by one "
        f"worker in {worker:.1f} s ({sent / worker:,.0f}/s); {figures['seconds']:.1f} s in all; "
        f"the same POSTs in one loop {figures['direct_seconds']:.1f} s; "
        f"receiver got {_Receiver.count:,}"
    )
    table.add(
        f"webhooks: {figures['changes']:,} changes × {SUBSCRIPTIONS} subscriptions, written and "
        "delivered (SQLite, 1 worker)",
        figures["seconds"],
        "s",
    )
    table.add(
        "webhook deliveries a second (outbox, queue, worker, log)",
        sent / worker,
        "/s",
        "signed POSTs a second in one loop",
        sent / figures["direct_seconds"],
        ratio=figures["direct_seconds"] / worker,
    )


def _load(url: str) -> dict:
    """Make the subscriptions and stories, then time the changes and their delivery."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from api.models import Partner
    from articles.models import Article, Byline, Reporter, Section
    from articles.services import article_publish, article_update
    from articles.working import working_copy_publish
    from delivery import sending
    from delivery.models import Delivery, Subscription
    from tests.factories import UserFactory

    def work() -> None:
        call_command(
            "db_worker",
            "--batch",
            "--interval",
            "0",
            "--no-startup-delay",
            "--no-reload",
            verbosity=0,
        )

    editor = UserFactory(username="bench-editor")
    editor.groups.add(Group.objects.get(name="Editor"))
    section = Section.objects.create(name="Business", slug="business")
    reporter = Reporter.objects.create(name="Bench Reporter", slug="bench-reporter")
    stories = []
    for n in range(STORIES):
        story = Article.objects.create(
            headline=f"Quarterly figures, part {n}",
            slug=f"quarterly-figures-{n}",
            section=section,
            body="Sales rose in the quarter.\n\nThe board met on Tuesday.",
        )
        Byline.objects.create(article=story, reporter=reporter)
        stories.append(story)
    work()  # each new story's suggestion run, before the clock starts
    partner = Partner.objects.create(name="Bench partner")
    for n in range(SUBSCRIPTIONS):
        Subscription.objects.create(partner=partner, url=f"{url}hook/{n}")

    began = time.perf_counter()
    made = 0
    for story in stories:
        article_publish(story, by=editor)
        made += 1
    while made < CHANGES:
        story = stories[made % STORIES]
        story.refresh_from_db()
        article_update(
            story, by=editor, expected_version=story.version, changes={"dek": f"Revised {made}"}
        )
        working_copy_publish(story, by=editor)  # an edit of a live story goes live here
        made += 1
    written = time.perf_counter() - began
    while Delivery.objects.exclude(state=Delivery.State.DELIVERED).exists() or not (
        Delivery.objects.exists()
    ):
        work()
    seconds = time.perf_counter() - began
    deliveries = Delivery.objects.count()

    body = Delivery.objects.first().body.encode()
    secret = Subscription.objects.first().secret
    started = time.perf_counter()
    for n in range(deliveries):
        assert sending.post(f"{url}direct/{n % SUBSCRIPTIONS}", secret, str(n), body).ok
    direct = time.perf_counter() - started
    return {
        "changes": made,
        "deliveries": deliveries,
        "seconds": seconds,
        "write_seconds": written,
        "direct_seconds": direct,
    }


if __name__ == "__main__":
    print(json.dumps(_load(sys.argv[1])))

"""Big stories in the structuring admin: a 10,000-word story with 500 annotations.

``python -m benchmarks big`` runs this part: a database made for the run (``scale``'s), the
production settings, and a probe process (``python -m benchmarks.big_story``) that seeds the
story and times, in server time through Django's whole request stack (the test client), what
an editor waits for:

- saving a body edit through ``article_update``, re-anchoring included, and how long the saving
  transaction (SQLite's write lock, PostgreSQL's row lock) stays open;
- opening the Structure screen (its page carries the state; the JSON endpoint answers every
  action with the same state);
- storing the engine's suggestions for a story of that size, and accepting all of them.

Each figure is the median of ``RUNS`` runs, with this thread's processor time beside it; the
lock's figure is the longest of them.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import time

from .measure import Table

RUNS = int(os.environ.get("NEWSROOM_BENCH_BIG_RUNS", "7"))
# This thread's processor time, beside each wall time: on a shared machine the wall time mostly
# measures the others (on SQLite it includes the database's work, on PostgreSQL not).
CPU = time.thread_time
GOALS_MS = {"save": 300, "lock": 1000, "screen": 300, "accept_all": 1000}
INSERTED = (
    "Trading in the shares resumed after a short pause on the exchange. ",
    "A spokesperson repeated that the company does not comment on market rumours. ",
    "The figures were revised after the close, people who saw them said. ",
)


def edited(body: str, rng: random.Random) -> str:
    """The body with a sentence added at the start of one paragraph and a word changed in
    another, as a copy editor's pass would: every annotation after the first edit shifts."""
    paragraphs = body.split("\n\n")
    at = rng.randrange(len(paragraphs))
    paragraphs[at] = rng.choice(INSERTED) + paragraphs[at]
    other = rng.randrange(len(paragraphs))
    for old, new in (("Monday", "Tuesday"), ("Tuesday", "Monday"), ("rose", "climbed")):
        if old in paragraphs[other]:
            paragraphs[other] = paragraphs[other].replace(old, new, 1)
            break
    return "\n\n".join(paragraphs)


def _ms(seconds: float) -> float:
    return seconds * 1000


def probe() -> dict:
    """Seed the big story and time the editor's operations on it (run in the probe process)."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from articles.services import article_update
    from structuring.suggesting import refresh_suggestions

    from .big_story_seeding import editor_user, seed_big_story

    editor = editor_user()
    article = seed_big_story(seed=1, by=editor)
    rng = random.Random(5)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(editor)
    figures: dict[str, object] = {
        "words": len(article.body.split()),
        "annotations": article.annotations.count(),
    }

    def save_once() -> tuple[float, float, float]:
        nonlocal article
        body = edited(article.body, rng)
        committed: list[float] = []
        began, cpu = time.perf_counter(), CPU()
        with transaction.atomic():
            # The first callback after the commit: the moment the lock is released.
            transaction.on_commit(lambda: committed.append(time.perf_counter()))
            article = article_update(
                article, by=editor, expected_version=article.version, changes={"body": body}
            )
        ended = time.perf_counter()
        return ended - began, committed[0] - began, CPU() - cpu

    saves = [save_once() for _ in range(RUNS)]
    figures["save_ms"] = _ms(statistics.median(s[0] for s in saves))
    figures["lock_ms"] = _ms(max(s[1] for s in saves))
    figures["save_cpu_ms"] = _ms(statistics.median(s[2] for s in saves))
    with CaptureQueriesContext(connection) as queries:
        save_once()
    figures["save_queries"] = len(queries)

    page = reverse("admin:articles_article_structure", args=[article.pk])
    state = reverse("admin:structuring_state", args=[article.pk])

    def fetch(url: str) -> tuple[float, float]:
        began, cpu = time.perf_counter(), CPU()
        response = client.get(url)
        elapsed = time.perf_counter() - began, CPU() - cpu
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    screens = [fetch(page) for _ in range(RUNS)]
    figures["screen_ms"] = _ms(statistics.median(wall for wall, _ in screens))
    figures["screen_cpu_ms"] = _ms(statistics.median(cpu for _, cpu in screens))
    figures["state_ms"] = _ms(statistics.median(fetch(state)[0] for _ in range(RUNS)))
    with CaptureQueriesContext(connection) as queries:
        fetch(page)
    figures["screen_queries"] = len(queries)

    storing, accepting, accepted = [], [], []
    for run in range(RUNS):
        story = seed_big_story(seed=100 + run, annotations=0, by=editor)
        began = time.perf_counter()
        made = refresh_suggestions(story)
        storing.append(time.perf_counter() - began)
        url = reverse("admin:structuring_accept_all", args=[story.pk])
        began, cpu = time.perf_counter(), CPU()
        response = client.post(url, "{}", content_type="application/json")
        accepting.append((time.perf_counter() - began, CPU() - cpu))
        assert response.status_code == 200, response.content[:300]
        accepted.append(made["created"])
    figures["suggest_ms"] = _ms(statistics.median(storing))
    figures["accept_all_ms"] = _ms(statistics.median(wall for wall, _ in accepting))
    figures["accept_all_cpu_ms"] = _ms(statistics.median(cpu for _, cpu in accepting))
    figures["accepted"] = statistics.median(accepted)
    return figures


def run(table: Table) -> None:
    from .http import server_environment
    from .scale import ROOT, fresh_database, manage

    with fresh_database() as (url, engine):
        env = server_environment(url)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.big_story"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
    if done.returncode:
        print(done.stderr, file=sys.stderr)
        raise RuntimeError("The big-story probe failed; its error is printed above.")
    f = json.loads(done.stdout)
    story = f"{f['words']:,} words, {f['annotations']} annotations"
    print(f"big story: {engine}, {story}, median of {RUNS} runs")

    def budget(figure: str, key: str, goal: str, extra: str = "") -> None:
        limit = GOALS_MS[goal]
        value = f[key]
        table.add(
            f"{figure} ({engine})",
            value,
            "ms",
            f"the {limit:,} ms budget{extra}",
            limit,
            f"<= {limit:,} ms",
            value <= limit,
            ratio=limit / value if value else None,
        )

    budget(f"big story ({story}): save a body edit", "save_ms", "save")
    table.add(f"  its processor time ({engine})", f["save_cpu_ms"], "ms")
    table.add(f"  queries of one save ({engine})", f["save_queries"], "queries")
    budget("big story: longest hold of the write lock in a save", "lock_ms", "lock")
    budget("big story: Structure screen opens (page and its state)", "screen_ms", "screen")
    table.add(f"  its processor time ({engine})", f["screen_cpu_ms"], "ms")
    table.add(f"  queries of the page ({engine})", f["screen_queries"], "queries")
    table.add(f"  its state as JSON (every action answers it) ({engine})", f["state_ms"], "ms")
    table.add(f"big story: storing the engine's suggestions ({engine})", f["suggest_ms"], "ms")
    budget(f"big story: accept all {f['accepted']:.0f} suggestions", "accept_all_ms", "accept_all")
    table.add(f"  its processor time ({engine})", f["accept_all_cpu_ms"], "ms")


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    print(json.dumps(probe()))


if __name__ == "__main__":
    main()

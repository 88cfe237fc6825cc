"""At scale: seeding 100,000 stories, search at 10,000 and 100,000, latency under load, a mixed
load of 64 connections, and throttling across workers with Redis.

A fresh database is made for the run: a temporary SQLite file, or, when ``DATABASE_URL`` names
PostgreSQL, a database ``<name>_bench`` beside it (dropped and made again; the role needs
CREATEDB). Sizes come from ``NEWSROOM_BENCH_STORIES`` (100,000) and the mixed load's length from
``NEWSROOM_BENCH_MIX_SECONDS`` (60).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import dj_database_url

from .http import RANDOM_QUERY, ROOT, Load, gunicorn, load, server_environment
from .measure import Table

STORIES = int(os.environ.get("NEWSROOM_BENCH_STORIES", "100000"))
MIX_SECONDS = os.environ.get("NEWSROOM_BENCH_MIX_SECONDS", "60")
# 100,000 stories within 15 minutes; a million (`make bench-million`) within the hour.
SEED_GOAL_SECONDS = 60 * 60 if STORIES > 100_000 else 15 * 60


@contextmanager
def fresh_database():
    """The URL of an empty database made for this run, removed afterwards on SQLite."""
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith(("postgres://", "postgresql://")):
        import psycopg

        config = dj_database_url.parse(given)
        name = f"{config['NAME']}_bench"
        admin = psycopg.connect(
            dbname="postgres",
            user=config["USER"],
            password=config["PASSWORD"],
            host=config["HOST"] or "127.0.0.1",
            port=config["PORT"] or 5432,
            autocommit=True,
        )
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        admin.close()
        yield given.rsplit("/", 1)[0] + f"/{name}", "PostgreSQL"
        return
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-scale-"))
    try:
        yield f"sqlite:///{workdir / 'scale.sqlite3'}", "SQLite"
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def manage(env: dict[str, str], *args: str) -> tuple[float, str]:
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.monotonic() - began, done.stdout.strip()


def live_slugs(env: dict[str, str], count: int) -> list[str]:
    """The newest live stories of the run's database."""
    _, printed = manage(
        env,
        "shell",
        "-v0",
        "-c",
        "from articles.models import Article; "
        "print(' '.join(Article.objects.live().order_by('-publish_at')"
        f".values_list('slug', flat=True)[:{count}]))",
    )
    return printed.split()


def busiest_agreement(env: dict[str, str]) -> str:
    """The slug of the agreement the most seeded stories claim (the heaviest replay)."""
    _, printed = manage(
        env,
        "shell",
        "-v0",
        "-c",
        "from django.db.models import Count; from deals.models import Agreement; "
        "print(Agreement.objects.annotate(n=Count('claims')).order_by('-n')"
        ".values_list('slug', flat=True).first())",
    )
    return printed.strip()


def probe(env: dict[str, str], module: str = "benchmarks.searchprobe", *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def paced(url: str, header: str, peak: Load, script: str = "", share: float = 0.7) -> Load:
    """Latency under a steady load at ``share`` of the measured peak rate.

    wrk waits ``delay()`` before each request on each connection, so a connection sends one
    request every delay + service time; the service time is measured alone first.
    """
    alone = load(url, header=header, script=script, connections="1", seconds="3")
    connections = 8
    delay = max(0.0, connections * 1000 / (peak.rate * share) - alone.median_ms)
    script += f"\nfunction delay() return {delay:.1f} end\n"
    return load(url, header=header, script=script, connections=str(connections))


def database_sizes(url: str, table: Table) -> None:
    """The database's size on disk, all its indexes together, and the largest few."""
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(
        dbname=config["NAME"],
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
    ) as conn:
        total = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        indexes = conn.execute(
            "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'i' AND n.nspname = 'public' ORDER BY 2 DESC"
        ).fetchall()
    mb = 1024 * 1024
    table.add("database size on disk", total / mb, "MB")
    table.add("  all indexes", sum(size for _, size in indexes) / mb, "MB")
    for name, size in indexes[:5]:
        table.add(f"  index {name}", size / mb, "MB")


def mixed_script(paths: list[str], api_paths: list[str], key: str) -> str:
    quoted = ", ".join(f'"{p}"' for p in paths)
    api = ", ".join(f'"{p}"' for p in api_paths)
    return f"""
paths = {{{quoted}}}
api = {{{api}}}
request = function()
  if math.random() < 0.4 then
    return wrk.format("GET", api[math.random(#api)], {{["Authorization"] = "Api-Key {key}"}})
  end
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def redis_server():
    port = _free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0", process
    finally:
        process.terminate()
        process.wait(timeout=10)


def burst(url: str, key: str, count: int) -> dict[int, int]:
    """Send ``count`` requests as fast as 16 threads can; how many got each status."""

    def one(_):
        request = urllib.request.Request(url, headers={"Authorization": f"Api-Key {key}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(one, range(count)))
    return {s: statuses.count(s) for s in set(statuses)}


def run(table: Table) -> None:
    if not shutil.which("wrk"):
        print("scale: wrk is not installed (apt-get install wrk); its rows are left out")
        return
    small = max(10, STORIES // 10)
    with fresh_database() as (url, engine):
        env = server_environment(url)
        manage(env, "migrate", "--noinput", "-v0")
        first, _ = manage(
            env, "seed_bench", "--stories", str(small), "--companies", str(small), "-v0"
        )
        at_small = probe(env)
        rest, _ = manage(
            env,
            "seed_bench",
            "--stories",
            str(STORIES - small),
            "--companies",
            str(STORIES - small),
            "-v0",
        )
        at_large = probe(env)
        seconds = first + rest
        print(
            f"scale: {engine}, {at_large['stories']:,} live stories seeded in {seconds:.0f} s "
            f"({STORIES / seconds:,.0f} stories and as many companies a second)"
        )
        table.add(
            f"seed_bench {STORIES:,} stories + companies ({engine})",
            seconds,
            "s",
            f"the {SEED_GOAL_SECONDS // 60}-minute budget",
            SEED_GOAL_SECONDS,
            f"< {SEED_GOAL_SECONDS // 60} min",
            seconds < SEED_GOAL_SECONDS,
            ratio=SEED_GOAL_SECONDS / seconds,
        )
        table.add(
            f"  seeding rate (a million: about {1_000_000 / (STORIES / seconds) / 60:,.0f} min)",
            STORIES / seconds,
            "stories/s",
        )
        table.add(
            f"search median at {at_large['stories']:,} stories",
            at_large["search_ms"],
            "ms",
            f"search at {at_small['stories']:,} stories",
            at_small["search_ms"],
            "<= 2x",
            at_large["search_ms"] <= 2 * at_small["search_ms"],
            ratio=at_large["search_ms"] / at_small["search_ms"],
        )
        table.add(
            f"search median at {at_large['stories']:,} stories",
            at_large["search_ms"],
            "ms",
            "LIKE scan, same question",
            at_large["like_ms"],
            ">= 10x faster",
            at_large["like_ms"] >= 10 * at_large["search_ms"],
            ratio=at_large["like_ms"] / at_large["search_ms"],
        )
        if engine == "PostgreSQL":
            database_sizes(url, table)
        _, key = manage(env, "create_partner_key", "Bench partner", "--tier", "premium")
        slugs = live_slugs(env, 50)
        cold = probe(env, "benchmarks.cold", key, *slugs[40:50])
        table.add(
            f"story page cold (every cache empty), median ({engine})",
            cold["story_ms"],
            "ms",
            "the 30 ms goal",
            30,
            "<= 30 ms",
            cold["story_ms"] <= 30,
            ratio=30 / cold["story_ms"],
        )
        table.add(
            f"API article list (20) cold, median ({engine})",
            cold["api_list_ms"],
            "ms",
            "the 50 ms goal",
            50,
            "<= 50 ms",
            cold["api_list_ms"] <= 50,
            ratio=50 / cold["api_list_ms"],
        )
        deal = busiest_agreement(env)
        # A month back: the seeded stories span a year, so the replay has history on both sides.
        then = (datetime.now(UTC) - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
        header = f"Authorization: Api-Key {key}"
        with gunicorn(env) as base:
            targets = {
                "API article list (20)": (f"{base}/api/v1/articles/", header),
                "API article detail": (f"{base}/api/v1/articles/{slugs[7]}/", header),
                "story page (page cache bypassed)": (f"{base}/articles/{slugs[9]}/", ""),
                "API agreement list as_of a month ago": (
                    f"{base}/api/v1/agreements/?as_of={then}",
                    header,
                ),
                "API agreement detail as_of a month ago": (
                    f"{base}/api/v1/agreements/{deal}/?as_of={then}",
                    header,
                ),
                "API company list as_of a month ago": (
                    f"{base}/api/v1/companies/?as_of={then}",
                    header,
                ),
            }
            for name, (address, auth) in targets.items():
                bypass = RANDOM_QUERY if name.startswith("story page") else ""
                peak = load(address, header=auth, script=bypass)
                steady = paced(address, auth, peak, bypass)
                table.add_latency(f"{name}, at peak ({peak.rate:,.0f} req/s)", peak)
                table.add_latency(
                    f"{name}, at 70% of peak ({steady.rate:,.0f} req/s)",
                    steady,
                    histogram=name.startswith("story page"),
                )
                table.add(
                    f"{name}, median at 70% of peak ({engine})",
                    steady.median_ms,
                    "ms",
                    "the 50 ms budget",
                    50,
                    "<= 50 ms",
                    steady.median_ms <= 50,
                    ratio=50 / steady.median_ms,
                )
                table.add(
                    f"{name}, p99 at 70% of peak ({steady.rate:,.0f} req/s)",
                    steady.p99_ms,
                    "ms",
                    "10x its median",
                    10 * steady.median_ms,
                    "<= 10x median",
                    steady.p99_ms <= 10 * steady.median_ms,
                    ratio=steady.p99_ms / steady.median_ms,
                )
            pages = ["/", *(f"/articles/{s}/" for s in slugs[:20]), "/search/?q=shareholders"]
            api = [
                "/api/v1/articles/",
                "/api/v1/companies/",
                "/api/v1/agreements/",
                *(f"/api/v1/articles/{s}/" for s in slugs[20:40]),
                "/api/v1/articles/?q=regulators",
            ]
            mixed = load(
                base + "/",
                script=mixed_script(pages, api, key),
                connections="64",
                seconds=MIX_SECONDS,
            )
            errors = mixed.failed + mixed.socket_errors
            table.add_latency(
                f"64 connections: pages, search, API ({mixed.rate:,.0f} req/s)", mixed
            )
            table.add(
                f"64 connections for {MIX_SECONDS} s: pages, search, API",
                errors,
                "errors",
                f"while serving {mixed.rate:,.0f} req/s",
                None,
                "0 errors",
                errors == 0,
            )
        if shutil.which("redis-server"):
            limit = 300
            _, small_key = manage(env, "create_partner_key", "Burst partner", "--tier", "basic")
            with redis_server() as (redis_url, _):
                throttled = {
                    **env,
                    "REDIS_URL": redis_url,
                    "NEWSROOM_API_LIMIT_BASIC": str(limit),
                }
                with gunicorn(throttled) as base:
                    while time.time() % 60 > 40:  # one minute's window for the whole burst
                        time.sleep(1)
                    statuses = burst(f"{base}/api/v1/sections/", small_key, 2 * limit)
            accepted = statuses.get(200, 0)
            table.add(
                "burst of 2x a key's limit, Redis, 5 workers",
                accepted,
                "accepted",
                "the key's limit",
                limit,
                "limit +-5%",
                abs(accepted - limit) <= 0.05 * limit and set(statuses) <= {200, 429},
                ratio=accepted / limit,
            )
        else:
            print("scale: redis-server is not installed; the throttling row is left out")

"""``make faults``: the faults a production newsroom meets, each made on purpose under load.

- Redis stopped while pages and the API are served: no 5xx (reads miss, throttles count locally).
- A gunicorn worker killed: at most its in-flight request fails.
- SQLite with 4 writers and 4 readers at once: no "database is locked".
- PostgreSQL restarted under load (when ``DATABASE_URL`` names PostgreSQL): errors only while it
  is down, and answers again within 5 s of it being back.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from .http import ROOT, gunicorn, load, server_environment
from .measure import Table
from .scale import fresh_database, live_slugs, manage, mixed_script, redis_server

SQLITE_WORKERS = 4


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _newsroom(env: dict[str, str]) -> tuple[str, list[str]]:
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_bench", "--stories", "300", "--companies", "300", "-v0")
    _, key = manage(env, "create_partner_key", "Fault partner", "--tier", "premium")
    return key, live_slugs(env, 20)


def redis_stopped(table: Table, env: dict[str, str], key: str, slugs: list[str]) -> None:
    with redis_server() as (redis_url, process), gunicorn({**env, "REDIS_URL": redis_url}) as base:
        pages = ["/", *(f"/articles/{s}/" for s in slugs[:10]), "/search/?q=regulators"]
        api = ["/api/v1/articles/", *(f"/api/v1/articles/{s}/" for s in slugs[10:])]
        script = mixed_script(pages, api, key)
        stopper = threading.Timer(2.0, process.terminate)
        stopper.start()
        measured = load(base + "/", script=script, connections="16", seconds="8")
        stopper.join()
        after = _status(f"{base}/articles/{slugs[0]}/")
    errors = measured.failed + measured.socket_errors
    table.add(
        "Redis stopped under load (pages, API)",
        errors,
        "errors",
        f"of {measured.rate * 8:,.0f} requests; after: HTTP {after}",
        None,
        "no 5xx",
        errors == 0 and after == 200,
    )


def _workers(master: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(pid) for pid in found.split()]


def worker_killed(table: Table, env: dict[str, str], slugs: list[str]) -> None:
    with gunicorn(env) as base:
        master = int(
            subprocess.run(
                ["pgrep", "-f", f"gunicorn newsroom.wsgi .*{base.rsplit(':', 1)[1]}"],
                capture_output=True,
                text=True,
            ).stdout.split()[0]
        )
        victim = _workers(master)[0]
        killer = threading.Timer(2.0, os.kill, (victim, signal.SIGKILL))
        killer.start()
        measured = load(f"{base}/articles/{slugs[0]}/?fresh=1", connections="16", seconds="6")
        killer.join()
        replaced = len(_workers(master))
    errors = measured.failed + measured.socket_errors
    table.add(
        "a gunicorn worker killed under load",
        errors,
        "failed requests",
        f"its in-flight request; {replaced} workers after",
        1,
        "<= 1",
        errors <= 1,
    )


def sqlite_contention(table: Table) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-faults-"))
    env = server_environment(f"sqlite:///{workdir / 'contention.sqlite3'}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_bench", "--stories", "200", "--companies", "200", "-v0")
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "benchmarks.contention", role, "8"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for role in ["write"] * SQLITE_WORKERS + ["read"] * SQLITE_WORKERS
    ]
    results = [p.communicate()[0].split() for p in processes]
    shutil.rmtree(workdir, ignore_errors=True)
    done = sum(int(r[0]) for r in results)
    locked = sum(int(r[1]) for r in results)
    table.add(
        f"SQLite, {SQLITE_WORKERS} writers and {SQLITE_WORKERS} readers for 8 s",
        locked,
        '"database is locked"',
        f"in {done:,} operations",
        None,
        "0",
        locked == 0,
    )


def postgres_restarted(table: Table, env: dict[str, str], slugs: list[str]) -> None:
    cluster = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout.split()
    if not cluster:
        print("faults: no local PostgreSQL cluster to restart; its row is left out")
        return
    version, name = cluster[0], cluster[1]
    with gunicorn(env) as base:
        story = f"{base}/articles/{slugs[0]}/"
        health = f"{base}/healthz"
        results: list[tuple[float, int]] = []
        stop = threading.Event()

        def poll() -> None:
            while not stop.is_set():
                results.append((time.monotonic(), _status(health)))
                time.sleep(0.05)

        poller = threading.Thread(target=poll)
        poller.start()
        loaded = threading.Thread(
            target=load, args=(f"{base}/articles/{slugs[0]}/?fresh=1",), kwargs={"seconds": "12"}
        )
        loaded.start()
        time.sleep(3)
        down_at = time.monotonic()
        subprocess.run(["pg_ctlcluster", version, name, "stop", "-m", "fast"], check=True)
        time.sleep(2)
        subprocess.run(["pg_ctlcluster", version, name, "start"], check=True)
        while subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode != 0:
            time.sleep(0.05)
        ready_at = time.monotonic()
        time.sleep(6)
        stop.set()
        poller.join()
        loaded.join()
        last_answer = _status(story)
    recovered = next((t for t, s in results if t >= ready_at and s == 200), None)
    recovery = (recovered - ready_at) if recovered else float("inf")
    failed_while_up = [
        s for t, s in results if s != 200 and (t < down_at or t > ready_at + recovery + 0.1)
    ]
    table.add(
        "PostgreSQL restarted under load: recovery",
        recovery,
        "s",
        f"after it was ready again; {len(failed_while_up)} errors while it was up",
        5,
        "<= 5 s",
        recovery <= 5 and not failed_while_up and last_answer == 200,
    )


def run(table: Table) -> None:
    with fresh_database() as (url, engine):
        env = server_environment(url)
        key, slugs = _newsroom(env)
        if shutil.which("redis-server"):
            redis_stopped(table, env, key, slugs)
        worker_killed(table, env, slugs)
        if engine == "PostgreSQL":
            postgres_restarted(table, env, slugs)
    sqlite_contention(table)

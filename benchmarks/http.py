"""Public pages under real load: wrk against gunicorn (2 x cores + 1 workers) on loopback.

Each figure is measured side by side in one run, on the same server and middleware, against a
trivial Django view.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import latency
from .measure import Table

ROOT = Path(__file__).resolve().parent.parent
DURATION = os.environ.get("NEWSROOM_BENCH_SECONDS", "8")
CONNECTIONS = "16"
RANDOM_QUERY = """
request = function()
  return wrk.format("GET", wrk.path .. "?uncached=" .. math.random(1, 1000000000))
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789abcdef",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SESSION_COOKIE_SECURE": "0",
        "DJANGO_CSRF_COOKIE_SECURE": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "NEWSROOM_URLCONF": "benchmarks.urls",
        # Parts that start Redis pass REDIS_URL; the others accept per-process caches.
        "NEWSROOM_SINGLE_PROCESS": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
        # The API figures measure serving, not throttling: the benchmark key is never limited.
        "NEWSROOM_API_LIMIT_PREMIUM": "1000000000",
    }


@contextmanager
def gunicorn(env: dict[str, str]):
    # Production settings serve static files from a hashed manifest, as a deploy makes it.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = _free_port()
    workers = str(2 * (os.cpu_count() or 1) + 1)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            "-w",
            workers,
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass(frozen=True)
class Load:
    """What one wrk run measured."""

    rate: float
    median_ms: float
    p99_ms: float
    failed: int  # non-2xx/3xx answers
    socket_errors: int
    output: str
    percentiles: latency.Percentiles | None = None


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def load(
    url: str,
    *,
    header: str = "",
    script: str = "",
    connections: str = CONNECTIONS,
    seconds: str = DURATION,
) -> Load:
    """Run wrk against ``url`` (bounded in time and connections) and read its report."""
    threads = min(2, int(connections))
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command.append("--latency")
    if header:
        command += ["-H", header]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + latency.DONE)
    command += ["-s", lua.name]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    os.unlink(lua.name)
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    median = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    return Load(
        rate=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        median_ms=_ms(median.group(1)) if median else float("nan"),
        p99_ms=_ms(p99.group(1)) if p99 else float("nan"),
        failed=int(failed.group(1)) if failed else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
        output=output,
        percentiles=latency.read(output),
    )


def wrk(url: str, *, header: str = "", script: str = "", connections: str = CONNECTIONS) -> Load:
    """What wrk measured, failing loudly on any non-2xx/3xx answer."""
    measured = load(url, header=header, script=script, connections=connections)
    if measured.failed:
        raise RuntimeError(f"{measured.failed} failed responses from {url}:\n{measured.output}")
    if measured.rate == 0:
        raise RuntimeError(f"no request to {url} finished in time:\n{measured.output}")
    return measured


def _output_of(module: str, env: dict[str, str]) -> str:
    """Run a data-making module in the server's environment; return what it printed."""
    return subprocess.run(
        [sys.executable, "-m", module],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def run(table: Table) -> None:
    if not shutil.which("wrk"):
        print("http: wrk is not installed (apt-get install wrk); its rows are left out")
        return
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    env = server_environment(
        os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    story = _output_of("benchmarks.story", env)
    key = _output_of("benchmarks.apidata", env)
    with gunicorn(env) as base:
        # One connection per worker: the naive view takes over a second a request, and more
        # connections would only queue behind it until wrk's timeout.
        workers = str(2 * (os.cpu_count() or 1) + 1)
        api_list = wrk(
            base + "/api/v1/articles/?page_size=50",
            header=f"Authorization: Api-Key {key}",
            connections=workers,
        )
        by_hand = wrk(base + "/bench/api-by-hand/", connections=workers)
        naive = wrk(base + "/bench/api-naive/", connections=workers)
        time.sleep(3)  # let the workers finish the naive requests wrk left behind
        etag = urllib.request.urlopen(base + story).headers["ETag"]
        # The yardstick is measured before and after, and averaged: the machine is shared.
        first = wrk(base + "/bench/trivial")
        uncached = wrk(base + story, script=RANDOM_QUERY)
        cached = wrk(base + story)
        not_modified = wrk(base + story, header=f"If-None-Match: {etag}")
        last = wrk(base + "/bench/trivial")
    for figure, measured in (
        ("trivial Django view (first run), at peak", first),
        ("story page, page cache bypassed, at peak", uncached),
        ("story page from the page cache, at peak", cached),
        ("story page answered 304, at peak", not_modified),
        ("API article list of 50, at peak", api_list),
        ("hand-written JsonResponse over .values(), at peak", by_hand),
    ):
        table.add_latency(figure, measured, histogram=measured is uncached)
    trivial = (first.rate + last.rate) / 2
    uncached, cached, not_modified = uncached.rate, cached.rate, not_modified.rate
    api_list, by_hand, naive = api_list.rate, by_hand.rate, naive.rate
    print(
        f"http: trivial view {trivial:,.0f} req/s on gunicorn with {2 * (os.cpu_count() or 1) + 1} workers"
    )
    table.add(
        "story page (20 mentions, 2 deals), uncached",
        uncached,
        "req/s",
        "trivial Django view",
        trivial,
        ">= 0.5x",
        uncached / trivial >= 0.5,
        ratio=uncached / trivial,
    )
    table.add(
        "story page from the page cache",
        cached,
        "req/s",
        "trivial Django view",
        trivial,
        ">= 0.9x",
        cached / trivial >= 0.9,
        ratio=cached / trivial,
    )
    table.add(
        "story page answered 304",
        not_modified,
        "req/s",
        "trivial Django view",
        trivial,
        ">= 0.95x",
        not_modified / trivial >= 0.95,
        ratio=not_modified / trivial,
    )
    table.add(
        "API article list of 50 (mentions, deals)",
        api_list,
        "req/s",
        "naive nested-serializer ModelViewSet",
        naive,
        ">= 3x",
        api_list / naive >= 3,
        ratio=api_list / naive,
    )
    table.add(
        "API article list of 50 (mentions, deals)",
        api_list,
        "req/s",
        "hand-written JsonResponse over .values()",
        by_hand,
        ">= 1x",
        api_list / by_hand >= 1,
        ratio=api_list / by_hand,
    )
    shutil.rmtree(workdir, ignore_errors=True)

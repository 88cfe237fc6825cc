"""Real servers on loopback for the tests that need them: a streaming replica of the primary the
suite runs on, Redis, and app processes (gunicorn) sharing them."""

import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psycopg

from tests.conftest import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI runs as root, developers may not.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _environment(**extra: str) -> dict[str, str]:
    # Without pytest's own variables: PYTEST_CURRENT_TEST names the running test, and a test
    # whose parameters are megabytes of bytes makes it too long for any command's environment.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return {**clean, **extra}


def _run(command: list[str], env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=300, env=env or _environment()
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def database_url(settings_dict: dict, *, port: int | None = None) -> str:
    user, password = quote(settings_dict["USER"]), quote(settings_dict["PASSWORD"])
    host = settings_dict["HOST"] or "127.0.0.1"
    return (
        f"postgres://{user}:{password}@{host}:{port or settings_dict['PORT']}/"
        f"{settings_dict['NAME']}"
    )


class StreamingReplica:
    """A hot standby of the primary that ``settings_dict`` names, made with ``pg_basebackup``
    and started on a port of its own; its role needs REPLICATION (``.ci/run`` grants it)."""

    def __init__(self, settings_dict: dict, workdir: Path, server_version: int):
        self.primary = settings_dict
        self.bin = Path(f"/usr/lib/postgresql/{server_version // 10000}/bin")
        self.dir = workdir
        self.data = workdir / "data"
        self.port = free_port()
        self.slot = f"newsroom_test_replica_{os.getpid()}"
        if os.geteuid() == 0:
            shutil.chown(workdir, "postgres", "postgres")

    def create(self) -> None:
        # One base backup at a time on a primary: two at once can cost one its stream (its
        # temporary slot is released by the other's checkpoint).
        with open(Path(tempfile.gettempdir()) / "newsroom-basebackup.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self._base_backup()

    def _base_backup(self) -> None:
        _run(
            _as_postgres(
                [
                    str(self.bin / "pg_basebackup"),
                    "-h",
                    self.primary["HOST"] or "127.0.0.1",
                    "-p",
                    str(self.primary["PORT"]),
                    "-U",
                    self.primary["USER"],
                    "-D",
                    str(self.data),
                    "-X",
                    "stream",
                    "--checkpoint=fast",
                    # A slot of its own keeps the primary's log until the replica has it, so that
                    # a replica killed and started again can catch up.
                    "--create-slot",
                    "--slot",
                    self.slot,
                    "-R",  # standby.signal and primary_conninfo: stream from the primary
                ]
            ),
            env=_environment(PGPASSWORD=self.primary["PASSWORD"]),
        )
        # A Debian cluster keeps its configuration outside its data directory; the standby gets
        # its own. The socket lives in our directory, where only the superuser may use it
        # (to pause and resume replay); applications come by TCP with a password.
        (self.data / "postgresql.conf").write_text("hot_standby = on\n")
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n"
            "host all all ::1/128 scram-sha-256\n"
        )
        if os.geteuid() == 0:
            for name in ("postgresql.conf", "pg_hba.conf"):
                shutil.chown(self.data / name, "postgres", "postgres")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        # Right after a kill, the old server's processes may still hold its shared memory.
        for attempt in range(20):
            try:
                _run(
                    _as_postgres(
                        [
                            str(self.bin / "pg_ctl"),
                            "-D",
                            str(self.data),
                            "-l",
                            str(self.dir / "log"),
                            "-w",
                            "-o",
                            options,
                            "start",
                        ]
                    )
                )
                break
            except RuntimeError:
                if attempt == 19:
                    raise RuntimeError((self.dir / "log").read_text()[-3000:]) from None
                time.sleep(0.5)

    def stop(self) -> None:
        subprocess.run(
            _as_postgres(
                [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]
            ),
            capture_output=True,
            timeout=60,
            env=_environment(),
        )

    def drop_slot(self) -> None:
        """Free the primary from keeping its log for this replica."""
        with psycopg.connect(
            host=self.primary["HOST"] or "127.0.0.1",
            port=self.primary["PORT"],
            user=self.primary["USER"],
            password=self.primary["PASSWORD"],
            dbname=self.primary["NAME"],
            autocommit=True,
        ) as conn:
            conn.execute(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                "WHERE slot_name = %s",
                [self.slot],
            )

    def kill(self) -> None:
        """SIGKILL the postmaster, as a crash would."""
        pid = int((self.data / "postmaster.pid").read_text().split()[0])
        os.kill(pid, signal.SIGKILL)

    def url(self, name: str) -> str:
        return database_url({**self.primary, "HOST": "127.0.0.1", "NAME": name}, port=self.port)

    def superuser(self) -> psycopg.Connection:
        return psycopg.connect(
            host=str(self.dir), port=self.port, user="postgres", dbname="postgres", autocommit=True
        )

    def pause_replay(self, *, after: str) -> None:
        """Stop replaying once everything up to the primary's log position ``after`` is."""
        with self.superuser() as conn:
            deadline = time.monotonic() + 10
            while not conn.execute(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [after]
            ).fetchone()[0]:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the replica did not reach {after}")
                time.sleep(0.01)
            conn.execute("SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        with self.superuser() as conn:
            conn.execute("SELECT pg_wal_replay_resume()")


class Redis:
    def __init__(self):
        if not shutil.which("redis-server"):
            raise RuntimeError("These tests need redis-server: apt-get install redis-server")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            env=_environment(),
        )
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


class AppServer:
    """One app process: gunicorn with one worker, in local mode, sharing the given database,
    replicas and Redis."""

    def __init__(self, env: dict[str, str]):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                "-w",
                "1",
                "-b",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=_environment(DJANGO_DEBUG="1", DJANGO_LOG_LEVEL="ERROR", **env),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the app server stopped while starting")
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the app server did not start")

    def request(
        self, path: str, *, data: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, str]:
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def get(self, path: str, headers: dict | None = None) -> tuple[int, str]:
        return self.request(path, headers=headers)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

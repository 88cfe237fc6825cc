"""Fixtures for the tests that need a real PostgreSQL primary, a streaming replica of it and
Redis. ``tests/conftest.py`` collects this folder only when the suite runs on PostgreSQL."""

import shutil
import tempfile
from pathlib import Path

import pytest
from django.db import connection

from .servers import AppServer, Redis, StreamingReplica, database_url


@pytest.fixture(scope="session")
def replica(django_db_setup, django_db_blocker):
    """A hot standby of the suite's primary, the test database included."""
    # Not under pytest's own temporary folder, which the postgres user may not enter.
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-replica-"))
    with django_db_blocker.unblock():
        standby = StreamingReplica(
            connection.settings_dict, workdir, connection.cursor().connection.info.server_version
        )
    try:
        standby.create()
        standby.start()
        yield standby
    finally:
        standby.stop()
        with django_db_blocker.unblock():
            standby.drop_slot()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server():
    server = Redis()
    yield server
    server.stop()


@pytest.fixture
def shared_cache(settings, redis_server):
    """This test process uses the app servers' Redis, as one more app process would."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "newsroom",
        }
    }
    cache.clear()
    return cache


@pytest.fixture
def app_servers(transactional_db, replica, redis_server, shared_cache):
    """``app_servers(n, **env)`` starts ``n`` app processes on the test database, reading from
    the replica, sharing Redis; all are stopped after the test."""
    started = []

    def start(count: int = 1, **env: str) -> list[AppServer]:
        name = connection.settings_dict["NAME"]
        env = {
            "DATABASE_URL": database_url(connection.settings_dict),
            "DATABASE_REPLICA_URLS": replica.url(name),
            "REDIS_URL": redis_server.url,
            **env,
        }
        servers = [AppServer(env) for _ in range(count)]
        started.extend(servers)
        return servers

    yield start
    for server in started:
        server.stop()
    replica.resume_replay()  # whatever the test did to it

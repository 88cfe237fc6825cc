"""Settings come from the environment; production settings pass Django's deploy checks."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.settings import env_bool, env_list
from tests.conftest import REPO

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-3f9a7c1e5b2d8f4a6c0e",
    "DJANGO_ALLOWED_HOSTS": "news.example.com",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}
LOCAL = {"DJANGO_DEBUG": "1"}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def print_setting(expression: str, env: dict[str, str]) -> str:
    code = f"from django.conf import settings; print({expression})"
    result = run_manage("shell", "-c", code, env={**LOCAL, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_deploy_check_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_a_secret_key_refuses_to_start():
    env = {**PRODUCTION, "DJANGO_SECRET_KEY": ""}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_default_database_is_sqlite_in_wal_mode_with_immediate_transactions():
    options = print_setting("settings.DATABASES['default']['OPTIONS']", env={})

    assert "'transaction_mode': 'IMMEDIATE'" in options
    assert "journal_mode=WAL" in options
    assert "'timeout': 20" in options


def test_database_url_selects_postgresql():
    engine = print_setting(
        "settings.DATABASES['default']['ENGINE']",
        env={"DATABASE_URL": "postgres://u:p@127.0.0.1:5432/newsroom"},
    )

    assert engine == "django.db.backends.postgresql"


def test_redis_url_selects_the_shared_cache_and_default_is_in_process():
    assert "LocMemCache" in print_setting("settings.CACHES['default']['BACKEND']", env={})
    backend = print_setting(
        "settings.CACHES['default']['BACKEND']", env={"REDIS_URL": "redis://127.0.0.1:6379/0"}
    )
    assert backend == "newsroom.cache.ResilientRedisCache"


@pytest.mark.parametrize(
    ("raw", "value"), [("1", True), ("yes", True), ("0", False), ("off", False)]
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, value):
    monkeypatch.setenv("NEWSROOM_TEST_FLAG", raw)

    assert env_bool("NEWSROOM_TEST_FLAG", not value) is value


def test_env_bool_refuses_an_unclear_value(monkeypatch):
    monkeypatch.setenv("NEWSROOM_TEST_FLAG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="NEWSROOM_TEST_FLAG"):
        env_bool("NEWSROOM_TEST_FLAG", False)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("NEWSROOM_TEST_LIST", " a.example , b.example,,")

    assert env_list("NEWSROOM_TEST_LIST", []) == ["a.example", "b.example"]


def test_debug_is_off_unless_asked_for():
    assert print_setting("settings.DEBUG", env={**PRODUCTION, "DJANGO_DEBUG": ""}) == "False"
    assert print_setting("settings.DEBUG", env=LOCAL) == "True"


def test_nothing_set_means_production_and_says_how_to_run_locally():
    result = run_manage("check", env={})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
    assert "DJANGO_DEBUG=1" in result.stderr


def test_production_without_a_shared_cache_is_an_error_unless_single_process():
    without_redis = {**PRODUCTION, "REDIS_URL": ""}

    refused = run_manage("check", env=without_redis)
    single = run_manage("check", env={**without_redis, "NEWSROOM_SINGLE_PROCESS": "1"})

    assert refused.returncode != 0
    assert "newsroom.E001" in refused.stderr + refused.stdout
    assert "REDIS_URL" in refused.stderr + refused.stdout
    assert single.returncode == 0, single.stderr

"""DATABASE_REPLICA_URLS adds replica aliases behind a router, or refuses with one clear line."""

from tests.test_settings import LOCAL, print_setting, run_manage

PRIMARY = "postgres://newsroom:secret@127.0.0.1:5432/newsroom"
REPLICAS = "postgres://newsroom:secret@127.0.0.1:5433/newsroom, postgres://r@127.0.0.2:5432/news"


def test_replica_urls_add_one_alias_each_behind_the_router():
    env = {"DATABASE_URL": PRIMARY, "DATABASE_REPLICA_URLS": REPLICAS}

    aliases = print_setting("sorted(settings.DATABASES)", env=env)
    second = print_setting("settings.DATABASES['replica2']['HOST']", env=env)
    mirror = print_setting("settings.DATABASES['replica1']['TEST']['MIRROR']", env=env)
    routers = print_setting("settings.DATABASE_ROUTERS", env=env)
    middleware = print_setting("settings.MIDDLEWARE", env=env)

    assert aliases == "['default', 'replica1', 'replica2']"
    assert second == "127.0.0.2"
    assert mirror == "default"
    assert routers == "['newsroom.replicas.ReplicaRouter']"
    assert (
        "'django.contrib.auth.middleware.AuthenticationMiddleware', "
        "'newsroom.replicas.ReadFromReplicas'"
    ) in middleware


def test_without_replicas_there_is_no_router():
    assert print_setting("settings.DATABASE_ROUTERS", env={"DATABASE_URL": PRIMARY}) == "[]"


def test_replicas_of_the_embedded_sqlite_are_refused_in_one_line():
    result = run_manage("check", env={**LOCAL, "DATABASE_REPLICA_URLS": PRIMARY})

    assert result.returncode != 0
    assert "DATABASE_REPLICA_URLS needs DATABASE_URL to name the PostgreSQL primary" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_a_replica_url_that_is_not_postgresql_is_refused():
    env = {**LOCAL, "DATABASE_URL": PRIMARY, "DATABASE_REPLICA_URLS": "mysql://u:p@h/db"}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "replica 1 must be a postgres:// URL" in result.stderr
    assert "Traceback" not in result.stderr

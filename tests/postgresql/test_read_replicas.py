"""Public pages and the partner API read from a real streaming replica; writes and editors use
the primary; a lagging or dead replica never costs a reader a request or a fresh page."""

import threading
import time
import uuid

import pytest
from django.db import connection
from django.test import Client

from articles.models import Article
from tests.api.conftest import issue_key
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def poll(server, path: str, wanted: str, *, seconds: float, headers=None) -> float:
    """Seconds until ``path`` shows ``wanted``; fails after ``seconds``."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        status, body = server.get(path, headers)
        assert status == 200, body[:500]
        if wanted in body:
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError(f"{path} did not show {wanted!r} within {seconds} s")


def fresh(path: str) -> str:
    """The same page past the page cache."""
    return f"{path}?uncached={uuid.uuid4().hex}"


@pytest.fixture
def story():
    return ArticleFactory(live=True, signed=True, headline="Harbour cranes ordered")


@pytest.fixture
def other_story():
    return ArticleFactory(live=True, signed=True, headline="Harbour cranes ordered")


@pytest.fixture
def paused(replica):
    """The replica, caught up with the primary, holds still: what the primary commits
    meanwhile is not replayed."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_flush_lsn()::text")
        replica.pause_replay(after=cursor.fetchone()[0])
    yield replica
    replica.resume_replay()


def test_public_page_and_api_read_the_replica(app_servers, story, paused):
    (server,) = app_servers()
    key = issue_key()[1]
    Article.objects.filter(pk=story.pk).update(headline="Harbour cranes cancelled")

    page = server.get(fresh(story.get_absolute_url()))
    detail = server.get(f"/api/v1/articles/{story.slug}/", {"Authorization": f"Api-Key {key}"})

    # Nothing was cached before the change and the primary holds the new headline: only the
    # paused replica can still answer the old one.
    assert page[0] == 200 and "Harbour cranes ordered" in page[1]
    assert detail[0] == 200 and "Harbour cranes ordered" in detail[1]


def test_a_change_on_the_primary_is_on_the_replica_backed_page_within_a_second(
    app_servers, story, replica
):
    (server,) = app_servers()
    assert "Harbour cranes ordered" in server.get(story.get_absolute_url())[1]  # now cached

    story.headline = "Harbour cranes delivered early"
    story.save()

    assert poll(server, story.get_absolute_url(), "delivered early", seconds=5) < 1.0


def test_a_lagging_replica_never_leaves_an_old_page_in_the_cache(app_servers, story, paused):
    (server,) = app_servers()
    assert "Harbour cranes ordered" in server.get(story.get_absolute_url())[1]

    story.headline = "Harbour cranes delayed"
    story.save()  # committed on the primary; the replica has not replayed it

    # The page is rendered from the primary (the replica is behind the change) and cached.
    assert poll(server, story.get_absolute_url(), "delayed", seconds=2) < 1.0
    paused.resume_replay()
    assert "delayed" in server.get(story.get_absolute_url())[1]


def test_editors_and_the_admin_read_the_primary(app_servers, story, other_story, paused):
    (server,) = app_servers()
    editor = Client()
    editor.force_login(UserFactory(is_superuser=True))
    signed_in = {"Cookie": f"sessionid={editor.cookies['sessionid'].value}"}
    # Two stories changed alike: each page is rendered once, by one kind of reader, so that no
    # part one render caches stands in for the other's read.
    changed = [story.pk, other_story.pk]
    Article.objects.filter(pk__in=changed).update(headline="Harbour cranes renamed")

    admin_form = server.get(f"/admin/articles/article/{story.pk}/change/", signed_in)
    own_view = server.get(fresh(story.get_absolute_url()), signed_in)
    readers_view = server.get(fresh(other_story.get_absolute_url()))

    assert admin_form[0] == 200 and "Harbour cranes renamed" in admin_form[1]
    assert own_view[0] == 200 and "Harbour cranes renamed" in own_view[1]
    assert readers_view[0] == 200 and "Harbour cranes ordered" in readers_view[1]


def test_killing_the_replica_sends_reads_to_the_primary_without_a_failed_request(
    app_servers, story, replica
):
    (server,) = app_servers(NEWSROOM_REPLICA_RETRY_SECONDS="1")
    key = {"Authorization": f"Api-Key {issue_key()[1]}"}
    answers: list[int] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            answers.append(server.get(fresh(story.get_absolute_url()))[0])
            answers.append(server.get("/api/v1/articles/", key)[0])

    reader = threading.Thread(target=read)
    reader.start()
    try:
        time.sleep(1.0)
        served_before = len(answers)
        replica.kill()
        time.sleep(3.0)  # past the retry time: the dead replica is tried again, and skipped
    finally:
        stop.set()
        reader.join()
        replica.start()

    assert served_before > 0 and len(answers) > served_before + 10
    assert set(answers) == {200}, [a for a in answers if a != 200]

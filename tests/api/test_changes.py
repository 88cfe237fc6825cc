"""The change feed: replayed from the start it ends with exactly the live set."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def settled(settings):
    settings.NEWSROOM_CHANGES_SETTLE_SECONDS = 0


def replay(api, mirror: dict[str, int], start: str | None = None) -> str:
    """Apply the feed to ``mirror`` (slug to version) and return where to resume."""
    page = api.json(start or "changes/", {"page_size": 3} if start is None else None)
    while True:
        for change in page["results"]:
            if change["action"] == "withdrawn":
                mirror.pop(change["slug"], None)
            else:
                mirror[change["slug"]] = change["article"]["version"]
        if not page["next"]:
            return page["resume"]
        page = api.json(page["next"])


def live_set() -> dict[str, int]:
    return dict(Article.objects.live().values_list("slug", "version"))


def test_replaying_the_feed_from_the_start_gives_exactly_the_live_set(api):
    stories = ArticleFactory.create_batch(8, live=True)
    ArticleFactory(status="draft")
    ArticleFactory(status="published", publish_at=timezone.now() + timedelta(days=1))
    stories[0].headline = "Updated"
    stories[0].save()
    stories[1].status = "withdrawn"
    stories[1].save()
    stories[2].status = "withdrawn"
    stories[2].save()
    stories[2].status = "draft"
    stories[2].save()
    mirror: dict[str, int] = {}

    resume = replay(api, mirror)

    assert mirror == live_set()

    stories[3].status = "withdrawn"
    stories[3].save()
    stories[0].body = "Changed again."
    stories[0].save()
    fresh = ArticleFactory(live=True, publish_at=timezone.now())
    replay(api, mirror, resume)

    assert mirror == live_set()
    assert fresh.slug in mirror and stories[3].slug not in mirror


def test_an_embargoed_story_enters_the_feed_when_it_goes_live(api):
    ArticleFactory(live=True)
    mirror: dict[str, int] = {}
    resume = replay(api, mirror)
    soon = ArticleFactory(status="published", publish_at=timezone.now() + timedelta(seconds=1))

    replay(api, mirror, resume)
    assert soon.slug not in mirror

    time.sleep(1.2)
    replay(api, mirror, resume)
    assert mirror == live_set() and soon.slug in mirror


def test_a_story_never_live_leaves_no_tombstone(api):
    embargoed = ArticleFactory(status="published", publish_at=timezone.now() + timedelta(hours=1))
    embargoed.status = "withdrawn"
    embargoed.save()

    assert api.json("changes/")["results"] == []


def test_since_takes_a_time_and_refuses_with_a_cursor(api):
    old = ArticleFactory(live=True)
    Article.objects.filter(pk=old.pk).update(changed_at=timezone.now() - timedelta(days=2))
    new = ArticleFactory(live=True)
    since = (timezone.now() - timedelta(days=1)).isoformat()

    assert [c["slug"] for c in api.json("changes/", {"since": since})["results"]] == [new.slug]
    page = api.json("changes/", {"page_size": 1})
    cursor = page["next"].split("cursor=")[1]
    error = api.json("changes/", {"since": since, "cursor": cursor}, status=400)
    assert error["error"]["param"] == "since"


def test_recent_changes_wait_for_the_settle_delay(api, settings):
    settings.NEWSROOM_CHANGES_SETTLE_SECONDS = 60
    ArticleFactory(live=True)

    assert api.json("changes/")["results"] == []

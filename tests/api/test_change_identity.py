"""The change feed names stories by their permanent identifier, so no rename, withdrawal or new
embargo ever leaves a partner with a stale copy or a missed removal (issue 15, item 4)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from articles.services import (
    StaleEdit,
    WorkflowError,
    article_publish,
    article_return_to_draft,
    article_update,
    article_withdraw,
)
from articles.working import working_copy_publish
from tests.factories import ArticleFactory
from tests.groups import user_in

pytestmark = pytest.mark.django_db
SETTLE = 5  # the feed's default delay, kept: the clock is moved past it instead


def read_feed(api, mirror: dict, resume: str | None) -> str:
    """Follow the feed from ``resume`` (or the start) as a partner does, applying each entry to
    ``mirror`` (uid to slug, headline and version); return where to resume next time."""
    page = api.json(resume or "changes/", None if resume else {"page_size": 2})
    while True:
        for change in page["results"]:
            if change["action"] == "withdrawn":
                assert change["article"] is None
                mirror.pop(change["uid"], None)
            else:
                story = change["article"]
                assert story["uid"] == change["uid"]
                mirror[change["uid"]] = (story["slug"], story["headline"], story["version"])
        if not page["next"]:
            return page["resume"]
        page = api.json(page["next"])


def live_set() -> dict:
    return {
        str(uid): (slug, headline, version)
        for uid, slug, headline, version in Article.objects.live().values_list(
            "uid", "slug", "headline", "version"
        )
    }


@pytest.fixture
def editor(db):
    return user_in("Editor")


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2031, 5, 4, 9, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


def edit(story: Article, changes: dict, *, by) -> None:
    """An editor's change: saved on a draft, or made in a published story's working copy and
    published (the only way an edit reaches readers and partners)."""
    story.refresh_from_db()
    article_update(story, by=by, expected_version=story.version, changes=changes)
    if story.status == Article.Status.PUBLISHED:
        working_copy_publish(story, by=by)


def rename(story: Article, slug: str, *, by) -> None:
    edit(story, {"slug": slug}, by=by)


def test_a_story_withdrawn_and_rescheduled_before_the_partner_polls_is_dropped(api, editor, clock):
    story = ArticleFactory(signed=True)
    article_publish(story, by=editor)
    clock.shift(60)
    mirror: dict = {}
    resume = read_feed(api, mirror, None)
    assert str(story.uid) in mirror

    article_withdraw(story, by=editor)
    article_return_to_draft(story, by=editor)
    article_publish(story, by=editor, at=datetime(2031, 5, 5, 9, 0, tzinfo=UTC))
    clock.shift(60)
    resume = read_feed(api, mirror, resume)

    assert mirror == {} == live_set()
    clock.move_to(datetime(2031, 5, 5, 9, 1, tzinfo=UTC))
    read_feed(api, mirror, resume)
    assert mirror == live_set() and str(story.uid) in mirror


def test_a_story_renamed_then_withdrawn_is_dropped_under_every_slug_a_partner_saw(
    api, editor, clock
):
    story = ArticleFactory(signed=True, slug="first-name")
    article_publish(story, by=editor)
    clock.shift(60)
    resume = read_feed(api, {}, None)
    rename(story, "second-name", by=editor)
    clock.shift(1)
    rename(story, "third-name", by=editor)
    clock.shift(1)
    article_withdraw(story, by=editor)
    clock.shift(60)

    page = api.json(resume)

    [tombstone] = page["results"]
    assert tombstone["action"] == "withdrawn" and tombstone["uid"] == str(story.uid)
    assert tombstone["slug"] == "third-name"
    assert tombstone["former_slugs"] == ["second-name", "first-name"]


def test_a_renamed_live_story_stays_one_story_in_the_partners_copy(api, editor, clock):
    story = ArticleFactory(signed=True, slug="before")
    article_publish(story, by=editor)
    clock.shift(60)
    mirror: dict = {}
    resume = read_feed(api, mirror, None)
    rename(story, "after", by=editor)
    clock.shift(60)

    page = api.json(resume)
    read_feed(api, mirror, resume)

    assert page["results"][0]["former_slugs"] == ["before"]
    assert mirror == live_set() and mirror[str(story.uid)][0] == "after"


def test_a_story_scheduled_withdrawn_before_its_embargo_and_redrafted_is_never_listed(
    api, editor, clock
):
    story = ArticleFactory(signed=True)
    article_publish(story, by=editor, at=datetime(2031, 5, 4, 12, 0, tzinfo=UTC))
    clock.shift(60)
    article_withdraw(story, by=editor)
    article_return_to_draft(story, by=editor)
    clock.move_to(datetime(2031, 5, 4, 13, 0, tzinfo=UTC))
    for n in range(3):  # edits after the embargo would have lifted
        edit(story, {"headline": f"Draft {n}"}, by=editor)
        clock.shift(60)

    assert api.json("changes/")["results"] == []


def test_a_withdrawn_story_is_listed_once_however_often_it_is_edited_afterwards(api, editor, clock):
    story = ArticleFactory(signed=True)
    article_publish(story, by=editor)
    clock.shift(60)
    article_withdraw(story, by=editor)
    clock.shift(60)
    resume = read_feed(api, {}, None)
    article_return_to_draft(story, by=editor)
    edit(story, {"dek": "Later"}, by=editor)
    clock.shift(60)

    assert api.json(resume)["results"] == []


# -- Any sequence of moves, any polling schedule ---------------------------------------------------

MOVES = st.one_of(
    st.tuples(st.just("create")),
    st.tuples(st.just("publish"), st.integers(0, 5)),
    st.tuples(st.just("schedule"), st.integers(0, 5), st.integers(1, 600)),
    st.tuples(st.just("withdraw"), st.integers(0, 5)),
    st.tuples(st.just("draft"), st.integers(0, 5)),
    st.tuples(st.just("rename"), st.integers(0, 5), st.integers(0, 3)),
    st.tuples(st.just("edit"), st.integers(0, 5)),
    st.tuples(st.just("wait"), st.integers(1, 400)),
    st.tuples(st.just("poll")),
)
_runs = iter(range(10**6))


def apply_move(move: tuple, stories: list[Article], editor, clock) -> None:
    """One newsroom move; a move the workflow refuses (withdrawing a draft) changes nothing."""
    name, *args = move
    if name == "create":
        stories.append(ArticleFactory(signed=True))
        return
    if not stories:
        return
    story = stories[args[0] % len(stories)]
    story.refresh_from_db()
    try:
        if name == "publish":
            article_publish(story, by=editor)
        elif name == "schedule":
            article_publish(story, by=editor, at=timezone.now() + timedelta(seconds=args[1]))
        elif name == "withdraw":
            article_withdraw(story, by=editor)
        elif name == "draft":
            article_return_to_draft(story, by=editor)
        elif name == "rename":
            # Slugs come back: a story may take back a name it had, or one another story dropped.
            rename(story, f"name-{args[1]}-{story.pk % 2}", by=editor)
        elif name == "edit":
            changes = {"headline": f"{story.headline} again", "body": f"{story.body} More."}
            edit(story, changes, by=editor)
    except (WorkflowError, StaleEdit):
        pass
    except Exception as error:  # a slug another story holds now: the editor picks another
        if "UNIQUE" not in str(error).upper():
            raise


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(moves=st.lists(MOVES, max_size=25))
def test_a_partner_polling_at_any_moments_ends_with_exactly_the_live_set(api, editor, moves):
    start = datetime(2032, 1, 1, tzinfo=UTC) + timedelta(days=next(_runs))
    with time_machine.travel(start, tick=False) as clock:
        cache.clear()  # the rate limit counts per minute of the moved clock
        Article.objects.all().delete()
        stories: list[Article] = []
        mirror: dict = {}
        resume = None
        for move in moves:
            clock.shift(0.001)  # every move happens at its own moment
            if move[0] == "wait":
                clock.shift(move[1])
            elif move[0] == "poll":
                resume = read_feed(api, mirror, resume)
                # Whatever the moment, a partner never holds a story that was never public.
                once_public = set(
                    map(
                        str,
                        Article.objects.filter(first_published_at__isnull=False).values_list(
                            "uid", flat=True
                        ),
                    )
                )
                assert set(mirror) <= once_public
            else:
                apply_move(move, stories, editor, clock)
        clock.shift(600 + SETTLE + 1)  # past every embargo and the feed's settle delay
        read_feed(api, mirror, resume)

        assert mirror == live_set()

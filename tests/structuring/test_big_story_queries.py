"""Big stories cost about the same number of queries as small ones: no query per annotation.

Each operation is run on two stories seeded by the benchmark's own function, one with twice
the text and twice the annotations of the other. Rows written in bulk go in batches (on SQLite
a few dozen rows a statement, the database's limit on parameters), so the larger story may
take a statement more for every few dozen rows more; a query per annotation would add 50.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.services import article_update
from benchmarks.big_story_seeding import seed_big_story
from structuring.models import Annotation
from structuring.services import annotations_confirm_all
from structuring.suggesting import refresh_suggestions, suggestions_for_text
from tests.groups import user_in

pytestmark = pytest.mark.django_db

SIZES = ((1_000, 50), (2_000, 100))  # (words, annotations)


@pytest.fixture
def editor():
    return user_in("Editor", username="big-story-editor")


def stories(editor, *, annotated: bool = True, **options):
    return [
        seed_big_story(
            seed=n, words=words, annotations=annotations if annotated else 0, by=editor, **options
        )
        for n, (words, annotations) in enumerate(SIZES)
    ]


def counted(operation) -> int:
    with CaptureQueriesContext(connection) as queries:
        operation()
    return len(queries)


def assert_flat(counts: list[int], rows: list[int]) -> None:
    """The larger story's queries grow by at most one for every 10 more rows it writes."""
    assert counts[1] - counts[0] <= (rows[1] - rows[0]) // 10, (counts, rows)


def test_saving_an_edit_that_moves_every_annotation_costs_no_query_per_annotation(editor):
    editor.get_all_permissions()  # read once, as on any request after the first
    counts, rows = [], []
    for story in stories(editor):
        history = Annotation.history.filter(article_id=story.pk).count()
        body = "A sentence added at the top. " + story.body
        counts.append(
            counted(
                lambda story=story, body=body: article_update(
                    story, by=editor, expected_version=story.version, changes={"body": body}
                )
            )
        )
        moved = story.annotations.all()
        # Every annotation moved with its words, and each move is in its history.
        assert all(a.anchor_state == "anchored" for a in moved)
        assert all(body[a.start : a.end] == a.exact for a in moved)
        assert Annotation.history.filter(article_id=story.pk).count() == history + len(moved)
        rows.append(len(moved))
    assert_flat(counts, rows)
    assert counts[0] <= 25


def test_accepting_all_suggestions_costs_no_query_per_suggestion(editor):
    editor.get_all_permissions()
    counts, rows = [], []
    for story in stories(editor, suggested_share=1.0):
        pending = story.annotations.filter(review_state="suggested").count()
        assert pending >= 25
        counts.append(counted(lambda story=story: annotations_confirm_all(story, by=editor)))
        decided = story.annotations.filter(review_state="confirmed", reviewed_by=editor)
        assert decided.count() >= pending
        assert not story.annotations.filter(review_state="suggested").exists()
        assert (
            Annotation.history.filter(
                article_id=story.pk, history_change_reason="suggestion accepted"
            ).count()
            == pending
        )
        rows.append(pending)
    assert_flat(counts, rows)
    assert counts[0] <= 10


def test_storing_suggestions_costs_no_query_per_suggestion(editor):
    small, large = stories(editor, annotated=False)
    suggestions_for_text(small.body)  # the registry's matcher, built once for both
    counts = [counted(lambda story=story: refresh_suggestions(story)) for story in (small, large)]
    made = [s.annotations.filter(review_state="suggested").count() for s in (small, large)]
    assert made[1] > made[0] > 20
    assert Annotation.history.filter(article_id=large.pk).count() == made[1]
    assert_flat(counts, made)
    assert counts[0] <= 20


def test_opening_the_structure_screen_costs_the_same_queries(client, editor):
    client.force_login(editor)
    counts = []  # the screen writes nothing: exactly the same queries
    for story in stories(editor):
        page = reverse("admin:articles_article_structure", args=[story.pk])
        state = reverse("admin:structuring_state", args=[story.pk])
        counts.append(
            (
                counted(lambda page=page: client.get(page)),
                counted(lambda state=state: client.get(state)),
            )
        )
        assert client.get(page).status_code == 200
    assert counts[0] == counts[1]

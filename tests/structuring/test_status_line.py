"""The Structure screen says what state the story is in and what is left, in a few words."""

import pytest
from django.test import override_settings

from structuring.state import status_line, structure_state
from tests.factories import AnnotationFactory, ArticleFactory, CompanyFactory

pytestmark = pytest.mark.django_db


def test_a_live_story_with_a_mention_in_doubt_reads_live_and_what_needs_review():
    article = ArticleFactory(live=True, body="Orange signed with AT&T.")
    AnnotationFactory(article=article, words="Orange", anchor_state="needs_review")

    assert status_line(article) == "Live — 1 mention needs review"


def test_a_draft_with_nothing_left_reads_ready_to_publish():
    article = ArticleFactory(signed=True, body="Orange signed with AT&T.")
    AnnotationFactory(article=article, words="Orange", company=CompanyFactory())

    assert status_line(article) == "Draft — ready to publish"


def test_waiting_suggestions_are_counted():
    article = ArticleFactory(signed=True, body="Orange signed with AT&T.")
    AnnotationFactory(article=article, words="Orange", review_state="suggested")
    AnnotationFactory(article=article, words="AT&T", review_state="suggested")

    assert status_line(article) == "Draft — 2 suggestions wait"


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
@pytest.mark.django_db(transaction=True)
def test_suggestions_still_being_made_are_shown_as_pending():
    article = ArticleFactory(signed=True, body="Orange signed with AT&T.")

    state = structure_state(article)

    assert state["suggestions_pending"] is True
    assert state["status_line"] == "Draft — suggestions are being made"

"""Suggestions from a story's first save, made after commit by the task library's workers."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from articles.importing import import_story
from articles.publishing import publish_problems
from articles.story_format import parse_story_text
from structuring.models import Annotation
from structuring.tasks import suggestions_pending
from tests.factories import ArticleFactory, CompanyAliasFactory, CompanyFactory

BODY = "China Telecom extended its partnership with Orange SA into IoT in Asia."
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def registry(db):
    CompanyFactory(name="China Telecom", slug="china-telecom")
    orange = CompanyFactory(name="Orange", slug="orange", legal_name="Orange SA")
    CompanyAliasFactory(company=orange, name="Orange", case_sensitive=True)


def suggested(article) -> set[str]:
    return set(
        article.annotations.filter(review_state=Annotation.ReviewState.SUGGESTED).values_list(
            "exact", flat=True
        )
    )


def test_a_story_created_in_any_way_gets_suggestions_once_it_is_saved(
    registry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(body=BODY)

    assert {"China Telecom", "Orange SA"} <= suggested(article)


def test_an_imported_story_gets_suggestions(registry, django_capture_on_commit_callbacks):
    text = f"A new headline about carriers\n\n{BODY}\n".encode()
    with django_capture_on_commit_callbacks(execute=True):
        result = import_story(parse_story_text(text))

    assert "China Telecom" in suggested(result.article)


def test_nothing_is_suggested_before_the_story_is_committed(registry):
    article = ArticleFactory(body=BODY)  # the test's transaction never commits

    assert suggested(article) == set()


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_the_database_queue_and_its_worker_make_the_suggestions():
    CompanyFactory(name="China Telecom", slug="china-telecom")
    article = ArticleFactory(body=BODY)

    assert suggested(article) == set()
    assert suggestions_pending(article.pk)
    assert "Suggestions are still being made" in " ".join(publish_problems(article))

    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)

    assert "China Telecom" in suggested(article)
    assert not suggestions_pending(article.pk)
    assert not [p for p in publish_problems(article) if "still being made" in p]

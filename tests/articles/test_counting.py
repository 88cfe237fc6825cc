"""Counts written by several processes at once are added, never lost."""

import threading

import pytest
from django.db import connection, transaction

from articles.counting import add_to_count
from articles.models import PageView
from tests.factories import ArticleFactory


@pytest.mark.django_db(transaction=True)
def test_two_writers_creating_the_same_count_row_both_count():
    story = ArticleFactory(live=True)
    day = story.publish_at.date()
    start = threading.Barrier(4)
    failures = []

    def write(count: int) -> None:
        try:
            start.wait()
            with transaction.atomic():
                add_to_count(PageView, {"article_id": story.pk, "day": day}, "count", count)
        except Exception as error:  # reported below: the test wants none
            failures.append(error)
        finally:
            connection.close()

    writers = [threading.Thread(target=write, args=(n,)) for n in (1, 2, 3, 4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()

    assert failures == []
    assert PageView.objects.get(article=story, day=day).count == 10


@pytest.mark.django_db
def test_adding_to_an_existing_count_row_adds():
    story = ArticleFactory(live=True)
    day = story.publish_at.date()

    add_to_count(PageView, {"article_id": story.pk, "day": day}, "count", 3)
    add_to_count(PageView, {"article_id": story.pk, "day": day}, "count", 4)

    assert PageView.objects.get(article=story, day=day).count == 7

"""Query counts per page do not grow with the page size or the annotations per story."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.caching import bump_generation
from articles.models import Article
from tests.factories import (
    AgreementFactory,
    AnnotationFactory,
    ArticleFactory,
    BylineFactory,
    PartyFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db

WORDS = " ".join(f"Firm{n}" for n in range(40))


def newsroom(stories: int, annotations: int) -> None:
    deal = AgreementFactory()
    PartyFactory(agreement=deal)
    PartyFactory(agreement=deal)
    deal.sectors.add(SectorFactory())
    for _ in range(stories):
        story = ArticleFactory(live=True, body=f"{WORDS} joint venture.")
        BylineFactory(article=story)
        BylineFactory(article=story, position=2)
        for n in range(annotations):
            AnnotationFactory(article=story, words=f"Firm{n}")
        AnnotationFactory(
            article=story, words="joint venture", kind="agreement", company=None, agreement=deal
        )


def queries(api, path, params=None) -> int:
    """Queries of one answer built from nothing (the cache of built stories emptied first)."""
    cache.clear()
    bump_generation()  # and the site state is read afresh, one query each time
    api.json("sections/")  # the key is cached again, as it is for every later request
    with CaptureQueriesContext(connection) as captured:
        api.json(path, params)
    return len(captured)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("articles/", {}),
        ("articles/", {"company": "company-1"}),
        ("companies/", {}),
        ("agreements/", {}),
        ("changes/", {}),
        ("reporters/", {}),
    ],
)
def test_list_queries_are_the_same_for_small_and_large_pages(api, settings, path, params):
    settings.NEWSROOM_CHANGES_SETTLE_SECONDS = 0
    newsroom(stories=12, annotations=3)

    small = queries(api, path, {**params, "page_size": 2})
    large = queries(api, path, {**params, "page_size": 12})

    assert small == large


def test_article_queries_are_the_same_with_1_and_30_annotations_per_story(api):
    newsroom(stories=3, annotations=1)
    few_list = queries(api, "articles/")
    few_slug = api.json("articles/", {"page_size": 1})["results"][0]["slug"]
    few_detail = queries(api, f"articles/{few_slug}/")

    newsroom(stories=3, annotations=30)
    many_list = queries(api, "articles/")
    detail_slug = api.json("articles/", {"page_size": 1})["results"][0]["slug"]
    many_detail = queries(api, f"articles/{detail_slug}/")

    assert few_list == many_list
    assert few_detail == many_detail


def test_a_story_built_once_is_served_from_the_cache_until_it_changes(api):
    newsroom(stories=4, annotations=3)
    cold = queries(api, "articles/")

    with CaptureQueriesContext(connection) as warm:
        first = api.json("articles/")
    story = Article.objects.live().first()
    story.headline = "A new headline"
    story.save()
    changed = api.json("articles/")

    assert len(warm) < cold
    assert "A new headline" not in str(first)
    assert "A new headline" in str(changed)

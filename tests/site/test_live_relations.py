"""Cached fragments follow the site generation, and relations show only what live stories back."""

import pytest
from django.utils import timezone

from articles.services import article_withdraw
from tests.factories import (
    AnnotationFactory,
    ArticleFactory,
    BylineFactory,
    CompanyFactory,
    PageViewFactory,
    RankingFactory,
    ReporterFactory,
)
from tests.groups import user_in

pytestmark = pytest.mark.django_db


def test_a_withdrawn_story_leaves_most_read_at_once(client, django_capture_on_commit_callbacks):
    RankingFactory(kind="most_read", slug="most-read", title="Most read")
    popular = ArticleFactory(live=True, headline="A much-read story")
    ArticleFactory(live=True, headline="Another story")
    PageViewFactory(article=popular, day=timezone.now().date(), count=500)
    assert "A much-read story" in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        article_withdraw(popular, by=user_in("Editor"))

    assert "A much-read story" not in client.get("/").content.decode()


def test_a_company_page_lists_no_relative_that_only_a_draft_names(client):
    parent = CompanyFactory(name="Parent Holdings", slug="parent-holdings")
    shown = CompanyFactory(name="Shown Unit", slug="shown-unit", parent=parent)
    CompanyFactory(name="Secret Unit", slug="secret-unit", parent=parent)
    live = ArticleFactory(live=True, body="Parent Holdings and Shown Unit met.")
    AnnotationFactory(article=live, words="Parent Holdings", company=parent)
    AnnotationFactory(article=live, words="Shown Unit", company=shown)
    draft = ArticleFactory(body="Secret Unit is for sale.")
    AnnotationFactory(
        article=draft,
        words="Secret Unit",
        company=CompanyFactory._meta.model.objects.get(slug="secret-unit"),
    )

    page = client.get("/companies/parent-holdings/").content.decode()

    assert "Shown Unit" in page
    assert "Secret Unit" not in page


def test_a_reporter_page_exists_only_with_a_live_story(client):
    published = ReporterFactory(slug="on-the-record")
    BylineFactory(article=ArticleFactory(live=True), reporter=published)
    unpublished = ReporterFactory(slug="drafts-only")
    BylineFactory(article=ArticleFactory(), reporter=unpublished)

    assert client.get("/reporters/on-the-record/").status_code == 200
    assert client.get("/reporters/drafts-only/").status_code == 404

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Ranking
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    PageViewFactory,
    RankingEntryFactory,
    RankingFactory,
    ReporterFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "offset", "live"),
    [
        (Article.Status.PUBLISHED, -60, True),
        (Article.Status.PUBLISHED, +3600, False),
        (Article.Status.DRAFT, -60, False),
        (Article.Status.REVIEW, -60, False),
        (Article.Status.WITHDRAWN, -60, False),
    ],
)
def test_live_means_published_and_past_any_embargo(status, offset, live):
    article = ArticleFactory(status=status, publish_at=timezone.now() + timedelta(seconds=offset))

    assert (article in Article.objects.live()) is live
    assert article.is_live is live
    embargoed = status == Article.Status.PUBLISHED and not live
    assert (article in Article.objects.embargoed()) is embargoed


def test_embargoed_story_becomes_live_when_publish_at_passes():
    publish_at = timezone.now() + timedelta(hours=2)
    article = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=publish_at)

    assert not Article.objects.live(at=publish_at - timedelta(seconds=1)).filter(pk=article.pk)
    assert Article.objects.live(at=publish_at).get() == article


def test_body_is_stored_nfc_with_unix_line_ends_and_single_blank_lines():
    article = ArticleFactory(body="Cafe\u0301 deal.\r\n\r\n\r\nSecond paragraph.\r\n")

    article.refresh_from_db()
    assert article.body == "Café deal.\n\nSecond paragraph."


def test_every_save_raises_the_version():
    article = ArticleFactory()
    assert article.version == 1

    article.dek = "Changed"
    article.save()
    article.save(update_fields=["dek"])

    article.refresh_from_db()
    assert article.version == 3


def test_publishing_sets_publish_and_first_published_times():
    article = ArticleFactory()

    article.status = Article.Status.PUBLISHED
    article.save()

    assert article.publish_at is not None
    assert article.first_published_at == article.publish_at


def test_published_story_without_publish_time_is_refused_by_the_database():
    article = ArticleFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)


def test_article_slug_is_unique():
    ArticleFactory(slug="same")

    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="same")


def test_byline_keeps_its_order():
    article = ArticleFactory()
    second, first = ReporterFactory(name="Second"), ReporterFactory(name="First")
    BylineFactory(article=article, reporter=second, position=2)
    BylineFactory(article=article, reporter=first, position=1)

    fetched = Article.objects.with_byline().get(pk=article.pk)

    assert fetched.byline == [first, second]


def test_byline_position_is_unique_per_article():
    byline = BylineFactory(position=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        BylineFactory(article=byline.article, position=1)


def test_reporter_email_is_unique_ignoring_case():
    ReporterFactory(email="a@newsroom.example")

    with pytest.raises(IntegrityError), transaction.atomic():
        ReporterFactory(email="A@Newsroom.example")


def test_reporters_without_email_may_coexist():
    ReporterFactory(email="")
    ReporterFactory(email="")


def test_one_entry_per_ranking_position():
    ranking = RankingFactory()
    RankingEntryFactory(ranking=ranking, position=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        RankingEntryFactory(ranking=ranking, position=1)


def test_ranking_entry_must_start_before_it_ends():
    now = timezone.now()

    with pytest.raises(IntegrityError), transaction.atomic():
        RankingEntryFactory(starts_at=now, ends_at=now - timedelta(days=1))


def test_partner_entry_link_must_be_http():
    entry = RankingEntryFactory.build(
        ranking=RankingFactory(kind=Ranking.Kind.PARTNER), url="javascript:alert(1)"
    )

    with pytest.raises(ValidationError):
        entry.full_clean()


def test_page_views_are_one_row_per_story_and_day():
    view = PageViewFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        PageViewFactory(article=view.article, day=view.day)


def test_section_with_stories_cannot_be_deleted():
    section = SectionFactory()
    ArticleFactory(section=section)

    with pytest.raises(Exception, match="protected"):
        section.delete()

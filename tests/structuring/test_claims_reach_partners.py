"""A change to what a live story claims about a deal reaches partners like any other change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def an_hour_ago(article):
    Article.objects.filter(pk=article.pk).update(changed_at=timezone.now() - timedelta(hours=1))


def test_a_claim_made_changed_or_withdrawn_puts_the_live_story_back_in_the_change_feed():
    article = ArticleFactory(live=True, signed=True)
    moments = []
    for step in ("made", "changed", "deleted"):
        an_hour_ago(article)
        if step == "made":
            claim = ClaimFactory(article=article)
        elif step == "changed":
            claim.text = "Beijing"
            claim.save()
        else:
            claim.delete()
        article.refresh_from_db()
        moments.append(timezone.now() - article.changed_at)

    assert all(moment < timedelta(minutes=1) for moment in moments)

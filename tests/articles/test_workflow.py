import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.services import (
    StaleEdit,
    WorkflowError,
    article_publish,
    article_return_to_draft,
    article_submit,
    article_update,
    article_withdraw,
)
from structuring.models import Annotation
from tests.factories import (
    AgreementFactory,
    AnnotationFactory,
    ArticleFactory,
    PartyFactory,
)
from tests.groups import user_in


@pytest.fixture
def editor(db):
    return user_in("Editor")


@pytest.fixture
def reporter(db):
    return user_in("Reporter")


@pytest.mark.django_db
def test_draft_goes_to_review_then_published_then_withdrawn_then_draft(editor, reporter):
    article = ArticleFactory(signed=True)

    article_submit(article, by=reporter)
    assert article.status == "review"
    article_publish(article, by=editor)
    assert article.status == "published"
    assert Article.objects.live().filter(pk=article.pk).exists()
    article_withdraw(article, by=editor)
    assert not Article.objects.live().filter(pk=article.pk).exists()
    article_return_to_draft(article, by=editor)
    assert article.status == "draft"
    reasons = [h.history_change_reason for h in article.history.all()]
    assert {"submitted for review", "published", "withdrawn", "returned to draft"} <= set(reasons)


@pytest.mark.django_db
def test_reporter_cannot_publish_or_withdraw(reporter, editor):
    article = ArticleFactory(signed=True)
    with pytest.raises(PermissionDenied):
        article_publish(article, by=reporter)
    article_publish(article, by=editor)
    with pytest.raises(PermissionDenied):
        article_withdraw(article, by=reporter)


@pytest.mark.django_db
def test_partner_manager_cannot_edit_stories():
    manager = user_in("Partner manager")
    article = ArticleFactory(signed=True)

    with pytest.raises(PermissionDenied):
        article_update(article, by=manager, expected_version=article.version, changes={"dek": "x"})
    with pytest.raises(PermissionDenied):
        article_submit(article, by=manager)


@pytest.mark.django_db
def test_scheduling_sets_an_embargo(editor):
    article = ArticleFactory(signed=True)
    later = timezone.now() + timedelta(hours=3)

    article_publish(article, by=editor, at=later)

    assert article.status == "published"
    assert not Article.objects.live().filter(pk=article.pk).exists()
    assert Article.objects.live(at=later).filter(pk=article.pk).exists()


@pytest.mark.django_db
def test_impossible_move_is_refused(editor):
    article = ArticleFactory(signed=True)
    with pytest.raises(WorkflowError, match="cannot go from Draft to Withdrawn"):
        article_withdraw(article, by=editor)


@pytest.mark.django_db
def test_publishing_is_refused_with_every_reason(editor):
    article = ArticleFactory(
        body="China Telecom and AT&T extended their joint venture. Orange too."
    )
    AnnotationFactory(article=article, words="China Telecom", review_state="suggested")
    AnnotationFactory(article=article, words="AT&T", anchor_state="needs_review")
    AnnotationFactory(article=article, words="Orange", anchor_state="orphaned")
    deal = AgreementFactory(title="Lonely venture")
    PartyFactory(agreement=deal)
    AnnotationFactory(
        article=article,
        words="joint venture",
        kind=Annotation.Kind.AGREEMENT,
        company=None,
        agreement=deal,
    )

    with pytest.raises(WorkflowError) as refused:
        article_publish(article, by=editor)

    reasons = " ".join(refused.value.reasons)
    assert "1 suggestion(s) not reviewed yet" in reasons
    assert "“AT&T” needs review" in reasons
    assert "“Orange” is orphaned" in reasons
    assert "“Lonely venture” has 1 party" in reasons
    article.refresh_from_db()
    assert article.status == "draft"


@pytest.mark.django_db
def test_rejected_suggestions_do_not_block_publishing(editor):
    article = ArticleFactory(signed=True)
    AnnotationFactory(article=article, review_state="rejected")

    article_publish(article, by=editor)

    assert article.status == "published"


@pytest.mark.django_db
def test_stale_save_is_refused_and_names_what_changed(editor):
    article = ArticleFactory(signed=True)
    opened = article.version
    article_update(article, by=editor, expected_version=opened, changes={"headline": "Theirs"})

    with pytest.raises(StaleEdit) as refused:
        article_update(article, by=editor, expected_version=opened, changes={"dek": "Mine"})

    assert refused.value.changes == ["headline"]
    article.refresh_from_db()
    assert (article.headline, article.dek) == ("Theirs", "")


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_at_once_one_wins_one_is_refused():
    editor_a, editor_b = user_in("Editor"), user_in("Editor")
    article = ArticleFactory(signed=True)
    opened = article.version
    barrier = threading.Barrier(2)
    outcomes = []

    def save(user, dek):
        try:
            barrier.wait(timeout=10)
            article_update(
                Article.objects.get(pk=article.pk),
                by=user,
                expected_version=opened,
                changes={"dek": dek},
            )
            outcomes.append("saved")
        except StaleEdit:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(u, d)) for u, d in ((editor_a, "A"), (editor_b, "B"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["refused", "saved"]
    article.refresh_from_db()
    assert article.version == opened + 1


@pytest.mark.django_db
def test_publishing_is_refused_without_a_section_or_a_byline(editor):
    article = ArticleFactory(section=None)

    with pytest.raises(WorkflowError) as refused:
        article_publish(article, by=editor)

    assert refused.value.reasons == [
        "Choose a section for the story.",
        "Add at least one reporter to the byline.",
    ]
    article.refresh_from_db()
    assert article.status == "draft"

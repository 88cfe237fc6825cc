"""Re-anchoring happens wherever a body is saved: the model, the importer, the shell."""

import pytest
from django.core.management import call_command

from structuring.models import Annotation
from tests.factories import AnnotationFactory, ArticleFactory, CompanyFactory

pytestmark = pytest.mark.django_db

BODY = "China Telecom extended its partnership with Orange.\n\nAT&T was not part of it."


def test_saving_a_new_body_moves_annotations_with_their_words():
    article = ArticleFactory(body=BODY)
    orange = AnnotationFactory(article=article, words="Orange")

    article.body = "In Shanghai, " + BODY
    article.save()

    orange.refresh_from_db()
    assert orange.anchor_state == "anchored"
    assert article.body[orange.start : orange.end] == "Orange"
    assert orange.history.first().history_change_reason.startswith("re-anchored")


def test_deleting_the_words_orphans_but_keeps_the_annotation():
    article = ArticleFactory(body=BODY)
    att = AnnotationFactory(article=article, words="AT&T")

    article.body = "China Telecom extended its partnership with Orange."
    article.save()

    att.refresh_from_db()
    assert att.anchor_state == "orphaned"
    assert att.exact == "AT&T"
    assert att.review_state == Annotation.ReviewState.CONFIRMED


def test_changing_the_words_of_a_span_asks_for_review():
    article = ArticleFactory(body=BODY)
    telecom = AnnotationFactory(article=article, words="China Telecom")

    article.body = BODY.replace("China Telecom", "China State Telecom")
    article.save()

    telecom.refresh_from_db()
    assert telecom.anchor_state == "needs_review"


def test_reimporting_a_changed_story_reanchors_its_annotations(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("A Headline\n\n" + BODY.replace("\n\n", "\n") + "\n")
    call_command("import_stories", str(path))
    from articles.models import Article

    article = Article.objects.get()
    annotation = AnnotationFactory(article=article, words="Orange", company=CompanyFactory())

    path.write_text("A Headline\n\nToday, " + BODY.replace("\n\n", "\n") + "\n")
    call_command("import_stories", str(path))

    annotation.refresh_from_db()
    article.refresh_from_db()
    assert article.body[annotation.start : annotation.end] == "Orange"
    assert annotation.anchor_state == "anchored"

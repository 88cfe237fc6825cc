import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from deals.models import Agreement
from structuring.models import Annotation
from tests.factories import (
    AgreementEventFactory,
    AgreementFactory,
    AnnotationFactory,
    ArticleFactory,
    CompanyAliasFactory,
    CompanyFactory,
    PartyFactory,
    PersonFactory,
    RegionFactory,
    SectorFactory,
    TickerFactory,
)

pytestmark = pytest.mark.django_db


def test_every_factory_builds_a_valid_row():
    for factory in (
        CompanyFactory,
        CompanyAliasFactory,
        TickerFactory,
        SectorFactory,
        RegionFactory,
        AgreementFactory,
        PartyFactory,
        AgreementEventFactory,
        PersonFactory,
        AnnotationFactory,
    ):
        factory().full_clean()


def test_annotation_carries_span_and_quote_selector():
    article = ArticleFactory(body="Before the words China Telecom and after them.")

    annotation = AnnotationFactory(article=article, words="China Telecom")

    assert (annotation.start, annotation.end) == (17, 30)
    assert annotation.exact == "China Telecom"
    assert annotation.prefix == "Before the words "
    assert annotation.suffix == " and after them."


@pytest.mark.parametrize(("start", "end"), [(5, 5), (6, 5)])
def test_empty_or_reversed_span_is_refused_by_the_database(start, end):
    annotation = AnnotationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.filter(pk=annotation.pk).update(start=start, end=end)


def test_anchored_annotation_must_quote_the_body():
    annotation = AnnotationFactory.build(article=ArticleFactory(), exact="Not the body")

    with pytest.raises(ValidationError, match="must equal the body"):
        annotation.save()


def test_span_past_the_end_of_the_body_is_refused():
    article = ArticleFactory(body="Short body.")
    annotation = AnnotationFactory.build(
        article=article, start=6, end=40, exact="body.", prefix="", suffix=""
    )

    with pytest.raises(ValidationError, match="past the body"):
        annotation.full_clean()


def test_orphaned_annotation_keeps_its_quote_when_the_words_are_gone():
    annotation = AnnotationFactory(anchor_state=Annotation.AnchorState.ORPHANED)
    annotation.exact = "words no longer in the body"

    annotation.save()

    assert Annotation.objects.get(pk=annotation.pk).exact == "words no longer in the body"


def test_target_must_match_the_kind():
    annotation = AnnotationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.filter(pk=annotation.pk).update(
            kind=Annotation.Kind.AGREEMENT, agreement=AgreementFactory()
        )


def test_confirmed_annotation_needs_a_target():
    annotation = AnnotationFactory(review_state=Annotation.ReviewState.SUGGESTED)

    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.filter(pk=annotation.pk).update(
            company=None, review_state=Annotation.ReviewState.CONFIRMED
        )


def test_confidence_must_be_between_zero_and_one():
    annotation = AnnotationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.filter(pk=annotation.pk).update(confidence=1.5)


def test_company_lei_is_unique_when_given():
    CompanyFactory(lei="5493001KJTIIGC8Y1R12")
    CompanyFactory(lei="")
    CompanyFactory(lei="")

    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyFactory(lei="5493001KJTIIGC8Y1R12")


def test_malformed_identifiers_fail_validation():
    company = CompanyFactory.build(lei="not-an-lei", wikidata_id="12", country="China")

    with pytest.raises(ValidationError) as caught:
        company.full_clean()

    assert set(caught.value.message_dict) >= {"lei", "wikidata_id", "country"}


def test_company_cannot_be_its_own_ancestor():
    parent = CompanyFactory()
    child = CompanyFactory(parent=parent)
    parent.parent = child

    with pytest.raises(ValidationError, match="ancestor"):
        parent.full_clean()


def test_ticker_is_unique_per_exchange():
    TickerFactory(exchange="NYSE", symbol="T")

    with pytest.raises(IntegrityError), transaction.atomic():
        TickerFactory(exchange="NYSE", symbol="T")


def test_company_is_a_party_to_an_agreement_once():
    party = PartyFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        PartyFactory(agreement=party.agreement, company=party.company)


def test_deal_value_needs_a_currency():
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(value=100, currency="")


def test_unknown_agreement_kind_is_refused_by_the_database():
    agreement = AgreementFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(kind="friendship")


def test_story_backing_a_timeline_event_cannot_be_deleted():
    event = AgreementEventFactory()

    with pytest.raises(Exception, match="protected"):
        event.article.delete()

"""The public terms of deals: the latest live claim stands, conflicts show, filters read the
same claim, and any past moment replays."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from articles.services import article_withdraw
from deals.models import Agreement
from structuring import selectors
from structuring.claims import claim_make
from tests.factories import AgreementFactory, ArticleFactory
from tests.groups import user_in

pytestmark = pytest.mark.django_db


def story(hours_ago: float, **fields):
    return ArticleFactory(
        live=True, body="A deal.", publish_at=timezone.now() - timedelta(hours=hours_ago), **fields
    )


def claim(article, deal, term, **values):
    return claim_make(
        article, deal, by=None, check_permission=False, term=term, asserted=True, **values
    )


def test_the_latest_live_story_sets_a_term_and_a_marked_conflict_shows_both():
    deal = AgreementFactory(kind="acquisition")
    early, late = story(5), story(1)
    claim(early, deal, "value", amount=Decimal("1.2e9"), currency="USD")
    claim(late, deal, "value", amount=Decimal("1.4e9"), currency="USD")

    terms = selectors.terms_of([deal])[deal.pk]
    assert terms.one("value").amount == Decimal("1.4e9")
    (value,) = [t for t in terms if t.name == "value"]
    assert [value.standing(c) for c in value.claims] == ["current", "superseded"]

    claim(late, deal, "value", amount=Decimal("1.4e9"), currency="USD", resolution="conflict")
    (value,) = [t for t in selectors.terms_of([deal])[deal.pk] if t.name == "value"]
    assert [c.amount for c in value.conflicting] == [Decimal("1.2e9")]


def test_filters_read_the_claim_that_stands():
    cheap, dear, unknown = (AgreementFactory(kind="acquisition") for _ in range(3))
    for deal, amount, currency in ((cheap, "5e6", "EUR"), (dear, "2e9", "USD")):
        claim(story(2), deal, "value", amount=Decimal(amount), currency=currency)
    claim(story(3), unknown, "status", status="announced")
    claim(story(1), dear, "stake", percent=Decimal("49"))
    # An older story valued the dear deal low; the later one stands.
    claim(story(9), dear, "value", amount=Decimal("1e6"), currency="USD")

    def found(**terms):
        return set(
            selectors.agreements_by_terms(Agreement.objects.all(), **terms).values_list(
                "pk", flat=True
            )
        )

    assert found(value_min=Decimal("1e9")) == {dear.pk}
    assert found(value_max=Decimal("1e7")) == {cheap.pk}
    assert found(currency="EUR") == {cheap.pk}
    assert found(stake_min=Decimal("40"), stake_max=Decimal("50")) == {dear.pk}
    assert found(status="announced") == {unknown.pk}


def test_a_past_moment_replays_the_wording_then_live():
    editor = user_in("Editor")
    deal = AgreementFactory()
    first = story(3)
    claim(first, deal, "status", status="announced")
    before_change = timezone.now()
    claim(first, deal, "status", status="signed")
    before_withdrawal = timezone.now()
    article_withdraw(first, by=editor)

    assert selectors.terms_of([deal], at=before_change)[deal.pk].status == "announced"
    assert selectors.terms_of([deal], at=before_withdrawal)[deal.pk].status == "signed"
    assert not selectors.public_agreements().filter(pk=deal.pk).exists()
    assert selectors.public_agreements(at=before_withdrawal).filter(pk=deal.pk).exists()

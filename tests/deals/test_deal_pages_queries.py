"""Deal and company pages read claims in a fixed number of queries, however many there are."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.caching import bump_generation
from structuring.claims import claim_make
from tests.factories import (
    AgreementFactory,
    AnnotationFactory,
    ArticleFactory,
    CompanyFactory,
    PartyFactory,
)

pytestmark = pytest.mark.django_db


def deal_with_claims(size: int):
    """A deal that ``size`` live stories report, each with its value and a new adviser."""
    buyer, target = CompanyFactory(), CompanyFactory()
    deal = AgreementFactory(kind="acquisition", status="announced")
    PartyFactory(agreement=deal, company=buyer, role="acquirer")
    PartyFactory(agreement=deal, company=target, role="target")
    for i in range(size):
        body = f"The buyer raised its offer to $1.{i}bn, advised by Bank{i}."
        story = ArticleFactory(
            live=True, body=body, publish_at=timezone.now() - timedelta(hours=size - i)
        )
        AnnotationFactory(
            article=story, words="offer", kind="agreement", company=None, agreement=deal
        )
        words = f"$1.{i}bn"
        start = body.index(words)
        claim_make(
            story,
            deal,
            by=None,
            check_permission=False,
            term="value",
            amount=Decimal(f"1.{i}") * 10**9,
            currency="USD",
            spans=[(start, start + len(words))],
            resolution="supersedes",
        )
        bank = CompanyFactory(name=f"Bank{i}")
        start = body.index(f"Bank{i}")
        claim_make(
            story,
            deal,
            by=None,
            check_permission=False,
            term="adviser",
            company=bank,
            counterpart=buyer,
            spans=[(start, start + len(f"Bank{i}"))],
        )
    return deal, buyer


def queries_for(client, path: str) -> int:
    cache.clear()
    bump_generation()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_deal_and_company_pages_take_constant_queries_as_claims_grow(client):
    deal_counts, company_counts = [], []
    for size in (1, 10, 100):
        deal, buyer = deal_with_claims(size)
        deal_counts.append(queries_for(client, deal.get_absolute_url()))
        company_counts.append(queries_for(client, buyer.get_absolute_url()))

    assert deal_counts[0] == deal_counts[1] == deal_counts[2], deal_counts
    assert company_counts[0] == company_counts[1] == company_counts[2], company_counts


def test_deal_page_writes_terms_for_people_with_their_history(client):
    deal, _ = deal_with_claims(3)

    page = client.get(deal.get_absolute_url()).content.decode()

    assert "Value: $1.2bn" in page  # the latest story's value stands
    assert page.count("(superseded)") >= 2  # the earlier values, each with its story
    assert "Bank0, advising" in page and "Bank2, advising" in page

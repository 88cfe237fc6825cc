"""Setting deal terms from the Structure screen: selected words become evidence; bad input is
refused with the field named, and nothing is written."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deals.models import Claim
from tests.factories import AgreementFactory, AnnotationFactory, ArticleFactory, CompanyFactory
from tests.groups import user_in

pytestmark = pytest.mark.django_db

BODY = "Acme agreed to buy a 49% stake in Widgets for $68.7bn, closing on 14 May 2025."


@pytest.fixture
def scene(client):
    client.force_login(user_in("Editor"))
    acme, widgets = CompanyFactory(name="Acme"), CompanyFactory(name="Widgets")
    deal = AgreementFactory(kind="acquisition", status="announced")
    story = ArticleFactory(body=BODY)
    AnnotationFactory(article=story, words="buy", kind="agreement", company=None, agreement=deal)
    return {"story": story, "deal": deal, "acme": acme, "widgets": widgets}


def send(client, scene, **payload):
    address = reverse("admin:structuring_claim", args=[scene["story"].pk, scene["deal"].pk])
    return client.post(address, json.dumps(payload), content_type="application/json")


def words(text: str) -> dict:
    start = BODY.index(text)
    return {"start": start, "end": start + len(text)}


def test_selected_words_become_the_evidence_of_a_value(client, scene):
    response = send(
        client, scene, term="value", amount="68700000000", currency="USD", **words("$68.7bn")
    )

    assert response.status_code == 200, response.content
    claim = Claim.objects.current().get(article=scene["story"], term="value")
    assert (claim.amount, claim.currency, claim.asserted) == (68_700_000_000, "USD", False)
    assert [e.exact for e in claim.evidence.all()] == ["$68.7bn"]
    shown = response.json()["state"]["agreements"][0]["claims"]
    assert {"term": "value", "text": "$68.7bn"}.items() <= next(
        c for c in shown if c["term"] == "value"
    ).items()


def test_a_stake_and_a_past_completion_are_claimed(client, scene):
    assert (
        send(
            client,
            scene,
            term="stake",
            percent="49",
            company_id=scene["widgets"].pk,
            **words("49%"),
        ).status_code
        == 200
    )
    assert (
        send(client, scene, term="completed", on="2025-05-14", **words("14 May 2025")).status_code
        == 200
    )

    stake = Claim.objects.current().get(term="stake")
    assert (stake.percent, stake.company) == (49, scene["widgets"])


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"term": "value", "amount": "68700000000", **words("$68.7bn")}, "currency"),
        ({"term": "value", "amount": "12", "currency": "DOLLARS", **words("$68.7bn")}, "currency"),
        ({"term": "value", "amount": "lots", "currency": "USD", **words("$68.7bn")}, "amount"),
        ({"term": "stake", "percent": "149", **words("49%")}, "percent"),
        ({"term": "stake", "percent": "-1", **words("49%")}, "percent"),
        (
            {
                "term": "completed",
                "on": (timezone.now() + timedelta(days=30)).date().isoformat(),
                **words("14 May 2025"),
            },
            "on",
        ),
        ({"term": "completed", "on": "14/05/2025", **words("14 May 2025")}, "on"),
        ({"term": "party", "role": "licensor", "company_id": 0, **words("Acme")}, "role"),
        ({"term": "weather", **words("Acme")}, "term"),
        ({"term": "status", "status": "terminated", "start": 3}, "end"),
        ({"term": "status", "status": "terminated", "start": 5, "end": 9999}, "start"),
        ({"term": "status", "status": "terminated"}, "evidence"),
    ],
)
def test_bad_terms_are_refused_naming_the_field_and_write_nothing(client, scene, payload, field):
    if payload.get("company_id") == 0:
        payload["company_id"] = scene["acme"].pk
    before = (Claim.objects.count(), Claim.history.count())

    response = send(client, scene, **payload)

    assert response.status_code == 400, response.content
    assert response.json()["error"]["field"] == field, response.json()
    assert (Claim.objects.count(), Claim.history.count()) == before


def test_a_role_that_fits_the_kind_is_accepted(client, scene):
    response = send(
        client, scene, term="party", role="acquirer", company_id=scene["acme"].pk, **words("Acme")
    )

    assert response.status_code == 200, response.content


def test_reporters_cannot_set_deal_terms(client, scene):
    client.force_login(user_in("Reporter"))

    response = send(client, scene, term="status", status="terminated", asserted=True)

    assert response.status_code == 403
    assert not Claim.objects.filter(term="status", status="terminated").exists()


def test_a_claim_is_replaced_not_edited_so_the_old_wording_is_kept(client, scene):
    send(client, scene, term="value", amount="1", currency="USD", asserted=True)
    send(client, scene, term="value", amount="2", currency="USD", asserted=True)

    values = Claim.objects.filter(term="value").order_by("pk")
    assert [(c.amount, c.retired_at is None) for c in values] == [(1, False), (2, True)]

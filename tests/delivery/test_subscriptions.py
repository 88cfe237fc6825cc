"""Subscribing an endpoint: the command and the admin, each showing the secret exactly once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from delivery.models import Subscription
from tests.factories import SectionFactory
from tests.groups import user_in

pytestmark = pytest.mark.django_db


def create_webhook(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_webhook", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_create_webhook_prints_the_secret_once_and_keeps_the_filters():
    SectionFactory(slug="business")

    secret, note = create_webhook(
        "Acme Data",
        "https://hooks.acme.example/newsroom",
        "--company",
        "china-telecom",
        "--company",
        "lei:549300z40j86ggstl398",
        "--kind",
        "joint_venture",
        "--section",
        "business",
    )

    hook = Subscription.objects.get()
    assert secret == hook.secret and secret.startswith("whsec_") and len(secret) > 40
    assert "shown only this once" in note and secret not in note
    assert hook.companies == ["china-telecom", "lei:549300z40j86ggstl398"]
    assert hook.events == ["story.published", "story.updated", "deal.changed"]
    assert (hook.kinds, hook.sections, hook.partner.name) == (
        ["joint_venture"],
        ["business"],
        "Acme Data",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["http://hooks.acme.example/"], "https://"),
        (["https://hooks.acme.example/", "--company", "lei:123"], "LEI"),
        (["https://hooks.acme.example/", "--company", "Not A Slug"], "company slug"),
        (["https://hooks.acme.example/", "--section", "nowhere"], "nowhere"),
        (["not a url"], "url"),
    ],
)
def test_create_webhook_refuses_bad_input_and_writes_nothing(args, message):
    with pytest.raises(CommandError, match=f"(?i){message}"):
        create_webhook("Acme Data", *args)

    assert not Subscription.objects.exists()


def test_a_loopback_endpoint_may_be_plain_http_for_testing():
    create_webhook("Acme Data", "http://127.0.0.1:9000/hooks")

    assert Subscription.objects.get().url == "http://127.0.0.1:9000/hooks"


def test_the_admin_shows_the_secret_once_on_creation_and_never_again():
    from api.models import Partner

    partner = Partner.objects.create(name="Acme Data")
    section = SectionFactory(slug="business")
    client = Client()
    client.force_login(user_in("Partner manager"))

    response = client.post(
        "/admin/delivery/subscription/add/",
        {
            "partner": partner.pk,
            "url": "https://hooks.acme.example/newsroom",
            "companies": "china-telecom, wikidata:q35476",
            "kinds": ["merger", "acquisition"],
            "events": ["story.published"],
            "sections": [section.slug],
            "is_active": "on",
        },
        follow=True,
    )

    hook = Subscription.objects.get()
    assert hook.companies == ["china-telecom", "wikidata:q35476"]
    assert hook.kinds == ["merger", "acquisition"] and hook.sections == ["business"]
    assert hook.events == ["story.published"]
    assert hook.secret in response.content.decode()
    assert (
        hook.secret
        not in client.get(f"/admin/delivery/subscription/{hook.pk}/change/").content.decode()
    )
    assert hook.secret not in client.get("/admin/delivery/subscription/").content.decode()


def test_the_admin_refuses_a_bad_company_reference_with_its_reason():
    from api.models import Partner

    partner = Partner.objects.create(name="Acme Data")
    client = Client()
    client.force_login(user_in("Partner manager"))

    response = client.post(
        "/admin/delivery/subscription/add/",
        {
            "partner": partner.pk,
            "url": "https://hooks.acme.example/",
            "companies": "ticker:T",
            "events": ["story.published", "story.updated"],
        },
    )

    assert response.status_code == 200
    assert "ticker:EXCHANGE:SYMBOL" in response.content.decode()
    assert not Subscription.objects.exists()

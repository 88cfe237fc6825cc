"""Keys: hashed, shown once, revocable, expiring; no key 401, a refused key 403."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from api.models import Partner, PartnerKey
from tests.api.conftest import Api, issue_key

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "articles/",
    "companies/",
    "agreements/",
    "reporters/",
    "sections/",
    "rankings/",
    "changes/",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_no_key_is_401_with_a_json_error_and_the_scheme(endpoint):
    response = Api(None).get(endpoint)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Api-Key")


@pytest.mark.parametrize(
    "header",
    ["Api-Key nonsense", "Api-Key abc.def", "Bearer abc.def", "Api-Key", "Api-Key a" * 300],
)
def test_an_unknown_or_malformed_key_is_401(header):
    issue_key()
    response = Api(None).get("articles/", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_key"


def test_a_key_with_the_right_prefix_and_a_wrong_secret_is_401():
    key = issue_key()[1]
    prefix = key.split(".")[0]

    assert Api(f"{prefix}.{'x' * 32}").get("articles/").status_code == 401


def test_create_partner_key_prints_the_key_once_and_stores_only_its_hash():
    out = StringIO()
    call_command(
        "create_partner_key", "Harbour Data", tier="standard", stdout=out, stderr=StringIO()
    )
    key = out.getvalue().strip()

    stored = PartnerKey.objects.get(partner__name="Harbour Data")
    assert stored.partner.tier == "standard"
    assert key.startswith(stored.prefix + ".")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_partnerkey")
        assert key not in repr(cursor.fetchall())
    assert Api(key).get("articles/").status_code == 200


def test_create_partner_key_refuses_an_unknown_tier():
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("create_partner_key", "Harbour Data", tier="gold", stderr=StringIO())
    assert not Partner.objects.exists()


def test_a_revoked_key_is_refused_at_once_even_after_being_cached():
    stored, key = issue_key()
    api = Api(key)
    assert api.get("articles/").status_code == 200

    stored.revoked = True
    stored.save()

    response = api.get("articles/")
    assert response.status_code == 403
    assert "revoked" in response.json()["error"]["message"]


def test_an_expired_key_is_403():
    _, key = issue_key(expiry_date=timezone.now() - timedelta(minutes=1))

    response = Api(key).get("articles/")

    assert response.status_code == 403
    assert "expired" in response.json()["error"]["message"]


def test_suspending_a_partner_refuses_all_its_keys():
    stored, key = issue_key()
    assert Api(key).get("sections/").status_code == 200

    Partner.objects.filter(pk=stored.partner_id).update(is_active=False)
    stored.partner.refresh_from_db()
    stored.partner.save()

    assert Api(key).get("sections/").status_code == 403


@pytest.mark.parametrize("endpoint", [*ENDPOINTS, "articles/some-story/", "companies/acme/"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_write_methods_are_405(api, endpoint, method):
    response = getattr(api.client, method)(f"/api/v1/{endpoint}", **api.headers)

    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_schema_and_docs_are_open_and_docs_load_no_outside_script(client):
    schema = client.get("/api/v1/schema/")
    docs = client.get("/api/v1/docs/")

    assert schema.status_code == 200
    assert schema.json()["components"]["securitySchemes"]["PartnerKey"]["name"] == "Authorization"
    assert docs.status_code == 200
    page = docs.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any("swagger-ui" in a for a in assets)
    # Every script is a file of our own site: none from outside, none inline (the CSP allows
    # scripts from 'self' only).
    assert all(a.startswith("/") and not a.startswith("//") for a in assets), assets
    assert "<script>" not in page
    assert "script-src 'self'" in docs["Content-Security-Policy"]

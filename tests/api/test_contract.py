"""Real answers, errors included, validated against the OpenAPI document by a strict validator
(openapi-core), and the small promises of the contract: media types, methods, scheme, headers."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.validation.response.exceptions import InvalidData
from openapi_schema_validator import OAS30Validator

from api.models import Partner, PartnerKey
from tests.api.conftest import Api, issue_key
from tests.api.world import ARTICLE_LIST_PARAMS, build_world
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NINJS = "application/vnd.iptc.ninjs+json"


@pytest.fixture
def document(client) -> dict:
    return client.get("/api/v1/schema/").json()


@pytest.fixture
def contract(document) -> OpenAPI:
    return OpenAPI.from_dict(document)


def validated(contract: OpenAPI, response):
    """``response``, after openapi-core has checked its status, headers and body."""
    contract.validate_response(
        DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
    )
    return response


def every_address(world) -> list[tuple[str, dict]]:
    return [
        ("articles/", {}),
        ("articles/", {"fields": "slug,section"}),
        ("articles/", {"company": "lei:549300Z40J86GGSTL398", "page_size": 1}),
        (f"articles/{world['story'].slug}/", {}),
        (f"articles/{world['other'].slug}/", {}),
        ("companies/", {}),
        ("companies/att/", {}),
        ("companies/shanghai-symphony/", {}),
        ("agreements/", {"kind": ["joint_venture", "merger"]}),
        (f"agreements/{world['deal'].slug}/", {}),
        ("reporters/", {}),
        ("sections/", {}),
        ("rankings/", {}),
        ("changes/", {}),
    ]


def test_every_kind_of_answer_matches_the_document(api, contract, settings):
    settings.NEWSROOM_CHANGES_SETTLE_SECONDS = 0
    world = build_world()
    bare = ArticleFactory(live=True, dek="", dateline="", section=None, body="Nothing named.")
    withdrawn = ArticleFactory(live=True)
    withdrawn.status = "withdrawn"
    withdrawn.save()

    for path, params in [*every_address(world), (f"articles/{bare.slug}/", {})]:
        response = api.get(path, params)
        assert response.status_code == 200, (path, response.content[:300])
        validated(contract, response)


def test_every_answer_about_the_demo_newsroom_matches_the_document(api, contract, settings):
    settings.NEWSROOM_CHANGES_SETTLE_SECONDS = 0
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    addresses = [(p, {}) for p in ("articles/", "companies/", "agreements/", "changes/")]
    for kind in ("articles", "companies", "agreements"):
        for item in api.all(f"{kind}/", {"fields": "slug"}):
            addresses.append((f"{kind}/{item['slug']}/", {}))
    assert len(addresses) > 20

    for path, params in addresses:
        response = api.get(path, params)
        assert response.status_code == 200, (path, response.content[:300])
        validated(contract, response)


def test_the_validator_catches_an_answer_that_breaks_the_document(api, contract):
    world = build_world()
    response = api.get(f"articles/{world['story'].slug}/")
    story = response.json()
    story["mentions"][0]["target"] = {"type": "company"}
    response.content = json.dumps(story).encode()

    with pytest.raises(InvalidData):
        validated(contract, response)


def test_without_fields_every_documented_property_is_in_the_answer(api, document):
    world = build_world()
    schemas = document["components"]["schemas"]
    for path, name in [
        ("articles/", "ArticleItem"),
        ("companies/", "CompanyItem"),
        ("agreements/", "AgreementItem"),
    ]:
        for item in api.json(path)["results"]:
            assert set(item) == set(schemas[name]["properties"]), path
    story = api.json(f"articles/{world['story'].slug}/")
    assert set(story) == set(schemas["ArticleDetail"]["properties"])


def test_errors_match_the_document_with_their_headers(api, contract, settings):
    build_world()
    cases = [
        (api.get("articles/", {"page_size": "٣"}), 400),
        (api.get("articles/no-such-story/"), 404),
        (api.get("articles/", HTTP_ACCEPT="text/html"), 406),
        (Api(None).get("articles/"), 401),
        (Api("abc.def").get("articles/"), 401),
    ]
    for response, status in cases:
        assert response.status_code == status
        validated(contract, response)

    settings.NEWSROOM_API_LIMITS = {"basic": 1, "standard": 1, "premium": 1}
    api.get("sections/")
    refused = api.get("sections/")
    assert refused.status_code == 429
    validated(contract, refused)


def test_a_revoked_key_and_a_405_have_the_error_schema(document):
    stored, key = issue_key()
    PartnerKey.objects.filter(pk=stored.pk).update(revoked=True)
    error = {**document["components"]["schemas"]["Error"], "components": document["components"]}
    validator = OAS30Validator(error)

    for response in (
        Api(key).get("articles/"),
        Client().post("/api/v1/articles/", HTTP_AUTHORIZATION=f"Api-Key {issue_key(name='B')[1]}"),
    ):
        assert response.status_code in (403, 405)
        validator.validate(response.json())


def test_the_document_names_every_filter_with_its_type_and_limits(document):
    articles = {
        p["name"]: p["schema"] for p in document["paths"]["/api/v1/articles/"]["get"]["parameters"]
    }
    agreements = {
        p["name"]: p for p in document["paths"]["/api/v1/agreements/"]["get"]["parameters"]
    }

    assert set(articles) >= set(ARTICLE_LIST_PARAMS)
    assert articles["page_size"] == {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}
    assert articles["published_after"]["format"] == "date-time"
    assert "joint_venture" in articles["agreement_kind"]["enum"]
    assert articles["company"]["maxLength"] == 250 and "lei:" in articles["company"]["pattern"]
    assert agreements["kind"]["schema"]["type"] == "array"
    assert agreements["kind"]["explode"] is True
    assert agreements["announced_after"]["schema"]["format"] == "date"


def test_nullable_objects_are_a_typed_null_and_objects_list_what_is_required(document):
    schemas = document["components"]["schemas"]
    nullable_alls = []

    def walk(node):
        if isinstance(node, dict):
            if "allOf" in node and node.get("nullable"):
                nullable_alls.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)

    assert nullable_alls == []
    assert schemas["Mention"]["properties"]["target"]["oneOf"][1] == {
        "type": "object",
        "nullable": True,
        "enum": [None],
    }
    assert set(schemas["ErrorDetail"]["required"]) == {"code", "message", "param"}
    assert schemas["Error"]["required"] == ["error"]
    assert "required" in schemas["Agreement"] and "required" in schemas["Change"]


def test_every_operation_documents_its_errors_and_rate_limit_headers(document):
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        expected = {"200", "400", "401", "403", "405", "406", "429"}
        if "{slug}" in path:
            expected.add("404")
        assert set(responses) == expected, path
        assert set(responses["200"]["headers"]) == {
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
        }
        assert "Retry-After" in responses["429"]["headers"]
        for code in expected - {"200"}:
            schema = responses[code]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Error"}, (path, code)


def test_ninjs_is_given_for_its_media_type_in_accept(api):
    build_world()

    response = api.get("articles/telecom-extends-venture/", HTTP_ACCEPT=NINJS)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(NINJS)
    assert response.json()["standard"]["name"] == "ninjs"
    assert "Accept" in response["Vary"]
    assert api.get("articles/telecom-extends-venture/", {"format": "ninjs"}).json() == (
        response.json()
    )


def test_the_ninjs_media_type_elsewhere_is_a_json_406_that_is_counted(api):
    build_world()

    for path in ("articles/", "companies/att/"):
        response = api.get(path, HTTP_ACCEPT=NINJS)
        assert response.status_code == 406
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["error"]["code"] == "not_acceptable"
        assert response["X-RateLimit-Remaining"]


def test_rate_limit_headers_are_on_404s_including_unknown_addresses(api):
    for path in ("articles/no-such-story/", "/api/v1/nowhere/"):
        response = api.get(path)
        assert response.status_code == 404
        assert int(response["X-RateLimit-Limit"]) >= 1
        assert response["X-RateLimit-Reset"]


def test_head_is_answered_like_get_and_options_is_405(api):
    build_world()

    head = api.client.head("/api/v1/articles/", **api.headers)
    options = api.client.options("/api/v1/articles/", **api.headers)

    assert head.status_code == 200 and head.content == b""
    assert head["Content-Type"].startswith("application/json")
    assert options.status_code == 405
    assert options.json()["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize("scheme", ["api-key", "API-KEY", "Api-key"])
def test_the_scheme_is_case_insensitive(scheme):
    key = issue_key()[1]

    response = Api(None).get("sections/", HTTP_AUTHORIZATION=f"{scheme} {key}")

    assert response.status_code == 200


def test_revocation_by_a_bulk_update_applies_on_the_next_request():
    stored, key = issue_key()
    api = Api(key)
    assert api.get("sections/").status_code == 200

    PartnerKey.objects.filter(pk=stored.pk).update(revoked=True)

    assert api.get("sections/").status_code == 403


def test_suspension_by_a_bulk_update_applies_on_the_next_request():
    stored, key = issue_key()
    api = Api(key)
    assert api.get("sections/").status_code == 200

    Partner.objects.filter(pk=stored.partner_id).update(is_active=False)

    assert api.get("sections/").status_code == 403


def test_each_list_links_to_the_detail_of_its_items(document):
    for path, detail in [
        ("/api/v1/articles/", "articles_retrieve"),
        ("/api/v1/companies/", "companies_retrieve"),
        ("/api/v1/agreements/", "agreements_retrieve"),
    ]:
        link = document["paths"][path]["get"]["responses"]["200"]["links"][detail]
        assert link["operationId"] == detail
        assert link["parameters"] == {"slug": "$response.body#/results/0/slug"}

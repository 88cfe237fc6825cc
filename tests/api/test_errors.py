"""Bad parameters are a 400 naming the parameter, never a 500; every error has one shape."""

import pytest
from django.core import signing

from tests.api.world import ARTICLE_LIST_PARAMS, build_world

pytestmark = pytest.mark.django_db

HOSTILE = ["' OR 1=1 --", "<script>alert(1)</script>", "\x00", "%00", "-1", "9" * 400, "é" * 300]

BAD = [
    ("articles/", "published_after", "yesterday"),
    ("articles/", "published_before", "2025-13-45T99:00"),
    ("articles/", "updated_after", "-1"),
    ("articles/", "page_size", "1000000"),
    ("articles/", "page_size", "0"),
    ("articles/", "page_size", "-5"),
    ("articles/", "page_size", "ten"),
    ("articles/", "cursor", "not-a-cursor"),
    ("articles/", "ordering", "headline"),
    ("articles/", "agreement_kind", "friendship"),
    ("articles/", "company", "lei:short"),
    ("articles/", "company", "ticker:NYSE"),
    ("articles/", "company", "wikidata:42"),
    ("articles/", "company", "isin:US00206R1023"),
    ("articles/", "section", "<b>business</b>"),
    ("articles/", "fields", "slug,secret_notes"),
    ("articles/", "colour", "blue"),
    ("articles/att/", "format", "xml"),
    ("agreements/", "kind", "friendship"),
    ("agreements/", "announced_after", "March"),
    ("agreements/", "party", "ticker::"),
    ("companies/", "country", "China"),
    ("companies/", "ticker", "NY SE:T"),
    ("changes/", "since", "last tuesday"),
    ("reporters/", "page_size", "101"),
    ("sections/", "page", "2"),
]


def assert_error(response, status: int, param: str | None):
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "param"}
    assert body["error"]["param"] == param
    assert body["error"]["message"]


@pytest.mark.parametrize(("endpoint", "param", "value"), BAD)
def test_a_bad_value_is_a_400_that_names_the_parameter(api, endpoint, param, value):
    assert_error(api.get(endpoint, {param: value}), 400, param)


FILTERS = {
    "articles/": list(ARTICLE_LIST_PARAMS),
    "agreements/": ["kind", "status", "party", "sector", "region", "announced_after", "cursor"],
    "companies/": ["q", "country", "ticker", "cursor", "fields"],
    "changes/": ["since", "cursor", "page_size"],
}


@pytest.mark.parametrize(
    ("endpoint", "param"), [(e, p) for e, params in FILTERS.items() for p in params]
)
def test_hostile_values_never_cause_a_server_error(api, endpoint, param):
    build_world()
    for value in HOSTILE:
        response = api.get(endpoint, {param: value})
        assert response.status_code in (200, 400), (param, value, response.status_code)
        if response.status_code == 400:
            assert response.json()["error"]["param"] == param
        assert b"<script>" not in response.content


def test_a_tampered_cursor_is_refused(api, db):
    build_world()
    page = api.json("articles/", {"page_size": 1})
    cursor = page["next"].split("cursor=")[1]

    assert_error(api.get("articles/", {"cursor": cursor[:-3] + "abc"}), 400, "cursor")


def test_a_cursor_from_another_ordering_is_refused(api, db):
    build_world()
    forged = signing.dumps(["-published_at", ["2025-01-01T00:00:00+00:00", 1]], salt="x")
    page = api.json("articles/", {"page_size": 1})
    cursor = page["next"].split("cursor=")[1]

    assert_error(api.get("articles/", {"cursor": forged}), 400, "cursor")
    assert_error(api.get("articles/", {"cursor": cursor, "ordering": "updated_at"}), 400, "cursor")


def test_unknown_addresses_and_slugs_are_json_404s(api, db):
    assert_error(api.get("/api/v1/nowhere/"), 404, None)
    assert_error(api.get("articles/no-such-story/"), 404, None)
    assert_error(api.get("companies/no-such-company/"), 404, None)
    assert_error(api.get("agreements/no-such-deal/"), 404, None)

"""The Structure endpoints' input: clear 400s naming the field, nothing written on refusal, and
never a 500 whatever the payload."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deals.models import Agreement, AgreementEvent, Party, Region, Sector
from registry.models import Company, CompanyAlias, Person
from structuring.models import Annotation
from tests.factories import CompanyFactory
from tests.structuring.test_structuring import post, url

pytestmark = pytest.mark.django_db

WRITTEN = (Company, CompanyAlias, Person, Agreement, Party, AgreementEvent, Sector, Region)


def snapshot() -> tuple:
    """Every row an endpoint could write, as comparable data."""
    return (
        *(model.objects.count() for model in WRITTEN),
        sorted(
            Annotation.objects.values_list(
                "pk", "review_state", "anchor_state", "company", "agreement", "person"
            )
        ),
        sorted(Agreement.objects.values_list("pk", "kind", "status", "announced_place")),
    )


@pytest.fixture
def deal(editor_client, story):
    post(editor_client, url(story, "structuring_accept_all"))
    return Agreement.objects.get()


def error(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()["error"]


def test_tag_naming_a_missing_company_is_a_400_naming_the_field(editor_client, story):
    response = post(
        editor_client,
        url(story, "structuring_tag"),
        {"start": 0, "end": 5, "kind": "company", "company_id": 987654},
    )

    assert error(response) == {
        "message": "'company_id' names no company (there is no id 987654).",
        "field": "company_id",
    }


def test_refused_tag_creates_no_company(editor_client, story):
    before = snapshot()

    response = post(
        editor_client,
        url(story, "structuring_tag"),
        {"start": 5, "end": 2, "kind": "company", "new_company": "Brand New Co"},
    )

    assert "outside the story" in error(response)["message"]
    assert snapshot() == before
    assert not Company.objects.filter(name="Brand New Co").exists()


def test_tag_of_a_new_deal_with_an_unknown_role_names_the_party(editor_client, story):
    ids = list(Company.objects.values_list("pk", flat=True))
    response = post(
        editor_client,
        url(story, "structuring_tag"),
        {
            "start": 0,
            "end": 13,
            "kind": "agreement",
            "parties": [{"company_id": ids[0]}, {"company_id": ids[1], "role": "boss"}],
        },
    )

    problem = error(response)
    assert problem["field"] == "parties"
    assert problem["message"].startswith("'parties[1].role' must be a known role (")


def test_tag_of_a_new_deal_with_parties_makes_the_agreement_and_the_mention(editor_client, story):
    china_telecom, orange = Company.objects.order_by("slug")
    response = post(
        editor_client,
        url(story, "structuring_tag"),
        {
            "start": 0,
            "end": 13,
            "kind": "agreement",
            "agreement_kind": "alliance",
            "parties": [{"company_id": china_telecom.pk}, {"company_id": orange.pk}],
        },
    )

    assert response.status_code == 200, response.content
    mention = Annotation.objects.get(kind="agreement", review_state="confirmed")
    assert mention.agreement.kind == "alliance"
    assert {p.company for p in mention.agreement.parties.all()} == {china_telecom, orange}


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"status": "dreaming"}, "status", "'status' must be a known status ("),
        ({"announced_on": "28/06/2017"}, "announced_on", "'announced_on' must be a date"),
        ({"sectors": "IoT"}, "sectors", "'sectors' must be a list of names."),
        ({"sectors": ["IoT", 5.5, {"a": 1}]}, "sectors", "'sectors[2]' must be text."),
        ({"event": {"kind": "extended", "precision": "hour"}}, "event", "'event.precision'"),
        ({"event": {"kind": "extended", "description": ["x"]}}, "event", "must be text"),
        ({"resulting_company_id": True}, "resulting_company_id", "must be a whole number"),
        (
            {"parties": [{"company_id": -4, "role": "partner"}]},
            "parties",
            "'parties[0].company_id'",
        ),
    ],
)
def test_bad_agreement_changes_are_400s_naming_the_field_and_change_nothing(
    editor_client, story, deal, payload, field, message
):
    before = snapshot()

    problem = error(post(editor_client, url(story, "structuring_agreement", deal.pk), payload))

    assert problem["field"] == field
    assert message in problem["message"]
    assert snapshot() == before


def test_agreement_fields_left_null_are_left_as_they_are(editor_client, story, deal):
    response = post(
        editor_client,
        url(story, "structuring_agreement", deal.pk),
        {"kind": None, "status": None, "parties": None, "announced_place": "Shanghai"},
    )

    assert response.status_code == 200, response.content
    shown = next(g for g in response.json()["state"]["agreements"] if g["id"] == deal.pk)
    # The story now claims the place; what it left null it still says as before.
    assert (shown["kind"], shown["announced_place"], len(shown["parties"])) == (
        "partnership",
        "Shanghai",
        2,
    )
    deal.refresh_from_db()
    assert (deal.kind, deal.announced_place, deal.parties.count()) == ("partnership", "", 2)


def test_agreement_event_keeps_its_description_and_precision(editor_client, story, deal):
    response = post(
        editor_client,
        url(story, "structuring_agreement", deal.pk),
        {
            "event": {
                "kind": "expanded",
                "occurred_on": "2017-06-28",
                "precision": "month",
                "description": "into IoT",
            }
        },
    )

    assert response.status_code == 200, response.content
    event = deal.events.get(kind="expanded")
    assert (str(event.occurred_on), event.precision, event.description) == (
        "2017-06-28",
        "month",
        "into IoT",
    )


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"\xff\xfe", b"[" * 100_000, b'{"ids": [' + b"7" * 5000 + b"]}", b"[1, 2]"],
    ids=["not-json", "not-utf8", "too-deep", "number-too-long", "not-an-object"],
)
def test_bodies_that_are_not_a_json_object_are_400s(editor_client, story, body):
    before = snapshot()

    response = editor_client.post(
        url(story, "structuring_accept_all"), body, content_type="application/json"
    )

    assert error(response)["message"].startswith("The request body must be")
    assert snapshot() == before


def test_accept_all_with_ids_that_are_not_numbers_is_a_400(editor_client, story):
    before = snapshot()

    problem = error(post(editor_client, url(story, "structuring_accept_all"), {"ids": ["one"]}))

    assert problem["field"] == "ids"
    assert snapshot() == before


def test_unknown_decision_is_a_400(editor_client, story):
    suggestion = story.annotations.first()

    problem = error(post(editor_client, url(story, "structuring_decide", suggestion.pk, "maybe")))

    assert problem["message"].startswith("'decision' must be a known decision (accept,")


def test_unknown_search_is_a_400_and_long_queries_are_cut(editor_client, story):
    assert error(editor_client.get(url(story, "structuring_search", "planets")))["field"] == "what"

    response = editor_client.get(url(story, "structuring_search", "companies"), {"q": "x" * 5000})

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_state_keeps_the_shape_the_screen_reads(editor_client, story, deal):
    state = editor_client.get(url(story, "structuring_state")).json()["state"]

    assert set(state) == {
        "article",
        "annotations",
        "agreements",
        "companies",
        "problems",
        "suggestions_pending",
        "status_line",
    }
    assert set(state["article"]) == {"id", "headline", "version", "status", "body", "public_url"}
    mention = next(a for a in state["annotations"] if a["kind"] == "company")
    assert set(mention) == {
        *("id", "start", "end", "exact", "kind", "review_state", "anchor_state", "source"),
        *("confidence", "why", "proposal", "target", "made_by", "reviewed_by", "reviewed_at"),
    }
    assert set(mention["target"]) == {"type", "id", "name", "slug"}
    assert mention["made_by"] == "machine"
    (agreement,) = state["agreements"]
    assert agreement["id"] == deal.pk
    assert {p["name"] for p in agreement["parties"]} == {"China Telecom", "Orange"}
    assert set(agreement["parties"][0]) == {"company_id", "name", "role"}
    assert set(agreement["regions"]) == {"Africa", "Asia", "Europe"}
    assert set(agreement["events"][0]) == {"kind", "occurred_on", "article_id", "description"}
    assert [c["slug"] for c in state["companies"]] == ["china-telecom", "orange"]


# Payloads built from the names the endpoints know, with values of every JSON type.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
FIELDS = {
    "structuring_tag": (
        "start end kind version company_id new_company agreement_id parties agreement_kind "
        "person_id new_person title"
    ),
    "structuring_agreement": (
        "kind status parties sectors regions announced_on announced_place "
        "resulting_company_id event"
    ),
    "structuring_accept_all": "ids",
}


def payloads(endpoint: str):
    known = {name: json_values for name in FIELDS[endpoint].split()}
    party = st.fixed_dictionaries({}, optional={"company_id": json_values, "role": json_values})
    event = st.fixed_dictionaries(
        {}, optional={k: json_values for k in ("kind", "occurred_on", "precision", "description")}
    )
    known |= {"parties": st.lists(party, max_size=3) | json_values}
    if "event" in known:
        known["event"] = event | json_values
    as_json = st.fixed_dictionaries({}, optional=known).map(lambda d: json.dumps(d).encode())
    return as_json | st.binary(max_size=20) | json_values.map(lambda v: json.dumps(v).encode())


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("endpoint", sorted(FIELDS))
def test_malformed_payloads_never_cause_a_500_and_a_refusal_writes_nothing(
    editor_client, story, deal, endpoint
):
    args = [deal.pk] if endpoint == "structuring_agreement" else []
    address = url(story, endpoint, *args)

    @FUZZ
    @given(body=payloads(endpoint))
    def check(body):
        before = snapshot()
        response = editor_client.post(address, body, content_type="application/json")
        assert response.status_code in (200, 400), response.content
        if response.status_code == 400:
            assert response.json()["error"]["message"]
            assert snapshot() == before

    check()


@FUZZ
@given(what=st.text(max_size=12), q=st.text(max_size=200))
def test_malformed_searches_never_cause_a_500(editor_client, story, what, q):
    from django.urls import NoReverseMatch

    try:
        address = url(story, "structuring_search", what)
    except NoReverseMatch:
        return
    response = editor_client.get(address, {"q": q})

    assert response.status_code in (200, 400)


def test_state_costs_the_same_queries_however_many_mentions_and_deals(story, deal):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from structuring.state import structure_state
    from tests.factories import AgreementFactory, AnnotationFactory, PartyFactory

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            structure_state(story)
        return len(captured)

    before = queries()
    for n in range(3):
        other = AgreementFactory(slug=f"other-{n}")
        PartyFactory(agreement=other)
        PartyFactory(agreement=other)
        AnnotationFactory(
            article=story, words="partnership", kind="agreement", agreement=other, company=None
        )

    assert queries() == before


def test_a_new_deal_between_long_named_companies_gets_a_title_that_fits(editor_client, story):
    parties = [CompanyFactory(name=letter * 200, slug=letter * 200) for letter in "xyz"]

    response = post(
        editor_client,
        url(story, "structuring_tag"),
        {
            "start": 0,
            "end": 13,
            "kind": "agreement",
            "parties": [{"company_id": c.pk} for c in parties],
        },
    )

    assert response.status_code == 200, response.content
    title = Annotation.objects.get(kind="agreement", review_state="confirmed").agreement.title
    assert len(title) <= 300 and title.endswith("… partnership")


def test_ids_in_the_address_too_large_for_the_database_are_404s(editor_client, story):
    from django.urls import reverse

    huge = 2**70
    for name, args in (
        ("articles_article_structure", [huge]),
        ("structuring_state", [huge]),
        ("structuring_decide", [story.pk, huge, "accept"]),
        ("structuring_agreement", [story.pk, huge]),
    ):
        response = post(editor_client, reverse(f"admin:{name}", args=args), {})

        assert response.status_code == 404, name

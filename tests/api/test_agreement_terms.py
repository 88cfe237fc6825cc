"""Agreement terms in the API: filters, as_of, and bad parameters answered 400 naming them."""

import pytest

from structuring.claims import claim_make
from tests.api.world import build_world
from tests.factories import AgreementFactory, ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(db):
    return build_world()


@pytest.mark.parametrize(
    "path, param",
    [
        ("agreements/?as_of=yesterday", "as_of"),
        ("agreements/china-telecom-att-venture/?as_of=2026-02-30T10:00:00Z", "as_of"),
        ("companies/?as_of=12", "as_of"),
        ("companies/att/?as_of=soon", "as_of"),
        ("agreements/?stake_min=150", "stake_min"),
        ("agreements/?value_min=lots", "value_min"),
        ("agreements/?currency=DOLLARS", "currency"),
    ],
)
def test_bad_term_parameters_are_refused_naming_them(api, newsroom, path, param):
    body = api.json(path, status=400)

    assert body["error"]["param"] == param


def test_agreement_detail_carries_each_term_with_its_claims(api, newsroom):
    detail = api.json("agreements/china-telecom-att-venture/")

    terms = {t["term"]: t for t in detail["terms"]}
    assert terms["kind"]["value"] == "Joint venture"
    (claim,) = terms["status"]["claims"]
    assert claim["story"]["slug"] == "telecom-extends-venture"
    assert (claim["exact"], claim["asserted"], claim["superseded"]) == (
        "joint venture",
        False,
        False,
    )


def test_filters_read_the_public_terms(api, newsroom):
    def slugs(**params):
        return [a["slug"] for a in api.all("agreements/", params)]

    assert slugs(status="extended") == ["china-telecom-att-venture"]
    assert slugs(status="terminated") == []
    assert slugs(party="att", kind="joint_venture") == ["china-telecom-att-venture"]
    assert slugs(sector="iot") == ["china-telecom-att-venture"]
    assert slugs(value_min="1") == []


def test_a_moment_before_any_story_was_live_shows_nothing(api, newsroom):
    assert api.json("agreements/", {"as_of": "2001-01-01T00:00:00Z"})["results"] == []
    api.json("agreements/china-telecom-att-venture/", {"as_of": "2001-01-01T00:00:00Z"}, 404)
    api.json("companies/att/", {"as_of": "2001-01-01T00:00:00Z"}, 404)


def test_stories_by_agreement_kind_follow_the_kind_live_stories_give(api, newsroom):
    later = ArticleFactory(live=True, body="The partnership goes on.")
    claim_make(
        later,
        newsroom["deal"],
        by=None,
        check_permission=False,
        term="kind",
        kind="partnership",
        asserted=True,
    )

    def stories(kind):
        return [a["slug"] for a in api.all("articles/", {"agreement_kind": kind})]

    assert stories("partnership") == ["telecom-extends-venture"]
    assert stories("joint_venture") == []


@pytest.mark.parametrize("as_of", [None, "2099-01-01T00:00:00Z"])
def test_agreement_pages_follow_their_next_links_one_by_one(api, newsroom, as_of):
    for n in range(2):
        story = ArticleFactory(live=True, body="A second deal was struck.")
        claim_make(
            story,
            AgreementFactory(slug=f"another-deal-{n}"),
            by=None,
            check_permission=False,
            term="kind",
            kind="partnership",
            asserted=True,
        )
    params = {"page_size": 1, **({"as_of": as_of} if as_of else {})}

    one_by_one = [a["slug"] for a in api.all("agreements/", params)]

    assert len(one_by_one) >= 3
    assert one_by_one == sorted(one_by_one)
    assert one_by_one == [a["slug"] for a in api.all("agreements/")]

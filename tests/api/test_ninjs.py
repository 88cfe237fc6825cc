"""ninjs 3.1: every live story validates against the IPTC schema and imports back as itself."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator

from articles.models import Article
from tests.api.world import build_world
from tests.conftest import NINJS_SCHEMA
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(NINJS_SCHEMA.read_text())
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def every_kind_of_story(seed_path):
    """The demo newsroom (structured stories), the seed story and stories with nothing optional."""
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    call_command(
        "import_stories", str(seed_path), "--publish", stdout=StringIO(), stderr=StringIO()
    )
    ArticleFactory(live=True, dek="", dateline="", section=None, body="Nothing named here.")
    ArticleFactory(live=True, headline="Quotes « and » accents é & <tags>", body="Ünïcode\n\nbody")


def test_every_live_story_is_valid_ninjs_3_1(api, seed_path):
    every_kind_of_story(seed_path)
    stories = list(Article.objects.live().values_list("slug", "uid"))
    assert len(stories) >= 7

    for slug, uid in stories:
        item = api.json(f"articles/{slug}/", {"format": "ninjs"})
        errors = sorted(VALIDATOR.iter_errors(item), key=lambda e: list(e.path))
        assert not errors, (slug, [f"{list(e.path)}: {e.message}" for e in errors[:5]])
        assert item["uri"] == f"urn:uuid:{uid}"
        assert {"role": "page", "value": f"http://testserver/articles/{slug}/"} in item["altIds"]


def test_ninjs_carries_companies_people_deals_and_related_stories(api):
    build_world()

    item = api.json("articles/telecom-extends-venture/", {"format": "ninjs"})

    organisations = {o["literal"]: o for o in item["organisations"]}
    assert organisations["att"]["rel"] == "about"
    assert organisations["att"]["symbols"] == [{"exchange": "NYSE", "symbol": "T"}]
    assert organisations["shanghai-symphony"]["rel"] == "mentions"
    assert {"name": "Lin Hao", "rel": "author"}.items() <= item["people"][0].items()
    assert {"name": "Deng Xiaofeng", "rel": "quoted"} in item["people"]
    [event] = item["events"]
    assert event["uri"] == "http://testserver/deals/china-telecom-att-venture/"
    assert event["id"] == "china-telecom-att-venture"
    assert {
        "name": "IoT",
        "rel": "sector",
        "literal": "iot",
        "uri": "http://testserver/api/v1/agreements/?sector=iot",
    } in item["subjects"]
    assert item["associations"][0]["uri"] == "http://testserver/articles/att-quiet-day/"
    assert item["associations"][0]["descriptions"][0]["value"] == "also about AT&T"


def test_what_the_api_writes_import_stories_reads_back_into_an_equal_story(api, tmp_path):
    world = build_world()
    original = world["story"]
    item = api.json(f"articles/{original.slug}/", {"format": "ninjs"})
    path = tmp_path / "story.json"
    path.write_text(json.dumps(item))
    byline = [r.name for r in original.byline]
    Article.objects.filter(pk=original.pk).delete()

    call_command("import_stories", str(path), "--publish", stdout=StringIO(), stderr=StringIO())

    copy = Article.objects.get(slug=original.slug)
    for field in ("headline", "dek", "body", "dateline", "language", "publish_at"):
        assert getattr(copy, field) == getattr(original, field), field
    assert [r.name for r in copy.byline] == byline
    assert copy.is_live


def test_ninjs_carries_structure_where_iptc_puts_it(api):
    build_world()

    item = api.json("articles/telecom-extends-venture/", {"format": "ninjs"})

    organisations = {o["literal"]: o for o in item["organisations"]}
    att = organisations["att"]
    assert att["uri"] == "http://www.wikidata.org/entity/Q35476"
    assert att["contactInfo"] == [
        {
            "type": "web",
            "name": "Newsroom company page",
            "value": "http://testserver/companies/att/",
        }
    ]
    assert (
        organisations["shanghai-symphony"]["uri"]
        == "http://testserver/companies/shanghai-symphony/"
    )
    assert item["places"] == [
        {
            "name": "China",
            "rel": "region",
            "literal": "china",
            "uri": "http://testserver/api/v1/agreements/?region=china",
        }
    ]
    subjects = {(s["rel"], s["literal"]) for s in item["subjects"]}
    assert {
        ("section", "business"),
        ("sector", "iot"),
        ("agreement-kind", "joint_venture"),
        ("agreement-status", "extended"),
    } <= subjects
    assert all(s["rel"] != "region" for s in item["subjects"])
    assert item["events"][0]["rel"] == "reported"
    [quote] = [a for a in item["associations"] if a["rel"] == "quote"]
    assert quote["bodies"][0]["value"] == '"We are pleased with the venture,"'
    assert quote["people"] == [{"name": "Deng Xiaofeng", "rel": "speaker"}]
    errors = list(VALIDATOR.iter_errors(item))
    assert not errors, [e.message for e in errors[:3]]


def test_a_company_with_only_an_lei_is_identified_by_its_gleif_record(api):
    world = build_world()
    world["att"].wikidata_id = ""
    world["att"].save()

    item = api.json("articles/telecom-extends-venture/", {"format": "ninjs"})

    [att] = [o for o in item["organisations"] if o["literal"] == "att"]
    assert att["uri"] == "https://api.gleif.org/api/v1/lei-records/549300Z40J86GGSTL398"


def test_ninjs_carries_a_deals_value_and_announcement_as_subjects(api):
    from decimal import Decimal

    from structuring.claims import claim_make

    world = build_world()
    story = Article.objects.get(slug="telecom-extends-venture")
    for term, values in (
        ("value", {"amount": Decimal("1200000000"), "currency": "USD"}),
        ("announced", {"on": story.publish_at.date(), "precision": "day"}),
    ):
        claim_make(
            story,
            world["deal"],
            by=None,
            check_permission=False,
            term=term,
            asserted=True,
            **values,
        )

    item = api.json("articles/telecom-extends-venture/", {"format": "ninjs"})

    terms = {s["rel"]: s for s in item["subjects"] if s["rel"].startswith("agreement-")}
    assert terms["agreement-value"]["name"].endswith("valued at $1.2bn")
    assert terms["agreement-value"]["literal"] == "1200000000.00 USD"
    assert terms["agreement-announced"]["literal"] == story.publish_at.date().isoformat()
    assert not list(VALIDATOR.iter_errors(item))

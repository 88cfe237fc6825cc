"""Stories through the API: offsets, targets, agreements, quotes, related, filters, fields."""

from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.urls import resolve
from django.utils import timezone

from articles.models import Article
from tests.api.world import build_world
from tests.factories import AnnotationFactory, ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def test_detail_mentions_carry_offsets_into_the_body_and_their_targets(api, world):
    story = api.json("articles/telecom-extends-venture/")

    assert story["body"] == world["story"].body
    for mention in story["mentions"]:
        assert story["body"][mention["start"] : mention["end"]] == mention["exact"]
    by_words = {m["exact"]: m for m in story["mentions"]}
    assert by_words["AT&T"]["target"]["slug"] == "att"
    assert by_words["AT&T"]["target"]["type"] == "company"
    assert by_words["joint venture"]["target"]["type"] == "agreement"
    assert by_words["Deng Xiaofeng"]["target"]["title"] == "managing director"
    assert by_words["China Telecom"]["provenance"]["machine_suggested"] is True
    assert by_words["AT&T"]["provenance"]["machine_suggested"] is False


def test_every_address_in_an_answer_is_a_page_or_api_object_that_exists(api, world):
    story = api.json("articles/telecom-extends-venture/")
    addresses = [story["url"], story["api_url"], story["section"]["url"]]
    for mention in story["mentions"]:
        addresses += [v for k, v in mention["target"].items() if k in ("url", "api_url")]

    for address in addresses:
        path = urlparse(address).path
        resolve(path)
        status = api.get(address).status_code
        assert status == 200, (address, status)


def test_detail_carries_agreements_with_parties_roles_and_the_joint_venture_company(api, world):
    story = api.json("articles/telecom-extends-venture/")

    [deal] = story["agreements"]
    assert deal["kind"] == "joint_venture" and deal["status"] == "extended"
    assert {p["company"]["slug"] for p in deal["parties"]} == {"china-telecom", "att"}
    assert {p["role"] for p in deal["parties"]} == {"partner"}
    assert deal["joint_venture_company"]["slug"] == "shanghai-symphony"
    assert deal["sectors"] == [{"slug": "iot", "name": "IoT"}]
    assert deal["regions"] == [{"slug": "china", "name": "China"}]
    assert deal["announced_on"] == "2025-03-04"


def test_detail_carries_quotes_with_speakers_and_related_stories_with_reasons(api, world):
    story = api.json("articles/telecom-extends-venture/")

    [quote] = story["quotes"]
    assert quote["speaker"]["name"] == "Deng Xiaofeng"
    assert quote["speaker"]["organisation"] == "China Telecom"
    assert story["related"] == [
        {
            "slug": "att-quiet-day",
            "headline": "AT&T has a quiet day",
            "url": "http://testserver/articles/att-quiet-day/",
            "api_url": "http://testserver/api/v1/articles/att-quiet-day/",
            "published_at": story["related"][0]["published_at"],
            "reason": "also about AT&T",
        }
    ]


def test_fields_returns_only_the_named_fields(api, world):
    page = api.json("articles/", {"fields": "slug,headline"})

    assert page["results"] == [
        {"slug": "telecom-extends-venture", "headline": "China Telecom extends its AT&T venture"},
        {"slug": "att-quiet-day", "headline": "AT&T has a quiet day"},
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"company": "att"}, {"telecom-extends-venture", "att-quiet-day"}),
        ({"company": "china-telecom"}, {"telecom-extends-venture"}),
        ({"company": "lei:549300Z40J86GGSTL398"}, {"telecom-extends-venture", "att-quiet-day"}),
        ({"company": "ticker:NYSE:T"}, {"telecom-extends-venture", "att-quiet-day"}),
        ({"company": "wikidata:Q35476"}, {"telecom-extends-venture", "att-quiet-day"}),
        ({"company": "nobody"}, set()),
        ({"agreement": "china-telecom-att-venture"}, {"telecom-extends-venture"}),
        ({"agreement_kind": "joint_venture"}, {"telecom-extends-venture"}),
        ({"agreement_kind": "merger"}, set()),
        ({"section": "business"}, {"telecom-extends-venture", "att-quiet-day"}),
        ({"reporter": "lin-hao"}, {"telecom-extends-venture"}),
        ({"q": "quiet markets"}, {"att-quiet-day"}),
    ],
)
def test_article_filters(api, world, params, expected):
    assert {a["slug"] for a in api.all("articles/", params)} == expected


def test_date_filters_and_ordering(api, world):
    cut = (timezone.now() - timedelta(minutes=150)).isoformat()

    assert [a["slug"] for a in api.all("articles/", {"published_after": cut})] == [
        "telecom-extends-venture"
    ]
    assert [a["slug"] for a in api.all("articles/", {"published_before": cut})] == ["att-quiet-day"]
    assert [a["slug"] for a in api.all("articles/", {"ordering": "published_at"})] == [
        "att-quiet-day",
        "telecom-extends-venture",
    ]
    world["other"].save()
    newest_first = [a["slug"] for a in api.all("articles/", {"ordering": "-updated_at"})]
    assert newest_first == ["att-quiet-day", "telecom-extends-venture"]
    assert [
        a["slug"] for a in api.all("articles/", {"updated_after": timezone.now().isoformat()})
    ] == []


def test_cursor_pagination_walks_every_story_once_in_order(api, db):
    stories = ArticleFactory.create_batch(23, live=True)
    for n, story in enumerate(stories):
        Article.objects.filter(pk=story.pk).update(publish_at=timezone.now() - timedelta(minutes=n))

    seen = api.all("articles/", {"page_size": 5, "fields": "slug"})

    assert [s["slug"] for s in seen] == [s.slug for s in stories]


def test_companies_and_agreements_lists_and_filters(api, world):
    assert {c["slug"] for c in api.all("companies/")} == {
        "china-telecom",
        "att",
        "shanghai-symphony",
    }
    assert [c["slug"] for c in api.all("companies/", {"ticker": "NYSE:T"})] == ["att"]
    assert [c["slug"] for c in api.all("companies/", {"country": "us"})] == ["att"]
    assert [c["slug"] for c in api.all("companies/", {"q": "telecom"})] == ["china-telecom"]
    assert [a["slug"] for a in api.all("agreements/", {"party": "ticker:NYSE:T"})] == [
        "china-telecom-att-venture"
    ]
    for params, count in [
        ({"kind": "joint_venture"}, 1),
        ({"kind": "merger"}, 0),
        ({"status": "extended"}, 1),
        ({"sector": "iot"}, 1),
        ({"region": "china"}, 1),
        ({"announced_after": "2025-03-04"}, 1),
        ({"announced_before": "2025-03-04"}, 0),
    ]:
        assert len(api.all("agreements/", params)) == count, params


def test_company_and_agreement_details(api, world):
    att = api.json("companies/att/")
    deal = api.json("agreements/china-telecom-att-venture/")

    assert att["tickers"] == [{"exchange": "NYSE", "symbol": "T"}]
    assert att["story_count"] == 2
    assert [a["slug"] for a in att["agreements"]] == ["china-telecom-att-venture"]
    assert [s["slug"] for s in deal["stories"]] == ["telecom-extends-venture"]


def test_reporters_sections_and_rankings(api, world):
    assert [r["slug"] for r in api.json("reporters/")["results"]] == ["lin-hao"]
    assert [s["slug"] for s in api.json("sections/")["results"]] == ["business"]
    assert api.json("rankings/")["results"] == []


def test_a_mention_added_later_moves_the_story_in_updated_order(api, world):
    before = api.json("articles/att-quiet-day/")["updated_at"]

    AnnotationFactory(article=world["other"], words="markets", company=world["telecom"])

    assert api.json("articles/att-quiet-day/")["updated_at"] > before

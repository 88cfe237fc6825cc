"""Nothing that is not live, and nothing internal, ever leaves through the API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from structuring.models import Annotation
from tests.api.world import build_world
from tests.factories import AnnotationFactory, ArticleFactory, CompanyFactory, UserFactory
from tests.site.test_no_leaks import NOT_LIVE, SECRET, build

pytestmark = pytest.mark.django_db


def every_answer(api, world) -> dict[str, object]:
    """Every endpoint, and every filter aimed at what is hidden."""
    hidden = world["hidden"]
    requests = {
        "articles": ("articles/", {}),
        "articles by section": ("articles/", {"section": world["section"].slug}),
        "articles by reporter": ("articles/", {"reporter": world["reporter"].slug}),
        "articles by company": ("articles/", {"company": world["company"].slug}),
        "articles by partner": ("articles/", {"company": world["partner"].slug}),
        "articles by deal": ("articles/", {"agreement": world["deal"].slug}),
        "articles by deal kind": ("articles/", {"agreement_kind": world["deal"].kind}),
        "articles by words": ("articles/", {"q": "secret word"}),
        "articles updated": ("articles/", {"updated_after": "2000-01-01T00:00:00Z"}),
        "live story": (f"articles/{world['live'].slug}/", {}),
        "live story as ninjs": (f"articles/{world['live'].slug}/", {"format": "ninjs"}),
        "hidden story": (f"articles/{hidden.slug}/", {}),
        "companies": ("companies/", {}),
        "companies by name": ("companies/", {"q": "Zanzibar"}),
        "company": (f"companies/{world['company'].slug}/", {}),
        "partner company": (f"companies/{world['partner'].slug}/", {}),
        "agreements": ("agreements/", {}),
        "agreements by party": ("agreements/", {"party": world["company"].slug}),
        "agreement": (f"agreements/{world['deal'].slug}/", {}),
        "reporters": ("reporters/", {}),
        "sections": ("sections/", {}),
        "rankings": ("rankings/", {}),
        "changes": ("changes/", {}),
    }
    return {name: api.get(path, params) for name, (path, params) in requests.items()}


@pytest.fixture
def settled(settings):
    settings.NEWSROOM_CHANGES_SETTLE_SECONDS = 0


@pytest.mark.parametrize(("name", "status", "offset"), NOT_LIVE, ids=[n for n, *_ in NOT_LIVE])
def test_a_story_that_is_not_live_appears_nowhere_in_the_api(api, settled, name, status, offset):
    world = build(status, timezone.now() + timedelta(seconds=offset))

    answers = every_answer(api, world)

    for surface, response in answers.items():
        content = response.content.decode()
        assert SECRET not in content and "Zanzibarquokka" not in content, (name, surface)
        assert world["hidden"].slug not in content, (name, surface)
        assert "zanzibar-quokka" not in content, (name, surface)
        assert response.status_code in (200, 404), (surface, response.status_code)
    assert answers["hidden story"].status_code == 404
    assert answers["partner company"].status_code == 404
    assert answers["agreement"].status_code == 404
    assert answers["company"].json()["story_count"] == 1
    assert answers["articles by deal"].json()["results"] == []


def test_a_withdrawn_story_that_was_live_is_only_a_tombstone_in_the_change_feed(api, settled):
    world = build("published", timezone.now() - timedelta(hours=1))
    world["hidden"].status = "withdrawn"
    world["hidden"].save()

    changes = api.json("changes/")["results"]

    [tombstone] = [c for c in changes if c["slug"] == world["hidden"].slug]
    assert tombstone == {
        "uid": str(world["hidden"].uid),
        "slug": world["hidden"].slug,
        "former_slugs": [],
        "changed_at": tombstone["changed_at"],
        "action": "withdrawn",
        "article": None,
    }


def test_unconfirmed_and_rejected_annotations_and_internal_fields_never_appear(api, settled):
    world = build_world()
    story = world["story"]
    reviewer = UserFactory(username="reviewer-account-q", email="reviewer-q@internal.example")
    Annotation.objects.filter(article=story).update(
        note="INTERNAL-NOTE", why="INTERNAL-WHY", reviewed_by=reviewer, created_by=reviewer
    )
    for state in ("suggested", "rejected"):
        AnnotationFactory(
            article=story,
            words="IoT",
            company=CompanyFactory(name=f"Unseen {state}", slug=f"unseen-{state}"),
            review_state=state,
            reviewed_by=reviewer,
            why="INTERNAL-WHY",
        )
    AnnotationFactory(
        article=story,
        words="venture",
        company=CompanyFactory(name="Moved away", slug="unseen-moved"),
        anchor_state="needs_review",
    )
    world["deal"].description = "A public description."
    world["deal"].save()

    answers = every_answer(
        api,
        {
            **world,
            "hidden": story,
            "live": story,
            "company": world["att"],
            "partner": world["telecom"],
            "section": world["section"],
        },
    )
    for surface, response in answers.items():
        content = response.content.decode()
        for secret in ("unseen-", "Unseen ", "INTERNAL-", "reviewer-account-q", "reviewer-q@"):
            assert secret not in content, (surface, secret)
    for field in ("note", "why", "proposal", "reviewed_by", "created_by", "anchor_state"):
        assert f'"{field}"' not in answers["live story"].content.decode()


def test_a_parent_company_only_a_draft_names_is_not_shown(api):
    world = build_world()
    secret = CompanyFactory(name="Quiet Holdings", slug="quiet-holdings")
    world["att"].parent = secret
    world["att"].save()
    draft = ArticleFactory(status="draft", body="Quiet Holdings is selling.")
    AnnotationFactory(article=draft, words="Quiet Holdings", company=secret)

    listed = {c["slug"]: c for c in api.all("companies/")}
    assert listed["att"]["parent"] is None
    assert api.json("companies/att/")["parent"] is None
    assert "quiet" not in str(api.json("companies/att/")).lower()

    live = ArticleFactory(live=True, body="Quiet Holdings is selling.")
    AnnotationFactory(article=live, words="Quiet Holdings", company=secret)

    assert api.json("companies/att/")["parent"]["slug"] == "quiet-holdings"

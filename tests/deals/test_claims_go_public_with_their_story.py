"""Issue 12, done when: a draft's claims about a deal change nothing public until the draft is
published, then show with their evidence, and go away again when it is withdrawn; any moment
in between can be replayed."""

import json
import time
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.services import WorkflowError, article_publish, article_withdraw
from deals.models import Claim
from structuring import selectors
from structuring.services import annotation_reject
from tests.api.conftest import issue_key
from tests.factories import (
    AgreementFactory,
    AnnotationFactory,
    ArticleFactory,
    BylineFactory,
    CompanyFactory,
    PartyFactory,
    ReporterFactory,
    SectionFactory,
)
from tests.groups import user_in

# Real commits: pages and suggestions follow the commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

LIVE_BODY = "China Telecom and AT&T extended their joint venture, Shanghai Symphony, into IoT."
DRAFT_BODY = (
    "Orange bought into the joint venture of China Telecom and AT&T for $1.2bn.\n\n"
    "A year later the partners said the venture was terminated."
)


@pytest.fixture
def world(client):
    section = SectionFactory(name="Business", slug="business")
    telecom = CompanyFactory(name="China Telecom", slug="china-telecom")
    att = CompanyFactory(name="AT&T", slug="att")
    symphony = CompanyFactory(name="Shanghai Symphony", slug="shanghai-symphony")
    orange = CompanyFactory(name="Orange", slug="orange")
    deal = AgreementFactory(
        slug="telecom-att-venture",
        title="China Telecom and AT&T joint venture",
        kind="joint_venture",
        status="extended",
        resulting_company=symphony,
    )
    PartyFactory(agreement=deal, company=telecom)
    PartyFactory(agreement=deal, company=att)
    live = ArticleFactory(
        live=True,
        slug="venture-extended",
        headline="China Telecom extends its AT&T venture",
        body=LIVE_BODY,
        section=section,
        publish_at=timezone.now() - timedelta(days=1),
    )
    AnnotationFactory(article=live, words="China Telecom", company=telecom)
    AnnotationFactory(article=live, words="AT&T", company=att)
    AnnotationFactory(
        article=live, words="joint venture", kind="agreement", company=None, agreement=deal
    )
    editor = user_in("Editor")
    client.force_login(editor)
    return {"deal": deal, "live": live, "orange": orange, "editor": editor, "section": section}


def public_surfaces(client) -> dict[str, tuple[int, str]]:
    """Every public page that could show the deal, its parties or the draft."""
    paths = [
        "/deals/telecom-att-venture/",
        "/companies/china-telecom/",
        "/companies/att/",
        "/companies/shanghai-symphony/",
        "/companies/orange/",
        "/companies/orange/feed.xml",
        "/search/?q=Orange",
        "/search/?q=terminated",
        "/feeds/latest.xml",
        "/sitemap.xml",
        "/articles/venture-extended/",
    ]
    seen = {}
    for path in paths:
        response = client.get(path)
        seen[path] = (response.status_code, response.content.decode())
    return seen


API_PATHS = [
    "agreements/",
    "agreements/telecom-att-venture/",
    "agreements/?status=terminated",
    "agreements/?value_min=1000000000",
    "companies/",
    "companies/orange/",
    "companies/china-telecom/",
    "articles/",
    "articles/venture-extended/",
]


def api_surfaces(key: str, as_of=None) -> dict[str, tuple[int, str]]:
    """Every API answer that could show the deal, its parties or the draft; with ``as_of``, the
    agreements and companies (the endpoints that replay) as of that moment."""
    partner = Client(HTTP_AUTHORIZATION=f"Api-Key {key}")
    seen = {}
    for path in API_PATHS:
        if as_of is not None:
            if not path.startswith(("agreements", "companies")):
                continue
            path = f"{path}{'&' if '?' in path else '?'}{urlencode({'as_of': as_of.isoformat()})}"
        response = partner.get(f"/api/v1/{path}")
        seen[path.split("as_of=")[0].rstrip("?&")] = (
            response.status_code,
            response.content.decode(),
        )
    return seen


def replayable(seen: dict) -> dict:
    return {
        path: answer
        for path, answer in seen.items()
        if path.startswith(("agreements", "companies"))
    }


def claim(client, article, deal, **payload):
    address = reverse("admin:structuring_claim", args=[article.pk, deal.pk])
    return client.post(address, json.dumps(payload), content_type="application/json")


def span(body: str, words: str) -> dict:
    start = body.index(words)
    return {"start": start, "end": start + len(words)}


def draft_with_claims(world, client):
    draft = ArticleFactory(
        slug="venture-terminated",
        headline="Orange buys in, then the venture ends",
        body=DRAFT_BODY,
        status="draft",
        section=world["section"],
    )
    BylineFactory(article=draft, reporter=ReporterFactory())
    # The editor leaves the engine's suggestions aside: the claims below are the point here.
    for suggestion in draft.annotations.filter(review_state="suggested"):
        annotation_reject(suggestion, by=world["editor"])
    AnnotationFactory(article=draft, words="Orange", company=world["orange"])
    deal = world["deal"]
    for payload in (
        {
            "term": "party",
            "company_id": world["orange"].pk,
            "role": "partner",
            **span(DRAFT_BODY, "Orange"),
        },
        {"term": "value", "amount": "1200000000", "currency": "USD", **span(DRAFT_BODY, "$1.2bn")},
        {"term": "status", "status": "terminated", **span(DRAFT_BODY, "terminated")},
    ):
        response = claim(client, draft, deal, **payload)
        assert response.status_code == 200, response.content
    return draft


def test_a_drafts_claims_go_public_with_it_and_leave_when_it_is_withdrawn(client, world):
    key = issue_key()[1]
    before, api_before = public_surfaces(client), api_surfaces(key)
    assert before["/companies/orange/"][0] == 404
    assert "Extended" in before["/deals/telecom-att-venture/"][1]
    t_before = timezone.now()

    draft = draft_with_claims(world, client)

    assert public_surfaces(client) == before
    assert api_surfaces(key) == api_before

    # The draft says the deal was terminated; the live story says extended: the editor decides.
    with pytest.raises(WorkflowError, match="mark this claim as superseding"):
        article_publish(draft, by=world["editor"])
    status = Claim.objects.current().get(article=draft, term="status")
    address = reverse("admin:structuring_claim_decide", args=[draft.pk, status.pk, "supersedes"])
    assert client.post(address).status_code == 200
    assert public_surfaces(client) == before
    assert api_surfaces(key) == api_before

    article_publish(draft, by=world["editor"])
    t_published = timezone.now()
    api_published = api_surfaces(key)

    after = public_surfaces(client)
    deal_page = after["/deals/telecom-att-venture/"][1]
    assert "Terminated" in deal_page
    assert "$1.2bn" in deal_page
    assert 'href="/companies/orange/"' in deal_page
    # Each new term quotes its sentence and links to the words in the story.
    assert "A year later the partners said the venture was terminated." in deal_page
    assert "/articles/venture-terminated/#:~:text=terminated" in deal_page
    # The history of the status: extended by the first story, superseded by the second.
    assert "(superseded)" in deal_page
    assert after["/companies/orange/"][0] == 200
    assert "venture-terminated" in after["/search/?q=terminated"][1]
    assert "venture-terminated" in after["/feeds/latest.xml"][1]

    detail = json.loads(api_published["agreements/telecom-att-venture/"][1])
    assert detail["status"] == "terminated" and detail["value"] == "1200000000.00"
    assert "orange" in {p["company"]["slug"] for p in detail["parties"]}
    status = next(t for t in detail["terms"] if t["term"] == "status")
    assert status["value"] == "Terminated"
    newest, older = status["claims"]
    assert (newest["story"]["slug"], newest["exact"], newest["superseded"]) == (
        "venture-terminated",
        "terminated",
        False,
    )
    assert DRAFT_BODY[newest["start"] : newest["end"]] == "terminated"
    assert (older["story"]["slug"], older["superseded"]) == ("venture-extended", True)
    assert "telecom-att-venture" in api_published["agreements/?status=terminated"][1]
    assert "telecom-att-venture" in api_published["agreements/?value_min=1000000000"][1]
    assert api_published["companies/orange/"][0] == 200

    article_withdraw(draft, by=world["editor"])
    t_withdrawn = timezone.now()

    assert public_surfaces(client) == before
    assert api_surfaces(key) == api_before
    # as_of replays each moment exactly as partners read it then.
    assert api_surfaces(key, as_of=t_before) == replayable(api_before)
    assert api_surfaces(key, as_of=t_published) == replayable(api_published)
    assert api_surfaces(key, as_of=t_withdrawn) == replayable(api_before)

    # Any moment replays what was public then.
    def state(at):
        deal = selectors.public_agreements(at=at).get()
        terms = selectors.terms_of([deal], at=at)[deal.pk]
        return (terms.status, {c.company.slug for c in terms.parties}, terms.one("value"))

    assert state(t_before) == ("extended", {"china-telecom", "att"}, None)
    status, parties, value = state(t_published)
    assert (status, parties) == ("terminated", {"china-telecom", "att", "orange"})
    assert (value.amount, value.currency) == (1200000000, "USD")
    assert state(t_withdrawn) == state(t_before)


def test_an_embargoed_drafts_claims_go_public_the_moment_the_embargo_lifts(client, world):
    before = public_surfaces(client)
    draft = draft_with_claims(world, client)
    for term in ("status",):
        pending = Claim.objects.current().get(article=draft, term=term)
        address = reverse(
            "admin:structuring_claim_decide", args=[draft.pk, pending.pk, "supersedes"]
        )
        assert client.post(address).status_code == 200
    lifts = timezone.now() + timedelta(seconds=1.5)

    article_publish(draft, by=world["editor"], at=lifts)

    assert public_surfaces(client) == before
    # Nothing happens at the moment the embargo lifts: no request, no event, no write.
    time.sleep(max(0.0, (lifts - timezone.now()).total_seconds()) + 0.1)
    page = client.get("/deals/telecom-att-venture/").content.decode()
    assert "Terminated" in page and "$1.2bn" in page
    assert client.get("/companies/orange/").status_code == 200
    assert (
        selectors.terms_of([world["deal"]], at=lifts - timedelta(seconds=1))[
            world["deal"].pk
        ].status
        == "extended"
    )

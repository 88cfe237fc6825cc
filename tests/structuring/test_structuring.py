"""The structuring screen's endpoints: decisions, tagging, agreements, permissions, races."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from deals.models import Agreement, Claim
from registry.models import Company, Person
from structuring.models import Annotation
from structuring.suggesting import refresh_suggestions
from tests.factories import ArticleFactory, CompanyFactory
from tests.groups import user_in
from tests.structuring.conftest import BODY


def url(article, name, *args):
    return reverse(f"admin:{name}", args=[article.pk, *args])


def post(client, address, data=None):
    return client.post(address, json.dumps(data or {}), content_type="application/json")


def test_structure_page_shows_body_lists_and_keys(editor_client, story):
    page = editor_client.get(url(story, "articles_article_structure")).content.decode()

    assert 'id="structure-body"' in page
    assert "Keys:" in page and "<kbd>a</kbd> accept" in page
    assert "structure.js" in page


def test_accepting_suggestions_creates_what_they_propose(editor_client, story):
    response = post(editor_client, url(story, "structuring_accept_all"))

    assert response.status_code == 200
    state = response.json()["state"]
    assert not [a for a in state["annotations"] if a["review_state"] == "suggested"]
    deal = Agreement.objects.get()
    assert deal.kind == "partnership"
    assert {p.company.slug for p in deal.parties.all()} == {"china-telecom", "orange"}
    assert {r.name for r in deal.regions.all()} == {"Asia", "Europe", "Africa"}
    assert deal.events.get().article == story
    assert Person.objects.get().name == "Anna Berg"
    assert state["problems"] == []


def test_reject_is_remembered_and_accept_all_of_a_company(editor_client, story):
    orange = story.annotations.get(exact="Orange SA")
    post(editor_client, url(story, "structuring_decide", orange.pk, "reject"))
    telecom = story.annotations.get(exact="China Telecom")

    response = post(editor_client, url(story, "structuring_decide", telecom.pk, "accept-company"))

    assert "Accepted 1 mention(s) of China Telecom" in response.json()["message"]
    assert Annotation.objects.get(pk=orange.pk).review_state == "rejected"


def test_tagging_selected_words_as_a_new_company(editor_client, story):
    start = story.body.index("Jefferies")

    response = post(
        editor_client,
        url(story, "structuring_tag"),
        {
            "start": start,
            "end": start + 9,
            "kind": "company",
            "new_company": "Jefferies",
            "version": story.version,
        },
    )

    assert response.status_code == 200
    annotation = Annotation.objects.get(exact="Jefferies", review_state="confirmed")
    assert annotation.company == Company.objects.get(name="Jefferies")
    assert annotation.source == "editor"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"start": 5, "end": 2, "kind": "company", "new_company": "X"}, "outside the story"),
        ({"start": 0, "end": 99999, "kind": "company", "new_company": "X"}, "outside the story"),
        ({"start": -1, "end": 3, "kind": "company"}, "'start' must be a whole number"),
        ({"start": 0, "end": 3, "kind": "banana"}, "'kind' must be"),
        ({"start": 0, "end": 3, "kind": "agreement", "parties": []}, "at least two parties"),
    ],
)
def test_bad_tag_requests_answer_400_with_a_reason(editor_client, story, payload, message):
    response = post(editor_client, url(story, "structuring_tag"), payload)

    assert response.status_code == 400
    assert message in response.json()["error"]["message"]


def test_malformed_json_is_a_400_not_a_500(editor_client, story):
    response = editor_client.post(
        url(story, "structuring_tag"), "{not json", content_type="application/json"
    )

    assert response.status_code == 400


def test_agreement_editor_sets_the_storys_claims_and_adds_a_cited_event(editor_client, story):
    post(editor_client, url(story, "structuring_accept_all"))
    deal = Agreement.objects.get()
    recorded = (deal.status, deal.announced_place, deal.announced_on)
    parties = [{"company_id": p.company_id, "role": "partner"} for p in deal.parties.all()]

    response = post(
        editor_client,
        url(story, "structuring_agreement", deal.pk),
        {
            "status": "extended",
            "parties": parties,
            "sectors": ["IoT", "Cloud"],
            "announced_place": "Shanghai",
            "announced_on": "2017-06-28",
            "event": {"kind": "extended"},
        },
    )

    assert response.status_code == 200, response.content
    shown = next(g for g in response.json()["state"]["agreements"] if g["id"] == deal.pk)
    assert (shown["status"], shown["announced_place"], shown["announced_on"]) == (
        "extended",
        "Shanghai",
        "2017-06-28",
    )
    assert set(shown["sectors"]) == {"IoT", "Cloud"}
    said = Claim.objects.current().filter(agreement=deal, article=story)
    assert said.get(term="status").status == "extended"
    assert set(said.filter(term="sector").values_list("sector__name", flat=True)) == {
        "IoT",
        "Cloud",
    }
    # The shared agreement is not edited in place: the story's claims carry its terms.
    deal.refresh_from_db()
    assert (deal.status, deal.announced_place, deal.announced_on) == recorded
    assert deal.events.filter(kind="extended", article=story).exists()


def test_reporter_cannot_decide_on_suggestions(client, story):
    client.force_login(user_in("Reporter"))
    suggestion = story.annotations.filter(review_state="suggested").first()

    response = post(client, url(story, "structuring_decide", suggestion.pk, "accept"))

    assert response.status_code == 403
    assert Annotation.objects.get(pk=suggestion.pk).review_state == "suggested"


def test_partner_manager_cannot_open_the_structuring_screen(client, story):
    client.force_login(user_in("Partner manager"))

    assert client.get(url(story, "articles_article_structure")).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client, story):
    response = post(client, url(story, "structuring_accept_all"))

    assert response.status_code == 302
    assert Annotation.objects.filter(review_state="suggested").exists()


def test_csrf_is_required(story):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_in("Editor"))

    response = post(client, url(story, "structuring_accept_all"))

    assert response.status_code == 403


def test_second_decision_on_the_same_suggestion_is_refused_with_409(editor_client, story):
    suggestion = story.annotations.filter(review_state="suggested").first()
    post(editor_client, url(story, "structuring_decide", suggestion.pk, "accept"))

    response = post(editor_client, url(story, "structuring_decide", suggestion.pk, "reject"))

    assert response.status_code == 409
    assert "already confirmed" in response.json()["error"]["message"]


@pytest.mark.django_db(transaction=True)
def test_two_editors_accepting_one_suggestion_at_once_one_wins():
    CompanyFactory(name="China Telecom", slug="china-telecom")
    article = ArticleFactory(body=BODY)
    refresh_suggestions(article)
    suggestion = article.annotations.get(exact="China Telecom")
    editors = [user_in("Editor"), user_in("Editor")]
    address = url(article, "structuring_decide", suggestion.pk, "accept")
    barrier = threading.Barrier(2)
    statuses = []

    def decide(user):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=10)
            statuses.append(post(client, address).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(u,)) for u in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses) == [200, 409]
    assert Annotation.objects.get(pk=suggestion.pk).reviewed_by in editors


def test_accepting_several_spans_of_one_deal_makes_one_agreement(editor_client, db):
    CompanyFactory(name="China Telecom", slug="china-telecom")
    CompanyFactory(name="AT&T", slug="att")
    article = ArticleFactory(
        body="China Telecom will extend its joint venture with AT&T. The pair founded the venture long ago."
    )
    refresh_suggestions(article)
    [deal] = article.annotations.filter(kind="agreement")
    assert [m["exact"] for m in deal.proposal["mentions"]] == ["joint venture", "venture"]

    post(editor_client, url(article, "structuring_accept_all"))

    assert Agreement.objects.count() == 1
    spans = article.annotations.filter(kind="agreement").order_by("start")
    assert [(a.exact, a.review_state) for a in spans] == [
        ("joint venture", "confirmed"),
        ("venture", "confirmed"),
    ]
    assert {a.agreement_id for a in spans} == {Agreement.objects.get().pk}

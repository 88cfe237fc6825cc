"""Push delivery end to end: the outbox written with the change, the task worker, a real HTTP
receiver on 127.0.0.1, signatures checked as a partner would, retries, dead letters and
redelivery."""

import json
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from standardwebhooks import Webhook

from api.models import Partner
from articles.services import article_publish, article_update, article_withdraw
from articles.working import working_copy_publish
from delivery.models import Attempt, Delivery, Event, Subscription
from tests.factories import AnnotationFactory, ArticleFactory, ClaimFactory, CompanyFactory
from tests.groups import user_in

from .conftest import work, work_once
from .receiver import Receiver

pytestmark = pytest.mark.django_db(transaction=True)
README = Path(__file__).resolve().parents[2] / "README.md"


def readme_verify():
    """The receiver's check exactly as the README prints it."""
    code = re.search(r"```python\n(# Verifying a Newsroom webhook.*?)```", README.read_text(), re.S)
    scope: dict = {}
    exec(code.group(1), scope)
    return scope["verify"]


def subscribe(url: str, **filters) -> Subscription:
    partner, _ = Partner.objects.get_or_create(name="Acme Data")
    return Subscription.objects.create(partner=partner, url=url, **filters)


def ready_story(**fields):
    """A signed story whose first suggestion run (queued when it was saved) is done."""
    story = ArticleFactory(signed=True, **fields)
    work()
    return story


def bodies(receiver: Receiver) -> list[dict]:
    return [json.loads(r.body) for r in receiver.accepted]


def test_a_published_story_arrives_signed_and_both_a_partners_checks_accept_it(queue, editor):
    verify = readme_verify()
    with Receiver() as receiver:
        hook = subscribe(receiver.url)
        story = ready_story()
        article_publish(story, by=editor)
        work()

    [got] = receiver.received
    payload = Webhook(hook.secret).verify(got.body, {k.lower(): v for k, v in got.headers.items()})
    assert verify(hook.secret, got.headers, got.body)
    assert not verify("whsec_" + "A" * 44, got.headers, got.body)
    assert not verify(hook.secret, got.headers, got.body.replace(b"published", b"withdrawn"))
    assert payload["type"] == "story.published"
    assert payload["data"]["uid"] == str(story.uid) == payload["data"]["article"]["uid"]
    assert got.headers["webhook-id"] == str(Event.objects.get().uid)
    assert "/api/v1/changes/?cursor=" in payload["changes"]
    delivery = Delivery.objects.get()
    assert delivery.state == Delivery.State.DELIVERED and delivery.log.get().status == 200


def test_a_receiver_answering_500_is_retried_with_the_same_key_and_body(queue, editor):
    with Receiver(answers=[500, 200]) as receiver:
        subscribe(receiver.url)
        article_publish(ready_story(), by=editor)
        work()

    first, second = receiver.received
    assert [first.status, second.status] == [500, 200]
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("delivered", 2, 200)
    assert sorted(delivery.log.values_list("status", flat=True)) == [200, 500]
    assert all(ms >= 0 for ms in delivery.log.values_list("response_ms", flat=True))


def test_a_dead_receiver_ends_in_dead_letter_and_the_admin_sends_it_again(
    queue, editor, closed_port, settings
):
    settings.NEWSROOM_WEBHOOK_ATTEMPTS = 3
    hook = subscribe(f"http://127.0.0.1:{closed_port}/down")
    story = ready_story()
    article_publish(story, by=editor)
    work()

    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == (Delivery.State.DEAD, 3)
    assert list(delivery.log.values_list("status", flat=True)) == [None, None, None]
    assert all(
        "Connection" in e or "refused" in e for e in delivery.log.values_list("error", flat=True)
    )
    at = sorted(delivery.log.values_list("at", flat=True))
    # Never sooner than the backoff, which doubles: 0.02 s, then 0.04 s.
    assert at[1] - at[0] >= timedelta(seconds=0.02) and at[2] - at[1] >= timedelta(seconds=0.04)

    manager = user_in("Partner manager")
    client = Client()
    client.force_login(manager)
    with Receiver() as receiver:
        hook.url = receiver.url
        hook.save()
        response = client.post(
            "/admin/delivery/delivery/",
            {"action": "redeliver", "_selected_action": [delivery.pk]},
            follow=True,
        )
        assert "1 queued to be sent again" in response.content.decode()
        work()

    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.DELIVERED
    [got] = receiver.received
    assert got.headers["webhook-id"] == delivery.idempotency_key
    log = client.get(f"/admin/delivery/delivery/{delivery.pk}/change/").content.decode()
    assert "200" in log, log
    assert "ConnectionRefusedError" in log, log


def test_a_rolled_back_change_sends_nothing(queue, editor):
    story = ready_story()
    with Receiver() as receiver:
        subscribe(receiver.url)
        with pytest.raises(RuntimeError), transaction.atomic():
            article_publish(story, by=editor)
            assert Event.objects.count() == 1  # written with the change...
            raise RuntimeError("the request failed after the publish")
        work()

    assert Event.objects.count() == 0  # ...and gone with it
    assert receiver.received == []


def test_a_withdrawal_is_a_tombstone_sent_only_to_those_who_were_told(queue, editor):
    CompanyFactory(slug="far-away")
    with Receiver() as everything, Receiver() as elsewhere:
        subscribe(everything.url)
        subscribe(elsewhere.url, companies=["far-away"])
        story = ready_story()
        article_publish(story, by=editor)
        work()
        article_withdraw(story, by=editor)
        work()

    assert elsewhere.received == []
    published, withdrawn = bodies(everything)
    assert published["type"] == "story.published"
    assert withdrawn["type"] == "story.withdrawn"
    assert withdrawn["data"]["article"] is None and withdrawn["data"]["uid"] == str(story.uid)


def test_filters_by_section_and_company_reference_pick_the_stories(queue, editor):
    telecom = CompanyFactory(slug="china-telecom", lei="5493001KJTIIGC8Y1R12")
    with Receiver() as by_lei, Receiver() as by_section:
        about = ready_story()
        AnnotationFactory(article=about, company=telecom, words="China Telecom")
        other = ready_story()
        subscribe(by_lei.url, companies=["lei:5493001kjtiigc8y1r12"])
        subscribe(by_section.url, sections=[other.section.slug])
        article_publish(about, by=editor)
        article_publish(other, by=editor)
        work()

    assert [b["data"]["uid"] for b in bodies(by_lei)] == [str(about.uid)]
    assert [b["data"]["uid"] for b in bodies(by_section)] == [str(other.uid)]


def test_an_embargoed_story_is_pushed_when_it_lifts_and_not_before(queue, editor):
    with Receiver() as receiver:
        subscribe(receiver.url)
        article_publish(ready_story(), by=editor, at=timezone.now() + timedelta(seconds=1.5))
        work()
        assert receiver.received == []
        time.sleep(1.6)
        work()

    assert [b["type"] for b in bodies(receiver)] == ["story.published"]


def test_a_story_withdrawn_before_its_embargo_lifts_is_never_pushed(queue, editor):
    with Receiver() as receiver:
        subscribe(receiver.url)
        story = ready_story()
        article_publish(story, by=editor, at=timezone.now() + timedelta(seconds=1))
        article_withdraw(story, by=editor)
        time.sleep(1.1)
        work()

    assert receiver.received == []


def test_a_receiver_down_for_a_while_gets_every_delivery_once_and_in_order_per_story(queue, editor):
    stories = [ready_story() for _ in range(3)]
    with Receiver(answers=[503] * 5) as receiver:
        subscribe(receiver.url)
        for story in stories:
            article_publish(story, by=editor)
        work_once()  # the first attempts fail: the receiver is down
        for n, story in enumerate(stories):
            story.refresh_from_db()
            article_update(
                story, by=editor, expected_version=story.version, changes={"dek": f"Now {n}"}
            )
            working_copy_publish(story, by=editor)
        for story in stories[:2]:
            article_withdraw(story, by=editor)
        work()

    keys = [r.headers["webhook-id"] for r in receiver.accepted]
    deliveries = list(Delivery.objects.select_related("event").order_by("pk"))
    assert len(deliveries) >= 8  # published, updated, withdrawn, story by story
    assert sorted(keys) == sorted(d.idempotency_key for d in deliveries)
    assert len(set(keys)) == len(keys)  # each accepted exactly once
    for story in stories:
        made = [d.idempotency_key for d in deliveries if d.article_id == story.pk]
        assert [k for k in keys if k in made] == made
    assert Attempt.objects.filter(status=503).count() == 5
    mirror: set[str] = set()
    for body in bodies(receiver):
        change = body["data"]
        (mirror.discard if body["type"] == "story.withdrawn" else mirror.add)(change["uid"])
    assert mirror == {str(stories[2].uid)}


def test_an_edit_waiting_in_a_working_copy_sends_nothing_until_it_is_published(queue, editor):
    story = ready_story()
    with Receiver() as receiver:
        subscribe(receiver.url)
        article_publish(story, by=editor)
        work()
        story.refresh_from_db()
        article_update(
            story, by=editor, expected_version=story.version, changes={"headline": "Not yet"}
        )
        work()
        assert len(receiver.received) == 1
        working_copy_publish(story, by=editor)
        work()

    first, second = bodies(receiver)
    assert first["data"]["article"]["headline"] != "Not yet"
    assert second["data"]["article"]["headline"] == "Not yet"
    assert second["data"]["article"]["version"] > first["data"]["article"]["version"]


def test_a_subscription_to_publications_only_still_hears_of_the_withdrawal(queue, editor):
    story = ready_story()
    with Receiver() as receiver:
        subscribe(receiver.url, events=["story.published"])
        article_publish(story, by=editor)
        work()
        time.sleep(1.1)  # a change within a second of going live still counts as the publication
        story.refresh_from_db()
        article_update(story, by=editor, expected_version=story.version, changes={"dek": "New"})
        working_copy_publish(story, by=editor)
        work()
        article_withdraw(story, by=editor)
        work()

    assert [b["type"] for b in bodies(receiver)] == ["story.published", "story.withdrawn"]


def test_a_change_to_a_live_storys_deal_claims_is_a_deal_event_for_who_asked(queue, editor):
    story = ready_story()
    with Receiver() as deals_only, Receiver() as updates, Receiver() as publications:
        subscribe(deals_only.url, events=["deal.changed"])
        subscribe(updates.url, events=["story.updated"])
        subscribe(publications.url, events=["story.published"])
        article_publish(story, by=editor)
        work()
        time.sleep(1.1)  # a change within a second of going live still counts as the publication
        ClaimFactory(article=story)
        work()

    assert [b["type"] for b in bodies(deals_only)] == ["deal.changed"]
    assert [b["type"] for b in bodies(updates)] == ["deal.changed"]
    assert [b["type"] for b in bodies(publications)] == ["story.published"]
    assert bodies(deals_only)[0]["data"]["uid"] == str(story.uid)

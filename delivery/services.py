"""Webhook use cases: write the outbox with the change, fan an event out to the subscriptions
that want it, send a delivery with retries and backoff, and redeliver from the admin.

Events and deliveries are queued on the task library chosen for suggestions (django-tasks). A
backend that keeps its queue in the database is given the task in the writing transaction, so a
change and its queued work commit or roll back together; one that runs tasks at once (tests)
gets them after the commit, and cannot wait for an embargo or a retry.
"""

import json
from datetime import timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from api import selectors
from api import serializers as out
from api.filters import ArticleFilter
from api.links import Links
from api.pagination import CHANGES
from articles.models import Article

from . import sending, tasks
from .models import DEAL_CHANGED, WITHDRAWN, Attempt, Delivery, Event, Subscription

State = Delivery.State


def max_attempts() -> int:
    return int(getattr(settings, "NEWSROOM_WEBHOOK_ATTEMPTS", 8))


def backoff(attempts: int) -> timedelta:
    """How long to wait after ``attempts`` failures: the base, doubled after each one."""
    base = float(getattr(settings, "NEWSROOM_WEBHOOK_BACKOFF_SECONDS", 30))
    return timedelta(seconds=base * 2 ** (attempts - 1))


def queue(task, *args, at=None) -> None:
    """Queue ``task`` to run at ``at`` (now if None), in the current transaction when the
    backend keeps its queue in the database."""
    backend = task.get_backend()
    if backend.supports_defer:
        (task.using(run_after=at) if at else task).enqueue(*args)
    elif at is None or at <= timezone.now():
        transaction.on_commit(lambda: task.enqueue(*args))


# -- The outbox ------------------------------------------------------------------------------------


def event_record(article_id: int, *, left_public: bool, about_deal: bool = False) -> Event | None:
    """Write the outbox row for a change partners may see, in the changing transaction: now for a
    live story or one just taken off, at the embargo's end for a scheduled one."""
    if not Subscription.objects.filter(is_active=True).exists():
        return None
    row = Article.objects.filter(pk=article_id).values("status", "publish_at").first()
    now = timezone.now()
    if left_public or Article.live_at(row["status"], row["publish_at"], now):
        due = now
    elif row["status"] == Article.Status.PUBLISHED:
        due = row["publish_at"]
        if Event.objects.filter(article_id=article_id, due_at=due, dispatched_at=None).exists():
            return None  # the embargo's end is already on its way
    else:
        return None  # a draft's edits are nobody's business
    event = Event.objects.create(article_id=article_id, due_at=due, about_deal=about_deal)
    queue(tasks.dispatch_event, event.pk, at=None if due <= now else due)
    return event


# -- Fan-out -------------------------------------------------------------------------------------


def _wants(subscription: Subscription, article_id: int) -> bool:
    """Whether the live story passes the subscription's filters, read as the API's filters."""
    stories = Article.objects.live().filter(pk=article_id)
    if subscription.sections:
        stories = stories.filter(section__slug__in=subscription.sections)
    for name, values in (
        ("company", subscription.companies),
        ("agreement_kind", subscription.kinds),
    ):
        if values:
            stories = reduce(or_, (ArticleFilter({name: v}, queryset=stories).qs for v in values))
    return stories.exists()


def recipients(article_id: int, *, kind: str) -> list[Subscription]:
    """Who hears of the story: whoever was told of it before (so no copy goes stale when it
    stops matching or leaves), and, while it is live, every subscription whose filters it
    passes; each only for the kinds of change it asked for, but a withdrawal goes to all told."""
    active = list(Subscription.objects.filter(is_active=True))
    told = set(
        Delivery.objects.filter(article_id=article_id).values_list("subscription_id", flat=True)
    )
    if kind == WITHDRAWN:
        return [s for s in active if s.pk in told]
    wanted = {kind, "story.updated"} if kind == DEAL_CHANGED else {kind}
    return [s for s in active if wanted & set(s.events) and (s.pk in told or _wants(s, article_id))]


def payload(event: Event, entry: dict, kind: str) -> bytes:
    """The body every subscription gets: the change feed's own entry, and where to resume it."""
    links = Links(site=settings.NEWSROOM_SITE_URL)
    change = out.Change(selectors.change(entry), context={"links": links}).data
    resume = CHANGES.encode({"changed_at": entry["changed_at"], "id": entry["id"] - 1})
    body = {
        "type": kind,
        "timestamp": timezone.now(),
        "data": change,
        "changes": links.path(f"/api/v1/changes/?cursor={resume}"),
    }
    return json.dumps(body, cls=DjangoJSONEncoder, separators=(",", ":")).encode()


@transaction.atomic
def event_dispatch(event_id: int) -> int:
    """Turn a due event into one delivery per subscription that wants it; how many."""
    event = Event.objects.select_for_update().filter(pk=event_id, dispatched_at=None).first()
    if event is None:
        return 0
    now = timezone.now()
    event.dispatched_at = now
    event.save(update_fields=["dispatched_at"])
    entry = selectors.story_change(event.article_id, now)
    if entry is None:
        return 0  # never public (withdrawn before its embargo lifted): nothing to say
    kind = f"story.{entry['action']}"
    if kind == "story.updated" and event.about_deal:
        kind = DEAL_CHANGED
    targets = recipients(event.article_id, kind=kind)
    if not targets:
        return 0
    body = payload(event, entry, kind).decode()
    deliveries = Delivery.objects.bulk_create(
        [
            Delivery(
                event=event,
                subscription=s,
                article_id=event.article_id,
                kind=kind,
                body=body,
            )
            for s in targets
        ]
    )
    # One task sends the event to every subscription; a failure queues its own retry.
    queue(tasks.deliver_event, event.pk)
    return len(deliveries)


def event_deliver(event_id: int) -> list[str]:
    """First attempts at each of the event's waiting deliveries, read and recorded together."""
    waiting = list(
        Delivery.objects.filter(event_id=event_id, state=State.PENDING)
        .select_related("subscription", "event")
        .order_by("pk")
    )
    if not waiting:
        return []
    blocked = _earlier(waiting)
    sent = []
    for delivery in waiting:
        if delivery.subscription_id in blocked:
            _wait_for(delivery, blocked[delivery.subscription_id])
        else:
            sent.append((delivery, _post(delivery)))
    with transaction.atomic():
        _record(sent)
    return [delivery.state for delivery in waiting]


# -- Sending -------------------------------------------------------------------------------------


def delivery_attempt(delivery_id: int) -> str:
    """Send the delivery once, record the answer, and queue a retry or give up; its new state."""
    delivery = Delivery.objects.select_related("subscription", "event").filter(pk=delivery_id)
    delivery = delivery.first()
    if delivery is None or delivery.state in (State.DELIVERED, State.DEAD):
        return delivery.state if delivery else "gone"
    if delivery.next_attempt_at and delivery.next_attempt_at > timezone.now() + timedelta(
        seconds=1
    ):
        return delivery.state  # a task queued before a redelivery moved the time on
    blocked = _earlier([delivery])
    if blocked:
        _wait_for(delivery, blocked[delivery.subscription_id])
        return delivery.state
    answer = _post(delivery)
    with transaction.atomic():
        _record([(delivery, answer)])
    return delivery.state


def _earlier(deliveries: list[Delivery]) -> dict:
    """In order per story: the subscriptions among ``deliveries`` (all of one story) that an
    older delivery of the same story still waits for, with when it tries next."""
    first = deliveries[0]
    found: dict = {}
    for subscription_id, at in (
        Delivery.objects.filter(
            subscription_id__in=[d.subscription_id for d in deliveries],
            article_id=first.article_id,
            pk__lt=first.pk,
            state__in=[State.PENDING, State.RETRYING],
        )
        .order_by("pk")
        .values_list("subscription_id", "next_attempt_at")
    ):
        found.setdefault(subscription_id, at)
    return found


def _wait_for(delivery: Delivery, earlier_at) -> None:
    now = timezone.now()
    wait_until = max(earlier_at or now, now) + timedelta(seconds=1)
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=wait_until)
    queue(tasks.deliver, delivery.pk, at=wait_until)


def _post(delivery: Delivery) -> sending.Answer:
    subscription = delivery.subscription
    return sending.post(
        subscription.url, subscription.secret, delivery.idempotency_key, delivery.body.encode()
    )


def _record(sent: list[tuple[Delivery, sending.Answer]]) -> None:
    """Log each answer and move each delivery on: delivered, a retry after its backoff, or the
    dead letters after the last attempt."""
    now = timezone.now()
    Attempt.objects.bulk_create(
        [
            Attempt(delivery=d, at=now, status=a.status, response_ms=a.response_ms, error=a.error)
            for d, a in sent
        ]
    )
    for delivery, answer in sent:
        delivery.attempts += 1
        delivery.last_status = answer.status
        if answer.ok:
            delivery.state, delivery.delivered_at, delivery.next_attempt_at = (
                State.DELIVERED,
                now,
                None,
            )
        elif delivery.attempts >= max_attempts():
            delivery.state, delivery.next_attempt_at = State.DEAD, None
        else:
            delivery.state = State.RETRYING
            delivery.next_attempt_at = now + backoff(delivery.attempts)
            queue(tasks.deliver, delivery.pk, at=delivery.next_attempt_at)
    Delivery.objects.bulk_update(
        [d for d, _ in sent],
        ["attempts", "last_status", "state", "delivered_at", "next_attempt_at"],
    )


@transaction.atomic
def delivery_redeliver(delivery: Delivery, *, by: AbstractBaseUser) -> bool:
    """Send a dead or delivered event again, with a fresh set of attempts and the same
    idempotency key; False for one still on its way."""
    if not by.has_perm("delivery.change_delivery"):
        raise PermissionDenied("You do not have permission to redeliver webhooks.")
    current = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if current.state not in (State.DEAD, State.DELIVERED):
        return False
    current.state, current.attempts, current.next_attempt_at = State.PENDING, 0, None
    current.save(update_fields=["state", "attempts", "next_attempt_at"])
    queue(tasks.deliver, current.pk)
    return True

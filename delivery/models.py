"""Webhook subscriptions, the outbox of story changes, and every delivery with its attempts."""

import base64
import secrets
import uuid
from ipaddress import ip_address
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from api.models import Partner
from deals.models import AgreementKind
from registry.identifiers import company_reference

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    """A signing secret in the Standard Webhooks form: ``whsec_`` and 32 random bytes, base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def validate_endpoint(url: str) -> None:
    """HTTPS only, but for loopback addresses (a partner's own test receiver)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        loopback = host == "localhost" or ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
        raise ValidationError("Give an https:// address (plain http only for 127.0.0.1).")


def validate_company_references(values: list) -> None:
    for value in values:
        try:
            company_reference(str(value))
        except ValueError as error:
            raise ValidationError(f"'{value}': {error}") from None


def validate_kinds(values: list) -> None:
    unknown = sorted(set(values) - set(AgreementKind.values))
    if unknown:
        raise ValidationError(
            f"Unknown agreement kind(s) {', '.join(unknown)}; "
            f"use {', '.join(AgreementKind.values)}."
        )


EVENTS = {
    "story.published": "A story goes live (published, or its embargo lifts)",
    "story.updated": "A live story changes (text, headline, slug, structure, deal terms)",
    "deal.changed": "What a live story claims about a deal changes (terms, status, parties)",
}
# A deal change is also a change of the story: who asked for updates hears of it too.
DEAL_CHANGED = "deal.changed"
WITHDRAWN = "story.withdrawn"  # always sent to whoever was told of the story


def all_events() -> list[str]:
    return list(EVENTS)


def validate_events(values: list) -> None:
    unknown = sorted(set(values) - set(EVENTS))
    if unknown:
        raise ValidationError(f"Unknown event(s) {', '.join(unknown)}; use {', '.join(EVENTS)}.")


class Subscription(models.Model):
    """A partner's endpoint and which story changes it wants pushed to it."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(
        "endpoint",
        max_length=500,
        validators=[validate_endpoint],
        help_text="Where the signed POSTs go: https://, or http:// to 127.0.0.1 for testing.",
    )
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        editable=False,
        help_text="Signs every delivery (HMAC-SHA256); shown once, when the webhook is created.",
    )
    companies = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_company_references],
        help_text=(
            "Only stories mentioning one of these companies: slugs, or lei:…, "
            "ticker:EXCHANGE:SYMBOL, wikidata:Q…. Empty: every company."
        ),
    )
    kinds = models.JSONField(
        "agreement kinds",
        default=list,
        blank=True,
        validators=[validate_kinds],
        help_text="Only stories reporting a deal of one of these kinds. Empty: any story.",
    )
    sections = models.JSONField(
        default=list,
        blank=True,
        help_text="Only stories filed in one of these sections (slugs). Empty: every section.",
    )
    events = models.JSONField(
        default=all_events,
        blank=True,
        validators=[validate_events],
        help_text=(
            "Which changes to send. A withdrawal of a story this endpoint was told of is always "
            "sent, so that no copy outlives its story."
        ),
    )
    is_active = models.BooleanField(
        default=True, help_text="Untick to stop sending; nothing is queued while it is off."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["partner__name", "url"]
        verbose_name = "webhook"

    def __str__(self) -> str:
        return f"{self.partner}: {self.url}"


class Event(models.Model):
    """The outbox: a story's public state may have changed. Written in the transaction of the
    change, so a change that rolls back leaves none; sent once the change is visible."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="webhook_events"
    )
    due_at = models.DateTimeField(
        help_text="When the change is public: now, or when the story's embargo lifts."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    dispatched_at = models.DateTimeField(null=True, blank=True, editable=False)
    about_deal = models.BooleanField(
        default=False, help_text="The change is to what the story claims about a deal."
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["dispatched_at", "due_at"], name="event_pending_idx")]

    def __str__(self) -> str:
        return f"{self.article} at {self.due_at:%Y-%m-%d %H:%M:%S}"


class Delivery(models.Model):
    """One event for one subscription: its frozen body, its state and its attempts."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        RETRYING = "retrying", "Failed, will retry"
        DELIVERED = "delivered", "Delivered"
        DEAD = "dead", "Gave up (dead letter)"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="webhook_deliveries"
    )
    kind = models.CharField(max_length=40, help_text="story.published, story.updated, …")
    body = models.TextField(help_text="The JSON sent, byte for byte, on every attempt.")
    state = models.CharField(
        max_length=16, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveSmallIntegerField("last HTTP status", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "subscription"], name="delivery_once_per_subscription"
            )
        ]
        indexes = [
            models.Index(fields=["subscription", "article", "state"], name="delivery_story_idx")
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.subscription.url}"

    @property
    def idempotency_key(self) -> str:
        """The same for every attempt and redelivery of this event to any subscription."""
        return str(self.event.uid)


class Attempt(models.Model):
    """One POST of a delivery: what the partner's server answered, and how fast."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(default=timezone.now)
    status = models.PositiveSmallIntegerField("HTTP status", null=True, blank=True)
    response_ms = models.PositiveIntegerField("response time (ms)")
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.status or self.error} in {self.response_ms} ms"

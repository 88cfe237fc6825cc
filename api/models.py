"""Partners, their API keys (stored hashed) and how much each key is used."""

from django.db import models
from django.utils import timezone
from rest_framework_api_key.models import AbstractAPIKey, BaseAPIKeyManager


class Tier(models.TextChoices):
    BASIC = "basic", "Basic"
    STANDARD = "standard", "Standard"
    PREMIUM = "premium", "Premium"


class Partner(models.Model):
    Tier = Tier

    name = models.CharField(max_length=200, unique=True, help_text="The partner's organisation.")
    tier = models.CharField(
        max_length=16,
        choices=Tier.choices,
        default=Tier.BASIC,
        help_text="Sets how many requests a minute each of the partner's keys may make.",
    )
    contact_email = models.EmailField(blank=True, help_text="Who to tell about API changes.")
    is_active = models.BooleanField(
        default=True, help_text="Untick to refuse every key of this partner at once."
    )
    notes = models.TextField(blank=True, help_text="Internal notes; never shown to the partner.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tier__in=Tier.values), name="partner_tier_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PartnerKey(AbstractAPIKey):
    """A key a partner sends as ``Authorization: Api-Key <key>``; only its hash is stored."""

    objects = BaseAPIKeyManager()

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="keys")

    class Meta(AbstractAPIKey.Meta):
        verbose_name = "partner API key"
        verbose_name_plural = "partner API keys"


class KeyUsage(models.Model):
    """Requests a key made on one day (UTC), written in batches by ``api.usage``."""

    key = models.ForeignKey(PartnerKey, on_delete=models.CASCADE, related_name="usage")
    day = models.DateField(db_index=True)
    requests = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = "daily request count"
        constraints = [
            models.UniqueConstraint(fields=["key", "day"], name="key_usage_one_row_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.key} on {self.day}: {self.requests}"


class Tombstone(models.Model):
    """Where a story that partners may hold a copy of left the public: the change feed lists it
    here as a removal, whatever happens to the story later (a new embargo, a return to draft)."""

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="tombstone"
    )
    removed_at = models.DateTimeField(
        help_text="When the story last stopped being public: its place in the change feed."
    )

    class Meta:
        indexes = [models.Index(fields=["removed_at", "article"], name="tombstone_feed_idx")]

    def __str__(self) -> str:
        return f"{self.article} removed at {self.removed_at:%Y-%m-%d %H:%M:%S}"

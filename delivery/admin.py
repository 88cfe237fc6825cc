"""Partner managers subscribe partners' endpoints (the secret shown once), read every delivery
with the status and response time of each attempt, and send again what failed."""

from django.contrib import admin, messages
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.html import format_html

from . import services
from .forms import SubscriptionForm
from .models import EVENTS, Attempt, Delivery, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionForm
    list_display = ("partner", "url", "is_active", "filters", "delivered", "failing", "log")
    list_filter = ("is_active", "partner")
    search_fields = ("partner__name", "url")
    readonly_fields = ("created_at",)

    def get_queryset(self, request):
        state = Delivery.State
        return (
            super()
            .get_queryset(request)
            .select_related("partner")
            .annotate(
                n_delivered=Count("deliveries", filter=Q(deliveries__state=state.DELIVERED)),
                n_failing=Count(
                    "deliveries", filter=Q(deliveries__state__in=[state.RETRYING, state.DEAD])
                ),
            )
        )

    @admin.display(description="Filters")
    def filters(self, subscription: Subscription) -> str:
        parts = [
            *(e for e in subscription.events if len(subscription.events) < len(EVENTS)),
            *subscription.companies,
            *(f"kind {k}" for k in subscription.kinds),
            *(f"section {s}" for s in subscription.sections),
        ]
        return ", ".join(parts) or "every story"

    @admin.display(description="Delivered", ordering="n_delivered")
    def delivered(self, subscription) -> int:
        return subscription.n_delivered

    @admin.display(description="Retrying or dead", ordering="n_failing")
    def failing(self, subscription) -> int:
        return subscription.n_failing

    @admin.display(description="Delivery log")
    def log(self, subscription) -> str:
        url = (
            reverse("admin:delivery_delivery_changelist")
            + f"?subscription__id__exact={subscription.pk}"
        )
        return format_html('<a href="{}">Deliveries</a>', url)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            messages.warning(
                request,
                format_html(
                    "The signing secret of this webhook is <code>{}</code>. Give it to the "
                    "partner now: it is not shown again.",
                    obj.secret,
                ),
            )


class AttemptInline(admin.TabularInline):
    model = Attempt
    fields = ("at", "status", "response_ms", "error")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "subscription",
        "article",
        "kind",
        "state",
        "attempts",
        "last_status",
        "last_response_ms",
        "next_attempt_at",
    )
    list_filter = ("state", "kind", "subscription")
    list_select_related = ("subscription__partner", "article")
    search_fields = ("article__headline", "article__slug", "event__uid")
    readonly_fields = (
        "event_id_key",
        "subscription",
        "article",
        "kind",
        "state",
        "attempts",
        "last_status",
        "next_attempt_at",
        "created_at",
        "delivered_at",
        "body",
    )
    exclude = ("event",)
    inlines = [AttemptInline]
    actions = ["redeliver"]

    def get_queryset(self, request):
        last = Attempt.objects.filter(delivery=OuterRef("pk")).order_by("-at", "-id")
        return (
            super()
            .get_queryset(request)
            .select_related("event")
            .annotate(last_ms=Subquery(last.values("response_ms")[:1]))
        )

    @admin.display(description="Idempotency key (webhook-id)")
    def event_id_key(self, delivery: Delivery) -> str:
        return delivery.idempotency_key

    @admin.display(description="Last response (ms)", ordering="last_ms")
    def last_response_ms(self, delivery) -> int | None:
        return delivery.last_ms

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Send the selected deliveries again", permissions=["change"])
    def redeliver(self, request, queryset) -> None:
        sent = sum(services.delivery_redeliver(d, by=request.user) for d in queryset)
        skipped = queryset.count() - sent
        if sent:
            self.message_user(request, f"{sent} queued to be sent again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} left as they are: still on their way (they retry on their own).",
                messages.WARNING,
            )

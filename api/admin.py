"""Partner managers issue keys (shown once), revoke them and watch each key's daily requests."""

from datetime import timedelta

from django.contrib import admin, messages
from django.db.models import Sum
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from .models import KeyUsage, Partner, PartnerKey
from .throttling import limit_for

admin.site.unregister(APIKey)  # the library's own key model is unused; ours belong to partners

USAGE_DAYS = 14


class PartnerKeyInline(admin.TabularInline):
    model = PartnerKey
    fields = ("name", "prefix", "created", "expiry_date", "revoked")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "tier", "limit", "is_active", "live_keys", "requests_today")
    list_filter = ("tier", "is_active")
    search_fields = ("name", "contact_email")
    inlines = [PartnerKeyInline]

    @admin.display(description="Requests a minute per key")
    def limit(self, partner: Partner) -> int:
        return limit_for(partner.tier)

    @admin.display(description="Usable keys")
    def live_keys(self, partner: Partner) -> int:
        return partner.keys.filter(revoked=False).count()

    @admin.display(description="Requests today")
    def requests_today(self, partner: Partner) -> int:
        return (
            KeyUsage.objects.filter(key__partner=partner, day=timezone.now().date()).aggregate(
                n=Sum("requests")
            )["n"]
            or 0
        )


def usage_chart(key: PartnerKey) -> str:
    """Requests a day over the last two weeks, as bars; empty days shown as zero."""
    today = timezone.now().date()
    days = [today - timedelta(days=n) for n in range(USAGE_DAYS - 1, -1, -1)]
    counts = dict(key.usage.filter(day__gte=days[0]).values_list("day", "requests"))
    peak = max(counts.values(), default=0) or 1
    rows = format_html_join(
        "",
        '<tr><th scope="row">{}</th><td><span style="display:inline-block;height:0.8em;'
        'width:{}px;background:#417690"></span> {}</td></tr>',
        (
            (day.isoformat(), round(200 * counts.get(day, 0) / peak), counts.get(day, 0))
            for day in days
        ),
    )
    return format_html('<table class="key-usage"><tbody>{}</tbody></table>', rows)


@admin.register(PartnerKey)
class PartnerKeyAdmin(APIKeyModelAdmin):
    list_display = (
        "prefix",
        "name",
        "partner",
        "created",
        "expiry_date",
        "_has_expired",
        "revoked",
        "requests_today",
    )
    list_filter = ("partner__tier", "revoked", "created")
    search_fields = ("name", "prefix", "partner__name")
    list_select_related = ("partner",)
    autocomplete_fields = ("partner",)
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        fields = ["partner", "name", "expiry_date", "revoked"]
        return [*fields, "prefix", "daily_requests"] if obj else fields

    def get_readonly_fields(self, request, obj=None):
        fields = (*super().get_readonly_fields(request, obj), "daily_requests")
        return (*fields, "partner") if obj else fields

    @admin.display(description="Requests a day (last 14 days)")
    def daily_requests(self, key: PartnerKey) -> str:
        return usage_chart(key)

    @admin.display(description="Requests today")
    def requests_today(self, key: PartnerKey) -> int:
        row = key.usage.filter(day=timezone.now().date()).first()
        return row.requests if row else 0

    @admin.action(description="Revoke the selected keys (cannot be undone)", permissions=["change"])
    def revoke(self, request, queryset):
        revoked = 0
        for key in queryset.filter(revoked=False):
            key.revoked = True
            key.save(update_fields=["revoked"])
            revoked += 1
        self.message_user(request, f"Revoked {revoked} key(s).", messages.SUCCESS)

    def has_delete_permission(self, request, obj=None) -> bool:
        # A key is revoked, not deleted, so its usage stays on record.
        return False


@admin.register(KeyUsage)
class KeyUsageAdmin(admin.ModelAdmin):
    list_display = ("day", "key", "partner", "requests")
    list_filter = ("key__partner",)
    date_hierarchy = "day"
    list_select_related = ("key__partner",)
    search_fields = ("key__name", "key__prefix", "key__partner__name")

    @admin.display(ordering="key__partner__name")
    def partner(self, usage: KeyUsage) -> Partner:
        return usage.key.partner

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

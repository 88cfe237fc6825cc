"""Agreements in the admin: parties, timeline events and the sector and region vocabularies."""

from django.contrib import admin

from newsroom.history_admin import HistoryAdmin

from .models import Agreement, AgreementEvent, Claim, Evidence, Party, Region, Sector


@admin.register(Sector, Region)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class PartyInline(admin.TabularInline):
    model = Party
    extra = 2
    autocomplete_fields = ["company"]


class AgreementEventInline(admin.TabularInline):
    model = AgreementEvent
    extra = 1
    autocomplete_fields = ["article"]


@admin.register(Agreement)
class AgreementAdmin(HistoryAdmin):
    list_display = ["title", "kind", "status", "announced_on", "resulting_company"]
    list_filter = ["kind", "status", "sectors", "regions"]
    search_fields = ["title", "slug", "parties__company__name", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["resulting_company", "sectors", "regions"]
    date_hierarchy = "announced_on"
    inlines = [PartyInline, AgreementEventInline]
    list_select_related = ["resulting_company"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["company", "agreement", "role"]
    list_filter = ["role"]
    search_fields = ["company__name", "agreement__title"]
    autocomplete_fields = ["company", "agreement"]
    list_select_related = ["company", "agreement"]


@admin.register(AgreementEvent)
class AgreementEventAdmin(admin.ModelAdmin):
    list_display = ["agreement", "kind", "occurred_on", "precision", "article"]
    list_filter = ["kind", "precision"]
    search_fields = ["agreement__title", "article__headline", "description"]
    autocomplete_fields = ["agreement", "article"]
    date_hierarchy = "occurred_on"
    list_select_related = ["agreement", "article"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ["exact", "start", "end", "anchor_state"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Claim)
class ClaimAdmin(HistoryAdmin):
    """Claims to read and audit; they are made on the Structure screen, whose services check
    the kind of deal, the values and the evidence, and keep every earlier wording."""

    list_display = [
        "agreement",
        "term",
        "article",
        "asserted",
        "resolution",
        "created_by",
        "created_at",
        "retired_at",
    ]
    list_filter = ["term", "asserted", "resolution"]
    search_fields = ["agreement__title", "article__headline", "company__name"]
    list_select_related = ["agreement", "article", "created_by"]
    inlines = [EvidenceInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from articles.admin import HTTPS_LINKS

from .models import (
    Agreement,
    AgreementEvent,
    Annotation,
    Company,
    CompanyAlias,
    Party,
    Person,
    Region,
    Sector,
    Ticker,
)


class CompanyAliasInline(admin.TabularInline):
    model = CompanyAlias
    extra = 1


class TickerInline(admin.TabularInline):
    model = Ticker
    extra = 1


@admin.register(Company)
class CompanyAdmin(SimpleHistoryAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["name", "legal_name", "country", "lei", "wikidata_id", "parent"]
    list_filter = ["country"]
    search_fields = [
        "name",
        "legal_name",
        "slug",
        "aliases__name",
        "lei",
        "wikidata_id",
        "tickers__symbol",
    ]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [CompanyAliasInline, TickerInline]
    list_select_related = ["parent"]


@admin.register(CompanyAlias)
class CompanyAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "company", "case_sensitive"]
    list_filter = ["case_sensitive"]
    search_fields = ["name", "company__name"]
    autocomplete_fields = ["company"]
    list_select_related = ["company"]


@admin.register(Ticker)
class TickerAdmin(admin.ModelAdmin):
    list_display = ["symbol", "exchange", "company"]
    list_filter = ["exchange"]
    search_fields = ["symbol", "exchange", "company__name"]
    autocomplete_fields = ["company"]
    list_select_related = ["company"]


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
class AgreementAdmin(SimpleHistoryAdmin):
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


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "organisation"]
    search_fields = ["name", "slug", "title", "organisation__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]


@admin.register(Annotation)
class AnnotationAdmin(SimpleHistoryAdmin):
    list_display = [
        "exact_short",
        "article",
        "kind",
        "target",
        "review_state",
        "anchor_state",
        "source",
        "confidence",
        "created_by",
        "reviewed_by",
        "reviewed_at",
    ]
    list_filter = ["kind", "review_state", "anchor_state", "source"]
    search_fields = [
        "exact",
        "article__headline",
        "company__name",
        "person__name",
        "agreement__title",
    ]
    autocomplete_fields = ["article", "company", "agreement", "person"]
    readonly_fields = ["created_by", "reviewed_by", "reviewed_at", "created_at", "updated_at"]
    list_select_related = ["article", "company", "agreement", "person", "reviewed_by"]

    @admin.display(description="Words", ordering="exact")
    def exact_short(self, obj: Annotation) -> str:
        return obj.exact if len(obj.exact) <= 60 else obj.exact[:59] + "…"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


from . import structure_admin  # noqa: E402,F401 - extends the story admin

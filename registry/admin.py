"""The registry in the admin: companies with their aliases and tickers, and people."""

from django.contrib import admin

from articles.admin import HTTPS_LINKS
from newsroom.history_admin import HistoryAdmin

from .models import Company, CompanyAlias, Person, Ticker


class CompanyAliasInline(admin.TabularInline):
    model = CompanyAlias
    extra = 1


class TickerInline(admin.TabularInline):
    model = Ticker
    extra = 1


@admin.register(Company)
class CompanyAdmin(HistoryAdmin):
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


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["name", "title", "organisation"]
    search_fields = ["name", "slug", "title", "organisation__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]

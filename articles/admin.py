from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Article, Byline, PageView, Ranking, RankingEntry, Reporter, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Reporter)
class ReporterAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "user"]
    search_fields = ["name", "email", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["reporter"]
    ordering = ["position"]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["headline", "section", "status", "publish_at", "updated_at", "version"]
    list_filter = ["status", "section", "language", ("publish_at", admin.DateFieldListFilter)]
    search_fields = ["headline", "slug", "dek", "bylines__reporter__name"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section"]
    date_hierarchy = "publish_at"
    readonly_fields = ["first_published_at", "created_at", "updated_at", "version"]
    inlines = [BylineInline]
    list_select_related = ["section"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "section", "dateline", "language"]}),
        ("Body", {"fields": ["body"]}),
        ("Workflow", {"fields": ["status", "publish_at", "source_uri"]}),
        (
            "Record",
            {
                "fields": ["first_published_at", "created_at", "updated_at", "version"],
                "classes": ["collapse"],
            },
        ),
    ]


class RankingEntryInline(admin.TabularInline):
    model = RankingEntry
    extra = 1
    autocomplete_fields = ["article"]
    ordering = ["position"]


@admin.register(Ranking)
class RankingAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "kind", "article", "position"]
    list_filter = ["kind"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["article"]
    inlines = [RankingEntryInline]


@admin.register(RankingEntry)
class RankingEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "ranking", "position", "article", "sponsor", "starts_at", "ends_at"]
    list_filter = ["ranking__kind", "ranking"]
    search_fields = ["title", "sponsor", "ranking__title"]
    autocomplete_fields = ["ranking", "article"]
    list_select_related = ["ranking", "article"]


@admin.register(PageView)
class PageViewAdmin(admin.ModelAdmin):
    list_display = ["article", "day", "count"]
    list_filter = [("day", admin.DateFieldListFilter)]
    search_fields = ["article__headline"]
    autocomplete_fields = ["article"]
    date_hierarchy = "day"
    list_select_related = ["article"]

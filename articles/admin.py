from django.contrib import admin
from django.db import models
from django.db.models import Q

from .article_admin import ArticleAdmin
from .models import Article, PageView, Picture, Ranking, RankingEntry, Reporter, Section


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


admin.site.register(Article, ArticleAdmin)


@admin.register(Picture)
class PictureAdmin(admin.ModelAdmin):
    list_display = ["__str__", "credit", "rights_holder", "licence", "width", "height"]
    search_fields = ["alt_text", "caption", "credit", "rights_holder"]
    readonly_fields = ["width", "height", "created_at"]
    fieldsets = [
        (None, {"fields": ["image", "alt_text", "caption"]}),
        ("Rights", {"fields": ["credit", "rights_holder", "licence"]}),
        (
            "Cropping",
            {
                "fields": ["focal_x", "focal_y"],
                "description": "Crops for phones and shares keep this point in frame.",
            },
        ),
        ("Record", {"fields": ["width", "height", "created_at"], "classes": ["collapse"]}),
    ]

    def has_change_permission(self, request, obj=None) -> bool:
        # A picture in a published story is what readers see: changing it is an editor's call.
        if obj is not None and not request.user.has_perm("articles.publish_article"):
            published = Article.objects.filter(status=Article.Status.PUBLISHED)
            if published.filter(Q(lead_picture=obj) | Q(inline_pictures__picture=obj)).exists():
                return False
        return super().has_change_permission(request, obj)


# Links typed without a scheme are taken as https (Django 6's default, chosen now).
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class RankingEntryInline(admin.TabularInline):
    model = RankingEntry
    formfield_overrides = HTTPS_LINKS
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
    formfield_overrides = HTTPS_LINKS
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

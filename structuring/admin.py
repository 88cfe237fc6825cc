"""Annotations in the admin, for editors who need the raw rows (the Structure screen is
``structuring/screen.py``)."""

from django.contrib import admin

from newsroom.history_admin import HistoryAdmin

from .models import Annotation


@admin.register(Annotation)
class AnnotationAdmin(HistoryAdmin):
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

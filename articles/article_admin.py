"""The story admin: editing with optimistic locking, the workflow buttons, revisions and restore."""

from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from newsroom.history_admin import HistoryAdmin

from . import hooks, services
from .merging import merge
from .models import Article, Byline
from .publishing import publish_problems
from .revisions import diff_html, revision_notes


class ArticleForm(forms.ModelForm):
    version_opened = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "dek",
            "section",
            "dateline",
            "language",
            "body",
            "source_uri",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts: list[tuple[str, str, object, object]] = []
        self.merged: list[str] = []
        self.saved_against: int | None = None
        if self.instance.pk:
            self.fields["version_opened"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        opened = cleaned.get("version_opened")
        if opened is None:
            # Without the version it was opened at, a save could overwrite anyone's: refuse.
            raise ValidationError(
                "This form does not say which version of the story it was opened at, so it "
                "could overwrite someone else's changes. Reload the story and edit it again."
            )
        current = Article.objects.get(pk=self.instance.pk)
        self.saved_against = current.version
        if current.version == opened:
            return cleaned
        base = current.history.filter(version=opened).order_by("history_date").last()
        if base is None:
            raise ValidationError(str(services.StaleEdit(current, [])))
        names = [n for n in services.EDITABLE_FIELDS if n in cleaned]
        choices = {n: self.data.get(f"resolve_{n}", "") for n in names}
        result = merge(
            {n: _value(base, n) for n in names},
            {n: _value(current, n) for n in names},
            {n: _value(cleaned, n) for n in names},
            choices,
        )
        if result.conflicts:
            self.conflicts = [
                (n, self.fields[n].label or n, mine, theirs)
                for n, (mine, theirs) in result.conflicts.items()
            ]
            raise ValidationError(
                "Someone saved this story since you opened it. Their changes to other fields "
                "are kept; for each field you both changed, choose which version to keep below, "
                "then save again."
            )
        for name in result.taken_from_them:
            cleaned[name] = getattr(current, name)
        self.merged = result.taken_from_them
        return cleaned


def _value(source, name: str):
    """A field's value, comparable across the form's cleaned data, the story and a revision."""
    if isinstance(source, dict):
        value = source.get(name)
        if name == "section":
            return value.pk if value is not None else None
    elif name == "section":
        return source.section_id
    else:
        value = getattr(source, name)
    return "" if value is None else value


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["reporter"]
    ordering = ["position"]


class ArticleAdmin(HistoryAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = ["headline", "section", "status", "publish_at", "updated_at", "version"]
    list_filter = ["status", "section", "language", ("publish_at", admin.DateFieldListFilter)]
    search_fields = ["headline", "slug", "dek", "bylines__reporter__name"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section"]
    date_hierarchy = "publish_at"
    readonly_fields = [
        "status",
        "publish_at",
        "first_published_at",
        "created_at",
        "updated_at",
        "version",
    ]
    inlines = [BylineInline]
    list_select_related = ["section"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "section", "dateline", "language"]}),
        ("Body", {"fields": ["body"]}),
        ("Workflow", {"fields": ["status", "publish_at", "source_uri", "version_opened"]}),
        (
            "Record",
            {
                "fields": ["first_published_at", "created_at", "updated_at", "version"],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/workflow/<slug:action>/",
                self.admin_site.admin_view(self.workflow_view),
                name="articles_article_workflow",
            ),
            path(
                "<path:object_id>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
        ]
        more = [url for urls in hooks.get(hooks.ADMIN_URLS) for url in urls(self)]
        return own + more + super().get_urls()

    def has_change_permission(self, request, obj=None) -> bool:
        # A reporter may read a published story here but not change it (services.may_edit).
        if obj is not None:
            return services.may_edit(obj, request.user)
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            # The form merged against the version it read; refuse if yet another save came in
            # between (it is then merged again on the next try).
            current = Article.objects.select_for_update().get(pk=obj.pk)
            if current.version != form.saved_against:
                raise services.StaleEdit(
                    current, services.changes_since(current, form.saved_against)
                )
        super().save_model(request, obj, form, change)
        if change and form.merged:
            messages.info(
                request,
                "Someone saved this story while you were editing it; their changes to "
                f"{', '.join(form.merged)} were kept beside yours.",
            )

    def response_change(self, request, obj):
        problems = publish_problems(obj) if obj.status == Article.Status.PUBLISHED else []
        if problems:
            links = hooks.collect(hooks.ADMIN_LINKS, request, obj)
            messages.warning(
                request,
                format_html(
                    "This published story is in doubt: {} {}",
                    " ".join(problems),
                    format_html_join(
                        " ", '<a href="{}">Open {}</a>', ((url, label) for label, url in links)
                    ),
                ),
            )
        return super().response_change(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.StaleEdit as stale:
            messages.error(request, str(stale))
            return HttpResponseRedirect(request.path)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            # For a published story the same reasons mean it is in doubt: it stays live, but an
            # edit has left something for an editor to look at.
            context["publish_problems"] = publish_problems(obj)
            context["in_doubt"] = obj.status == Article.Status.PUBLISHED
            context["workflow_actions"] = self._actions_for(request, obj)
            context["admin_links"] = hooks.collect(hooks.ADMIN_LINKS, request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _actions_for(self, request: HttpRequest, article: Article) -> list[tuple[str, str]]:
        labels = {
            "submit": ("review", "Submit for review"),
            "publish": ("published", "Publish now"),
            "withdraw": ("withdrawn", "Withdraw"),
            "draft": ("draft", "Return to draft"),
        }
        actions = []
        for action, (to, label) in labels.items():
            permission = services.TRANSITIONS.get((article.status, to))
            if permission and request.user.has_perm(permission):
                actions.append((action, label))
        return actions

    @staticmethod
    def _fail(request, reasons: list[str]) -> None:
        for reason in reasons:
            messages.error(request, reason)

    def workflow_view(self, request: HttpRequest, object_id: str, action: str) -> HttpResponse:
        if request.method != "POST":
            return require_POST(lambda r: None)(request)
        article = get_object_or_404(Article, pk=object_id)
        back = reverse("admin:articles_article_change", args=[article.pk])
        wanted = request.POST.get("next", "")
        if wanted and url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = wanted
        steps = {
            "submit": services.article_submit,
            "withdraw": services.article_withdraw,
            "draft": services.article_return_to_draft,
        }
        try:
            if action == "publish":
                at = self._schedule_time(request)
                services.article_publish(article, by=request.user, at=at)
                when = "scheduled for " + f"{at:%Y-%m-%d %H:%M %Z}" if at else "published"
                messages.success(request, f"“{article.headline}” is {when}.")
            elif action in steps:
                steps[action](article, by=request.user)
                messages.success(
                    request, f"“{article.headline}” is now {article.get_status_display().lower()}."
                )
            else:
                messages.error(request, f"Unknown workflow step “{action}”.")
        except services.WorkflowError as refused:
            messages.error(request, "Refused:")
            self._fail(request, refused.reasons)
        except PermissionDenied as denied:
            messages.error(request, str(denied))
        except ValueError as bad:
            messages.error(request, str(bad))
        return HttpResponseRedirect(back)

    @staticmethod
    def _schedule_time(request: HttpRequest) -> datetime | None:
        raw = request.POST.get("publish_at", "").strip()
        if not raw:
            return None
        when = parse_datetime(raw)
        if when is None:
            raise ValueError(f"“{raw}” is not a date and time; use the picker or YYYY-MM-DD HH:MM.")
        if timezone.is_naive(when):
            when = timezone.make_aware(when)
        return when

    def revisions_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        records = list(
            article.history.select_related("history_user").order_by("-history_date")[:50]
        )
        revisions = []
        for index, record in enumerate(records):
            previous = records[index + 1] if index + 1 < len(records) else None
            until = records[index - 1].history_date if index > 0 else timezone.now()
            changed = []
            if previous is not None:
                changed = [
                    f
                    for f in (*services.EDITABLE, "status", "publish_at")
                    if getattr(record, "section_id" if f == "section" else f)
                    != getattr(previous, "section_id" if f == "section" else f)
                ]
            revisions.append(
                {
                    "record": record,
                    "changed": changed,
                    "diff": diff_html(previous.body, record.body)
                    if previous and previous.body != record.body
                    else None,
                    "notes": revision_notes(article, record.history_date, until),
                    "current": index == 0,
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "article": article,
            "revisions": revisions,
            "title": f"Revisions of “{article.headline}”",
            "can_restore": request.user.has_perm("articles.change_article"),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request: HttpRequest, object_id: str, history_id: int) -> HttpResponse:
        article = get_object_or_404(Article, pk=object_id)
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse("admin:articles_article_revisions", args=[article.pk])
            )
        try:
            services.article_restore(article, by=request.user, history_id=history_id)
            messages.success(
                request, "The earlier revision is restored; annotations re-anchored to it."
            )
        except (services.WorkflowError, PermissionDenied) as refused:
            messages.error(request, str(refused))
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

"""The story admin: editing with optimistic locking, the workflow buttons, revisions and restore."""

from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from newsroom.history_admin import HistoryAdmin

from . import hooks, services, working
from .merging import merge
from .models import Article, Byline, InlinePicture, WorkingCopy, story_values
from .publishing import publish_problems
from .revisions import diff_html, revision_notes


class ArticleForm(forms.ModelForm):
    version_opened = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = list(WorkingCopy.FIELDS)  # what the form edits is what a working copy holds

    copy_opened = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts: list[tuple[str, str, object, object]] = []
        self.merged: list[str] = []
        self.saved_against: tuple[int, int] | None = None
        self.working_copy = None
        if self.instance.pk:
            self.fields["version_opened"].initial = self.instance.version
            # A published story's form shows the changes waiting for an editor, if any: the
            # instance stays the live story, which readers keep seeing.
            copy = WorkingCopy.objects.filter(article=self.instance).first()
            self.fields["copy_opened"].initial = copy.revision if copy else 0
            if copy is not None:
                self.working_copy = copy
                self.initial.update(story_values(copy))

    def _shown(self, name: str, value):
        """A value as the editor knows it: a section or picture by its name, not its key."""
        field = self.fields[name]
        if isinstance(field, forms.ModelChoiceField):
            found = field.queryset.filter(pk=value).first() if value else None
            return str(found) if found else "(none)"
        return value

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        taken = working.address_taken(slug, self.instance)
        if taken:
            raise ValidationError(taken)
        return slug

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
        opened_copy = cleaned.get("copy_opened") or 0
        current = Article.objects.get(pk=self.instance.pk)
        copy = WorkingCopy.objects.filter(article=current).first()
        self.saved_against = saved_state(current, copy)
        if self.saved_against == (opened, opened_copy):
            return cleaned
        # Someone saved since: the story itself, or its working copy. Merge against what this
        # form was opened on (the copy's revision then, or else the story's version then).
        if opened_copy:
            base = (
                WorkingCopy.history.filter(article_id=current.pk, revision=opened_copy)
                .order_by("history_date")
                .last()
            )
        else:
            base = current.history.filter(version=opened).order_by("history_date").last()
        if base is None:
            raise ValidationError(str(services.StaleEdit(current, [])))
        names = [n for n in services.EDITABLE_FIELDS if n in cleaned]
        theirs = story_values(copy or current)
        choices = {n: self.data.get(f"resolve_{n}", "") for n in names}
        result = merge(story_values(base), theirs, {n: _key(cleaned[n]) for n in names}, choices)
        if result.conflicts:
            self.conflicts = [
                (n, self.fields[n].label or n, self._shown(n, mine), self._shown(n, theirs))
                for n, (mine, theirs) in result.conflicts.items()
            ]
            raise ValidationError(
                "Someone saved this story since you opened it. Their changes to other fields "
                "are kept; for each field you both changed, choose which version to keep below, "
                "then save again."
            )
        for name in result.taken_from_them:
            cleaned[name] = self.fields[name].clean(theirs[name])
        self.merged = result.taken_from_them
        return cleaned


def _story_or_404(object_id: str) -> Article:
    """The story of an admin address, or 404 for an id that is not one (never a 500)."""
    if not str(object_id).isascii() or not str(object_id).isdigit():
        raise Http404("No such story.")
    return get_object_or_404(Article, pk=int(object_id))


def _text_changed_since(article: Article, version: int) -> bool:
    """Whether the published words changed since ``version`` (a status change does not count)."""
    then = article.history.filter(version=version).order_by("history_date").last()
    return then is not None and story_values(then) != story_values(article)


def saved_state(article: Article, copy: WorkingCopy | None) -> tuple[int, int]:
    """What a form was opened on: the story's version and its working copy's revision (0: none)."""
    return article.version, copy.revision if copy else 0


def _key(value):
    """A form's cleaned value, comparable with ``story_values``: relations by their key."""
    return value.pk if hasattr(value, "pk") else value


class LiveStoryInline(admin.StackedInline):
    """Bylines and pictures are not part of a working copy: on a published story they change
    what readers see at once, so only editors may change them there."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and services.edits_wait(obj):
            formset.help_text = "On a published story these change what readers see at once."
        return formset

    def _may_change(self, request, obj) -> bool:
        return (
            obj is None
            or not services.edits_wait(obj)
            or request.user.has_perm("articles.publish_article")
        )

    def has_add_permission(self, request, obj=None):
        return self._may_change(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_change(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_change(request, obj) and super().has_delete_permission(request, obj)


# Stacked, with a plain select: every control gets its own label, which a tabular inline and
# the autocomplete widget do not give (axe-core).
class BylineInline(LiveStoryInline):
    model = Byline
    extra = 1
    ordering = ["position"]


class InlinePictureInline(LiveStoryInline):
    model = InlinePicture
    extra = 0
    verbose_name = "picture in the story"
    verbose_name_plural = "pictures in the story"


class ChangesWaitingFilter(admin.SimpleListFilter):
    title = "changes waiting"
    parameter_name = "changes"

    def lookups(self, request, model_admin):
        return [
            ("waiting", "Changes waiting"),
            ("submitted", "Changes submitted for review"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(working_copy__isnull=False)
        if self.value() == "submitted":
            return queryset.filter(working_copy__submitted_at__isnull=False)
        return queryset


class ArticleAdmin(HistoryAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    # The form's own "View on site" shows only for live stories; Django's would show for drafts.
    view_on_site = False
    list_display = ["headline", "section", "state", "published", "updated", "version"]
    list_filter = [
        "status",
        ChangesWaitingFilter,
        "section",
        "language",
        ("publish_at", admin.DateFieldListFilter),
    ]
    search_fields = ["headline", "slug", "dek", "bylines__reporter__name"]
    prepopulated_fields = {"slug": ["headline"]}
    date_hierarchy = "publish_at"
    readonly_fields = [
        "status",
        "publish_at",
        "first_published_at",
        "created_at",
        "updated_at",
        "version",
    ]
    inlines = [BylineInline, InlinePictureInline]
    list_select_related = ["section"]
    list_per_page = 50
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "slug",
                    "dek",
                    "section",
                    "lead_picture",
                    "dateline",
                    "language",
                ]
            },
        ),
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
                "<path:object_id>/changes/",
                self.admin_site.admin_view(self.changes_view),
                name="articles_article_changes",
            ),
            path(
                "<path:object_id>/revisions/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
        ]
        more = [url for urls in hooks.get(hooks.ADMIN_URLS) for url in urls(self)]
        return own + more + super().get_urls()

    def get_queryset(self, request):
        waiting = WorkingCopy.objects.filter(article=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                changes_waiting=Exists(waiting),
                changes_submitted=Exists(waiting.filter(submitted_at__isnull=False)),
            )
        )

    @admin.display(description="Status", ordering="status")
    def state(self, article: Article) -> str:
        label = article.get_status_display()
        if article.changes_submitted:
            return f"{label} · changes submitted"
        return f"{label} · changes waiting" if article.changes_waiting else label

    @admin.display(description="Publishes", ordering="publish_at")
    def published(self, article: Article) -> str:
        return (
            date_format(timezone.localtime(article.publish_at), "j M Y H:i")
            if article.publish_at
            else "–"
        )

    @admin.display(description="Updated", ordering="updated_at")
    def updated(self, article: Article) -> str:
        return date_format(timezone.localtime(article.updated_at), "j M Y H:i")

    def has_change_permission(self, request, obj=None) -> bool:
        # Anyone who edits stories may open a published one: the edit waits as its working copy.
        if obj is not None:
            return services.may_edit(obj, request.user)
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        # The form merged against the state it read; refuse if yet another save came in
        # between (it is then merged again on the next try).
        current = Article.objects.select_for_update().get(pk=obj.pk)
        copy = WorkingCopy.objects.filter(article=current).first()
        if saved_state(current, copy) != form.saved_against:
            raise services.StaleEdit(current, services.changes_since(current, current.version))
        if services.edits_wait(current):
            values = {n: form.cleaned_data[n] for n in WorkingCopy.FIELDS if n in form.cleaned_data}
            form.working_copy = working.working_copy_save(current, by=request.user, values=values)
            obj.refresh_from_db()  # what readers see is unchanged; the page shows it so
        else:
            super().save_model(request, obj, form, change)
            # Changes saved while the story was published are in this form: the copy is used up.
            WorkingCopy.objects.filter(article=obj).delete()
        if form.merged:
            messages.info(
                request,
                "Someone saved this story while you were editing it; their changes to "
                f"{', '.join(form.merged)} were kept beside yours.",
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        copy = form.working_copy if change else None
        if copy is None:
            if change and "_publish_changes" in request.POST:
                messages.info(
                    request, "The text is the same as the published story's: nothing to publish."
                )
            return
        if form.merged and {"_publish_changes", "_submit_changes"} & set(request.POST):
            # Someone else's changes came in beside these: no one has looked at the result yet.
            messages.warning(
                request,
                "Nothing was published or submitted: the changes now include someone else's. "
                "Compare them with the live story first.",
            )
        elif "_publish_changes" in request.POST:
            self._publish_changes(request, form.instance, copy.revision)
        elif "_submit_changes" in request.POST:
            working.working_copy_submit(form.instance, by=request.user, revision=copy.revision)
            messages.success(request, "The changes are submitted: an editor will review them.")

    def _publish_changes(self, request, article: Article, revision: int) -> bool:
        try:
            working.working_copy_publish(article, by=request.user, revision=revision)
        except services.WorkflowError as refused:
            messages.error(request, "The changes are saved but not published:")
            self._fail(request, refused.reasons)
            return False
        except PermissionDenied as denied:
            messages.error(request, str(denied))
            return False
        article.refresh_from_db()
        messages.success(request, f"The changes to “{article.headline}” are live.")
        return True

    def response_change(self, request, obj):
        waiting = services.edits_wait(obj)
        copy = WorkingCopy.objects.filter(article=obj).first() if waiting else None
        compare = reverse("admin:articles_article_changes", args=[obj.pk])
        if copy is not None and request.user.has_perm("articles.publish_article"):
            messages.info(
                request,
                format_html(
                    "Your changes are saved beside the published story; readers see them once "
                    'you publish them. <a href="{}">Compare them with the published story</a>.',
                    compare,
                ),
            )
        elif copy is not None and copy.submitted_at is None:
            messages.info(
                request,
                format_html(
                    "Your changes are saved; readers see them only once an editor publishes "
                    "them. Submit them for review when they are ready. "
                    '<a href="{}">Compare them with the published story</a>.',
                    compare,
                ),
            )
        elif waiting and copy is None and "_publish_changes" not in request.POST:
            messages.info(
                request, "The text is the same as the published story's, so nothing waits."
            )
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
        if waiting:
            # Django's "changed successfully" would say the live story changed: it did not.
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
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
            context["edits_wait"] = services.edits_wait(obj)
            copy = context["adminform"].form.working_copy
            context["working_copy"] = copy
            context["may_publish_changes"] = request.user.has_perm("articles.publish_article")
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def _copy_actions(request: HttpRequest, copy: WorkingCopy) -> list[tuple[str, str]]:
        """What this user may do with a published story's waiting changes."""
        editor = request.user.has_perm("articles.publish_article")
        actions = []
        if not services.edits_wait(copy.article):
            # Left from when the story was published: its form applies it; it may go.
            return [("discard_changes", "Discard changes")] if editor else []
        if editor:
            actions.append(("publish_changes", "Publish changes"))
        elif copy.submitted_at is None:
            actions.append(("submit_changes", "Submit changes for review"))
        if editor or copy.created_by_id == request.user.pk:
            actions.append(("discard_changes", "Discard changes"))
        return actions

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
        article = _story_or_404(object_id)
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
        changes = {
            "publish_changes": (working.working_copy_publish, "The changes are live."),
            "submit_changes": (working.working_copy_submit, "The changes wait for an editor."),
            "discard_changes": (
                working.working_copy_discard,
                "The changes are discarded; the live story is as it was.",
            ),
        }
        try:
            if action == "publish":
                at = self._schedule_time(request)
                services.article_publish(article, by=request.user, at=at)
                when = "scheduled for " + f"{at:%Y-%m-%d %H:%M %Z}" if at else "published"
                messages.success(request, f"“{article.headline}” is {when}.")
            elif action in changes:
                step, done = changes[action]
                if action == "discard_changes" and not request.POST.get("confirm"):
                    raise ValueError("Tick “Yes, discard them” to discard the changes.")
                step(article, by=request.user, revision=self._revision(request))
                messages.success(request, done)
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
    def _revision(request: HttpRequest) -> int:
        """The revision of the changes the person acted on, as the page they used showed it."""
        raw = request.POST.get("revision", "")
        if not raw.isascii() or not raw.isdigit():
            raise ValueError("This page is out of date: open the changes again and act there.")
        return int(raw)

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
        article = _story_or_404(object_id)
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

    def changes_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The working copy beside the live story, field by field, and what publishing it
        would do to the story's structure."""
        article = _story_or_404(object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        copy = WorkingCopy.objects.filter(article=article).first()
        fields = []
        if copy is not None:
            live, waiting = story_values(article), story_values(copy)
            for name in WorkingCopy.FIELDS:
                if live[name] == waiting[name]:
                    continue
                label = Article._meta.get_field(name).verbose_name
                if name == "body":
                    fields.append((label, None, None, diff_html(article.body, copy.body)))
                else:
                    fields.append((label, getattr(article, name), getattr(copy, name), None))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "article": article,
            "copy": copy,
            "fields": fields,
            "preview": hooks.collect(hooks.CHANGE_PREVIEW, article, copy.body) if copy else [],
            "problems": working.new_problems(article, copy) if copy else [],
            "copy_actions": self._copy_actions(request, copy) if copy else [],
            "live_changed": copy is not None
            and _text_changed_since(article, copy.based_on_version),
            "title": f"Changes waiting to “{article.headline}”",
        }
        return TemplateResponse(request, "admin/articles/article/changes.html", context)

    def restore_view(self, request: HttpRequest, object_id: str, history_id: int) -> HttpResponse:
        article = _story_or_404(object_id)
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse("admin:articles_article_revisions", args=[article.pk])
            )
        try:
            services.article_restore(article, by=request.user, history_id=history_id)
            if services.edits_wait(article):
                messages.success(
                    request,
                    "The earlier revision is now the changes waiting beside the published story; "
                    "readers see it once an editor publishes it.",
                )
            else:
                messages.success(
                    request, "The earlier revision is restored; annotations re-anchored to it."
                )
        except (services.WorkflowError, PermissionDenied) as refused:
            messages.error(request, str(refused))
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

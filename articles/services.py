"""Workflow use cases for stories: one transaction each, permissions checked, reasons given."""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from . import hooks
from .models import Article
from .publishing import publish_problems

Status = Article.Status

# Which moves the workflow allows, and the permission each needs.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, Status.REVIEW): "articles.change_article",
    (Status.REVIEW, Status.DRAFT): "articles.change_article",
    (Status.DRAFT, Status.PUBLISHED): "articles.publish_article",
    (Status.REVIEW, Status.PUBLISHED): "articles.publish_article",
    (Status.PUBLISHED, Status.WITHDRAWN): "articles.withdraw_article",
    (Status.WITHDRAWN, Status.DRAFT): "articles.withdraw_article",
}


class WorkflowError(Exception):
    """A workflow step that was refused, with every reason."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


class StaleEdit(Exception):
    """Someone saved the story after the editor opened it."""

    def __init__(self, article: Article, changes: list[str]):
        super().__init__(
            "This story was saved by someone else since you opened it"
            + (f" (changed: {', '.join(changes)})" if changes else "")
            + ". Reload it to see their version; nothing of yours was saved."
        )
        self.article = article
        self.changes = changes


def _lock(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


def _move(article: Article, to: str, *, by: AbstractBaseUser, reason: str, **fields) -> Article:
    current = _lock(article)
    permission = TRANSITIONS.get((current.status, to))
    if permission is None:
        raise WorkflowError(
            [f"A story cannot go from {current.get_status_display()} to {Status(to).label}."]
        )
    if not by.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to move stories to {Status(to).label}.")
    old_status = current.status
    current.status = to
    for name, value in fields.items():
        setattr(current, name, value)
    current._change_reason = reason
    current._history_user = by
    current.save()
    hooks.run(hooks.STATUS_CHANGED, current, old_status, to)
    article.refresh_from_db()
    return current


@transaction.atomic
def article_submit(article: Article, *, by: AbstractBaseUser) -> Article:
    """A reporter hands a draft to the editors."""
    return _move(article, Status.REVIEW, by=by, reason="submitted for review")


@transaction.atomic
def article_return_to_draft(article: Article, *, by: AbstractBaseUser) -> Article:
    """Send a story in review, or a withdrawn one, back to draft."""
    return _move(article, Status.DRAFT, by=by, reason="returned to draft")


@transaction.atomic
def article_publish(
    article: Article, *, by: AbstractBaseUser, at: datetime | None = None
) -> Article:
    """Publish now, or schedule for ``at`` (an embargo); refused with every reason if not ready."""
    current = _lock(article)
    if not by.has_perm("articles.publish_article"):
        raise PermissionDenied("You do not have permission to publish stories.")
    problems = publish_problems(current)
    if problems:
        raise WorkflowError(problems)
    when = at or timezone.now()
    return _move(
        article,
        Status.PUBLISHED,
        by=by,
        reason="scheduled" if when > timezone.now() else "published",
        publish_at=when,
    )


@transaction.atomic
def article_withdraw(article: Article, *, by: AbstractBaseUser) -> Article:
    """Take a published story off the site and the API."""
    return _move(article, Status.WITHDRAWN, by=by, reason="withdrawn")


EDITABLE = ("headline", "slug", "dek", "section", "dateline", "language", "body")
# What the story's change form edits: the text fields above and where the story came from.
EDITABLE_FIELDS = (*EDITABLE, "source_uri")


def may_edit(article: Article, user: AbstractBaseUser) -> bool:
    """Anyone who may edit stories may edit a draft; what is published (live or scheduled) is
    the editors' alone, since a change to it reaches readers at once."""
    if not user.has_perm("articles.change_article"):
        return False
    return article.status != Status.PUBLISHED or user.has_perm("articles.publish_article")


def _require_edit(article: Article, user: AbstractBaseUser) -> None:
    if not user.has_perm("articles.change_article"):
        raise PermissionDenied("You do not have permission to edit stories.")
    if not may_edit(article, user):
        raise PermissionDenied(
            "This story is published: only an editor may change it, since readers see every "
            "change at once. Ask an editor, or ask for it to be withdrawn first."
        )


def changes_since(article: Article, version: int) -> list[str]:
    """The fields changed since the story was at ``version``, by comparing its history."""
    then = article.history.filter(version=version).order_by("history_date").last()
    now = article.history.order_by("history_date").last()
    if then is None or now is None:
        return []
    return [
        f
        for f in EDITABLE
        if getattr(then, f"{f}_id" if f == "section" else f)
        != getattr(now, f"{f}_id" if f == "section" else f)
    ]


@transaction.atomic
def article_update(
    article: Article, *, by: AbstractBaseUser, expected_version: int, changes: dict
) -> Article:
    """Save an editor's changes, refusing them if the story changed since they opened it."""
    current = _lock(article)
    _require_edit(current, by)
    if current.version != expected_version:
        raise StaleEdit(current, changes_since(current, expected_version))
    for name, value in changes.items():
        if name not in EDITABLE:
            raise ValueError(f"{name} is not an editable field")
        setattr(current, name, value)
    current._history_user = by
    current.save()
    return current


@transaction.atomic
def article_restore(article: Article, *, by: AbstractBaseUser, history_id: int) -> Article:
    """Bring back the text of an earlier revision; annotations then re-anchor to it."""
    revision = article.history.filter(history_id=history_id).first()
    if revision is None:
        raise WorkflowError(["That revision does not belong to this story."])
    current = _lock(article)
    _require_edit(current, by)
    for name in EDITABLE:
        attribute = "section_id" if name == "section" else name
        setattr(current, attribute, getattr(revision, attribute))
    current._change_reason = f"restored the revision of {revision.history_date:%Y-%m-%d %H:%M}"
    current._history_user = by
    current.save()
    return current


def article_mark_changed(article_id: int) -> None:
    """Put the story back at the head of the partners' change feed (its structure changed)."""
    now = Value(timezone.now())
    Article.objects.filter(pk=article_id).update(
        changed_at=Greatest(now, Coalesce(F("publish_at"), now))
    )
    hooks.run(hooks.FEED_CHANGED, article_id, left_public=False)

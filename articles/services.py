"""Workflow use cases for stories: one transaction each, permissions checked, reasons given."""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from . import hooks, working
from .errors import StaleEdit, WorkflowError
from .models import Article, Picture, Section, WorkingCopy, attribute_of, story_values
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


_lock = working.lock


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
# What the story's change form edits: the text fields above, the lead picture and the source.
EDITABLE_FIELDS = WorkingCopy.FIELDS


def may_edit(article: Article, user: AbstractBaseUser) -> bool:
    """Anyone who may edit stories may edit any story: a draft's edit is saved on it, a
    published story's edit becomes its working copy, which only an editor publishes."""
    return user.has_perm("articles.change_article")


def edits_wait(article: Article) -> bool:
    """Whether an edit of ``article`` waits in a working copy: it is published (live or
    scheduled), so readers would see the change at once."""
    return article.status == Status.PUBLISHED


def _require_edit(user: AbstractBaseUser) -> None:
    if not user.has_perm("articles.change_article"):
        raise PermissionDenied("You do not have permission to edit stories.")


def changes_since(article: Article, version: int) -> list[str]:
    """The fields changed since the story was at ``version``, by comparing its history."""
    then = article.history.filter(version=version).order_by("history_date").last()
    now = article.history.order_by("history_date").last()
    if then is None or now is None:
        return []
    before, after = story_values(then), story_values(now)
    return [name for name in EDITABLE if before[name] != after[name]]


@transaction.atomic
def article_update(
    article: Article, *, by: AbstractBaseUser, expected_version: int, changes: dict
) -> Article:
    """Save an editor's changes, refusing them if the story changed since they opened it.

    A published story is not changed: the changes become (or update) its working copy.
    """
    current = _lock(article)
    _require_edit(by)
    if current.version != expected_version:
        raise StaleEdit(current, changes_since(current, expected_version))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"{', '.join(sorted(unknown))} cannot be edited here")
    if edits_wait(current):
        working.working_copy_save(current, by=by, values=changes)
        return current
    for name, value in changes.items():
        setattr(current, name, value)
    current._history_user = by
    current.save()
    return current


@transaction.atomic
def article_restore(article: Article, *, by: AbstractBaseUser, history_id: int) -> Article:
    """Bring back the text of an earlier revision; annotations then re-anchor to it.

    For a published story the revision's text becomes the working copy, for an editor to
    publish: restoring never changes what readers see.
    """
    revision = article.history.filter(history_id=history_id).first()
    if revision is None:
        raise WorkflowError(["That revision does not belong to this story."])
    current = _lock(article)
    _require_edit(by)
    reason = f"restored the revision of {revision.history_date:%Y-%m-%d %H:%M}"
    values = {name: getattr(revision, attribute_of(name)) for name in EDITABLE_FIELDS}
    problems = _restore_problems(current, values)
    if problems:
        raise WorkflowError(problems)
    if edits_wait(current):
        if WorkingCopy.objects.filter(article=current).exists():
            raise WorkflowError(
                [
                    "Changes are already waiting for this story: publish or discard them (or "
                    "edit them) before restoring a revision, so that no one's work is lost."
                ]
            )
        working.working_copy_save(current, by=by, values=values, reason=reason)
        return current
    for name, value in values.items():
        setattr(current, attribute_of(name), value)
    current._change_reason = reason
    current._history_user = by
    current.save()
    WorkingCopy.objects.filter(article=current).delete()
    return current


def _restore_problems(article: Article, values: dict) -> list[str]:
    """What an old revision names that is gone or taken now."""
    problems = []
    if values["section"] and not Section.objects.filter(pk=values["section"]).exists():
        problems.append("The revision's section no longer exists; edit the story instead.")
    if values["lead_picture"] and not Picture.objects.filter(pk=values["lead_picture"]).exists():
        problems.append("The revision's lead picture no longer exists; edit the story instead.")
    taken = working.address_taken(values["slug"], article)
    if taken:
        problems.append(taken)
    return problems


def article_mark_changed(article_id: int, *, deal: bool = False) -> None:
    """Put the story back at the head of the partners' change feed (its structure changed;
    ``deal``: what it claims about a deal)."""
    now = Value(timezone.now())
    # Only a published story is in the feed (or will be, when its embargo lifts): a draft's
    # structure is nobody's business yet, and its publication puts it in the feed anyway.
    moved = Article.objects.filter(pk=article_id, status=Status.PUBLISHED).update(
        changed_at=Greatest(now, Coalesce(F("publish_at"), now))
    )
    if moved:
        hooks.run(hooks.FEED_CHANGED, article_id, left_public=False, deal=deal)

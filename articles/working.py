"""Working copies: edits to a published story wait for an editor (Wagtail's draft revisions).

A published story's own row is its live revision: the site, the feeds, search and the partner
API read only it. An edit of a published story, by anyone, a restored revision included, is
saved as the story's working copy instead; a reporter hands it to the editors, and only an
editor publishes it, through the same publish checks as a first publication. Each use case is
one transaction and checks its permission.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .errors import WorkflowError
from .models import Article, FormerSlug, WorkingCopy, attribute_of, story_values
from .publishing import publish_problems


def lock(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


def _require(user: AbstractBaseUser, permission: str, message: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied(message)


def _assign(target, name: str, value) -> None:
    """Set a field from a form's value (an object for relations) or a record's (a key)."""
    if name in ("section", "lead_picture") and not hasattr(value, "pk"):
        setattr(target, attribute_of(name), value)
    else:
        setattr(target, name, value)


def _next_revision(article: Article) -> int:
    """Revisions count up across every working copy a story ever had, so that a form opened on
    one copy is never mistaken for a later one."""
    last = WorkingCopy.history.filter(article_id=article.pk).aggregate(n=Max("revision"))["n"]
    return (last or 0) + 1


@transaction.atomic
def working_copy_save(
    article: Article, *, by: AbstractBaseUser, values: dict, reason: str = ""
) -> WorkingCopy | None:
    """Save ``values`` (fields by name) as the published story's working copy.

    Changes that leave the copy identical to the live story remove it: nothing waits.
    """
    _require(by, "articles.change_article", "You do not have permission to edit stories.")
    return store_changes(article, by=by, values=values, reason=reason)


def store_changes(article: Article, *, by, values: dict, reason: str) -> WorkingCopy | None:
    """Keep ``values`` in the story's working copy, for whoever is allowed to (the callers
    check: an editor's form, or an import run on the server, ``by`` then ``None``)."""
    current = lock(article)
    copy = WorkingCopy.objects.select_for_update().filter(article=current).first()
    if copy is None:
        copy = WorkingCopy(article=current, based_on_version=current.version, created_by=by)
        for name in WorkingCopy.FIELDS:
            _assign(copy, name, getattr(current, attribute_of(name)))
    for name, value in values.items():
        if name not in WorkingCopy.FIELDS:
            raise ValueError(f"{name} cannot be edited here")
        _assign(copy, name, value)
    copy._history_user = by
    copy.normalise()
    if story_values(copy) == story_values(current):
        if copy.pk is not None:
            copy._change_reason = "dropped: the same as the live story"
            copy.delete()
        return None
    copy.revision = _next_revision(current)
    copy.updated_by = by
    copy.submitted_at = copy.submitted_by = None  # a changed copy needs handing in again
    copy._change_reason = reason or "saved"
    copy.save()
    return copy


@transaction.atomic
def working_copy_submit(
    article: Article, *, by: AbstractBaseUser, revision: int | None = None
) -> WorkingCopy:
    """A reporter hands the changes to the editors."""
    _require(by, "articles.change_article", "You do not have permission to edit stories.")
    lock(article)
    copy = _copy_of(article, revision)
    copy.submitted_at, copy.submitted_by = timezone.now(), by
    copy._history_user, copy._change_reason = by, "submitted for review"
    copy.save()
    return copy


@transaction.atomic
def working_copy_publish(
    article: Article, *, by: AbstractBaseUser, revision: int | None = None
) -> Article:
    """Make the working copy the live story: refused, with every reason, as publishing is.

    ``revision`` is the copy's revision the editor reviewed: if it was saved again since, the
    editor must look again (nothing unseen goes live).
    """
    _require(by, "articles.publish_article", "Only an editor may publish changes to a live story.")
    current = lock(article)
    copy = _copy_of(current, revision)
    if current.status != Article.Status.PUBLISHED:
        raise WorkflowError(
            ["This story is not published: save it, and its changes are saved on it directly."]
        )
    problems = new_problems(current, copy)
    if problems:
        raise WorkflowError(problems)
    _overlay(current, copy)
    who = copy.submitted_by or copy.updated_by
    current._history_user = by
    current._change_reason = "published the working copy" + (f" of {who}" if who else "")
    current.save()
    copy._history_user, copy._change_reason = by, "published"
    copy.delete()
    return current


@transaction.atomic
def working_copy_discard(
    article: Article, *, by: AbstractBaseUser, revision: int | None = None
) -> None:
    """Throw the changes away; the live story stays as it is. Editors may; a reporter only
    while the changes are all theirs."""
    lock(article)
    copy = _copy_of(article, revision)
    others = (
        WorkingCopy.history.filter(article_id=article.pk, revision__gte=_first_revision(copy))
        .exclude(history_user=by)
        .exists()
    )
    if not by.has_perm("articles.publish_article") and others:
        raise PermissionDenied(
            "Only an editor may discard these changes: someone else worked on them too."
        )
    copy._history_user, copy._change_reason = by, "discarded"
    copy.delete()


def new_problems(article: Article, copy: WorkingCopy) -> list[str]:
    """Every reason the changes may not go live now: the publish checks, run on the story as
    it would be with them, less what the live story is already in doubt about (that is for the
    Structure screen, and must not hold back a correction)."""
    story = Article.objects.get(pk=article.pk)
    already = set(publish_problems(story))
    _overlay(story, copy)  # the same row, now as it would be with the changes
    return [problem for problem in _problems(story) if problem not in already]


def _overlay(story: Article, copy: WorkingCopy) -> None:
    for name in WorkingCopy.FIELDS:
        setattr(story, attribute_of(name), getattr(copy, attribute_of(name)))


def _problems(story: Article) -> list[str]:
    problems = publish_problems(story)
    taken = address_taken(story.slug, story)
    if taken:
        problems.append(taken)
    return problems


def address_taken(slug: str, story: Article) -> str:
    """Why another story holds ``slug`` (as its address, or as an old one that redirects to
    it), or an empty string."""
    if Article.objects.exclude(pk=story.pk).filter(slug=slug).exists():
        return f"Another story already has the address “{slug}”."
    if FormerSlug.objects.exclude(article_id=story.pk).filter(slug=slug).exists():
        return f"“{slug}” is an old address of another story and redirects to it; choose another."
    return ""


def _copy_of(article: Article, revision: int | None = None) -> WorkingCopy:
    copy = WorkingCopy.objects.select_for_update().filter(article=article).first()
    if copy is None:
        raise WorkflowError(["There are no changes waiting for this story."])
    if revision is not None and copy.revision != revision:
        who = copy.updated_by or "someone"
        raise WorkflowError(
            [
                f"The changes were saved again by {who} at "
                f"{timezone.localtime(copy.updated_at):%H:%M} since you looked at them: compare "
                "them again before you act on them."
            ]
        )
    return copy


def _first_revision(copy: WorkingCopy) -> int:
    """The revision this copy started at (a story's copies count on from each other)."""
    first = (
        WorkingCopy.history.filter(article_id=copy.article_id, history_type="+")
        .order_by("-history_date")
        .values_list("revision", flat=True)
        .first()
    )
    return first or copy.revision

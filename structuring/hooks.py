"""What structuring registers in ``articles.hooks``: the annotated body and the story's panels,
publish checks, revision notes, re-anchoring after edits, and the Structure screen."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from articles import hooks
from articles.services import article_mark_changed
from deals.models import Claim

from . import selectors, story_panels
from .claims import evidence_reanchor
from .models import Annotation
from .publish_checks import structure_problems
from .revision_notes import annotation_notes, change_preview
from .screen import structure_link, structure_urls
from .services import annotations_reanchor
from .tasks import request_suggestions

hooks.register(hooks.BODY_RENDERER, story_panels.annotated_body)
hooks.register(hooks.STORY_PANELS, story_panels.deal_cards)
hooks.register(hooks.RELATED_STORIES, selectors.related_stories)
hooks.register(hooks.JSONLD, story_panels.jsonld)
hooks.register(hooks.ARTICLE_FILTERS, story_panels.by_company, name="company")
hooks.register(hooks.PAGE_MODELS, Annotation)
hooks.register(hooks.PUBLISH_CHECKS, structure_problems)
hooks.register(hooks.REVISION_NOTES, annotation_notes)
hooks.register(hooks.CHANGE_PREVIEW, change_preview)
hooks.register(hooks.ADMIN_URLS, structure_urls)
hooks.register(hooks.ADMIN_LINKS, structure_link)


@hooks.register(hooks.BODY_CHANGED)
def follow_body_edit(article, old_body: str) -> None:
    """Move annotations with the text in the saving transaction (a new story has none); once
    it commits, a worker suggests again, so the engine never holds the write lock."""
    if old_body:
        annotations_reanchor(article, old_body=old_body)
        evidence_reanchor(article, old_body=old_body)
    article_id = article.pk
    transaction.on_commit(lambda: request_suggestions(article_id))


def feed_structure_change(sender, instance, **kwargs) -> None:
    """An editor's decision changes what partners see of the story; a new suggestion does not."""
    if instance.review_state != Annotation.ReviewState.SUGGESTED:
        article_mark_changed(instance.article_id)


post_save.connect(feed_structure_change, sender=Annotation, dispatch_uid="structuring-feed")


def feed_claim_change(sender, instance, **kwargs) -> None:
    """A story's claim about a deal (its terms, status, parties) is what partners read of the
    deal: a change puts the story back in the change feed and, when live, in the webhooks'
    outbox, in the same transaction."""
    article_mark_changed(instance.article_id, deal=True)


post_save.connect(feed_claim_change, sender=Claim, dispatch_uid="structuring-feed-claims")
post_delete.connect(feed_claim_change, sender=Claim, dispatch_uid="structuring-feed-claims")

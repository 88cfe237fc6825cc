"""What deals does when stories change."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.services import article_mark_changed
from articles.signals import body_changed

from .claims import evidence_reanchor
from .models import Annotation
from .services import annotations_reanchor
from .suggesting import refresh_suggestions


@receiver(body_changed, dispatch_uid="deals-follow-body-edit")
def follow_body_edit(sender, article, old_body, **kwargs):
    """In the saving transaction: move annotations with the text, then refresh suggestions."""
    annotations_reanchor(article, old_body=old_body)
    evidence_reanchor(article, old_body=old_body)
    refresh_suggestions(article)


@receiver(post_save, sender=Annotation, dispatch_uid="deals-structure-changes-feed")
def feed_structure_change(sender, instance, **kwargs):
    """An editor's decision changes what partners see of the story; a new suggestion does not."""
    if instance.review_state != Annotation.ReviewState.SUGGESTED:
        article_mark_changed(instance.article_id)

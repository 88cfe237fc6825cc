"""What deals does when stories change."""

from django.dispatch import receiver

from articles.signals import body_changed

from .services import annotations_reanchor
from .suggesting import refresh_suggestions


@receiver(body_changed, dispatch_uid="deals-follow-body-edit")
def follow_body_edit(sender, article, old_body, **kwargs):
    """In the saving transaction: move annotations with the text, then refresh suggestions."""
    annotations_reanchor(article, old_body=old_body)
    refresh_suggestions(article)

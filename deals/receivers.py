"""What deals does when stories change."""

from django.dispatch import receiver

from articles.signals import body_changed

from .suggesting import refresh_suggestions


@receiver(body_changed, dispatch_uid="deals-refresh-suggestions")
def refresh_suggestions_on_edit(sender, article, old_body, **kwargs):
    refresh_suggestions(article)

"""Signals other apps listen to, so that knowledge flows one way (articles never imports deals)."""

from django.dispatch import Signal

# Sent inside the transaction that saved an existing article whose body changed.
# Arguments: article, old_body.
body_changed = Signal()

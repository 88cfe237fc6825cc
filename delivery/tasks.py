"""Webhook work for the task library's workers (``manage.py db_worker``)."""

from django_tasks import task

from . import services


@task()
def dispatch_event(event_id: int) -> int:
    """Fan a due outbox event out to the subscriptions that want it."""
    return services.event_dispatch(event_id)


@task()
def deliver_event(event_id: int) -> list[str]:
    """The first attempt at each of an event's deliveries."""
    return services.event_deliver(event_id)


@task()
def deliver(delivery_id: int) -> str:
    """One attempt at a delivery; a failure queues the next one after its backoff."""
    return services.delivery_attempt(delivery_id)

import socket
import time

import pytest
from django.core.management import call_command

from delivery.models import Delivery
from tests.groups import user_in

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings):
    """The task library's database queue, as ``make run`` and production use it, with retries
    a few milliseconds apart instead of half a minute."""
    settings.TASKS = DATABASE_QUEUE
    settings.NEWSROOM_WEBHOOK_BACKOFF_SECONDS = 0.02
    settings.NEWSROOM_WEBHOOK_TIMEOUT_SECONDS = 2


def work_once() -> None:
    """One pass of the task worker over what is due now."""
    call_command(
        "db_worker", "--batch", "--interval", "0", "--no-startup-delay", "--no-reload", verbosity=0
    )


def work(timeout: float = 20) -> None:
    """Run the task worker until no delivery is waiting (retries included)."""
    deadline = time.monotonic() + timeout
    while True:
        work_once()
        waiting = Delivery.objects.filter(
            state__in=[Delivery.State.PENDING, Delivery.State.RETRYING]
        ).exists()
        if not waiting:
            return
        assert time.monotonic() < deadline, "deliveries still waiting"
        time.sleep(0.02)


@pytest.fixture
def editor(transactional_db):
    return user_in("Editor")


@pytest.fixture
def closed_port() -> int:
    """A loopback port nobody listens on: a partner's server that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

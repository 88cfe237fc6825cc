"""Background work of structuring, run by the task library's workers (django-tasks).

On the embedded default the database is the queue (``manage.py db_worker``, started by
``make run``); in production the same command runs beside the app servers on PostgreSQL.
"""

from django.core.cache import cache
from django_tasks import TaskResultStatus, default_task_backend, task

from articles.models import Article

from .suggesting import refresh_suggestions

FINISHED = {TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED}
_PENDING_KEY = "suggestions:pending:{}"


@task()
def suggest_for_story(article_id: int) -> dict[str, int]:
    """Run the engine over the story as it is now and store its suggestions."""
    article = Article.objects.filter(pk=article_id).first()
    return refresh_suggestions(article) if article else {}


def request_suggestions(article_id: int) -> None:
    """Queue a suggestion run for the story and remember it, so the Structure screen can say
    suggestions are on their way until the worker has made them."""
    result = suggest_for_story.enqueue(article_id)
    if result.status not in FINISHED:
        cache.set(_PENDING_KEY.format(article_id), result.id, 24 * 3600)


def suggestions_pending(article_id: int) -> bool:
    """Whether a queued suggestion run for the story has not finished yet."""
    result_id = cache.get(_PENDING_KEY.format(article_id))
    if result_id is None:
        return False
    try:
        status = default_task_backend.get_result(result_id).status
    except Exception:  # the result is gone (pruned) or the backend keeps none: not pending
        status = TaskResultStatus.SUCCESSFUL
    if status in FINISHED:
        cache.delete(_PENDING_KEY.format(article_id))
        return False
    return True

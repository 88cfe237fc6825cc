"""Every extension point of the story side, in one file (in the spirit of ``wagtail.hooks``).

``articles`` imports no other domain app. Apps that add to stories register functions here,
from a ``hooks.py`` module their ``AppConfig.ready`` imports::

    from articles import hooks

    @hooks.register(hooks.PUBLISH_CHECKS)
    def structure_problems(article): ...

Each hook below says what its functions are given, what they return, and when they run.
Without any registration the story side still works: plain paragraphs, no panels, no checks.
"""

from collections.abc import Callable
from typing import Any

# -- The public story page ------------------------------------------------------------------------

#: ``fn(article) -> SafeString``: the body as HTML, every character of the text escaped, markup
#: only around it. One renderer: the last registered wins; without one, plain paragraphs.
BODY_RENDERER = "body_renderer"

#: ``fn(article) -> SafeString``: a panel under the body (deal cards, who is quoted); an empty
#: string shows nothing. Panels appear in registration order.
STORY_PANELS = "story_panels"

#: ``fn(article, limit) -> list[(Article, reason)]``: live stories related to ``article``, best
#: first, each with the reason a reader sees ("also about China Telecom"). The last one wins.
RELATED_STORIES = "related_stories"

#: ``fn(article) -> dict``: facts merged into the story's schema.org ``NewsArticle`` JSON-LD.
JSONLD = "jsonld"

#: ``fn(queryset, value) -> queryset``, registered with ``name=``: a filter of story lists
#: (search) by a query parameter of that name, e.g. ``company``.
ARTICLE_FILTERS = "article_filters"

#: ``model`` (not a function): a model whose rows change what public pages show; saving or
#: deleting one forgets every cached page once the transaction commits.
PAGE_MODELS = "page_models"

# -- The workflow ---------------------------------------------------------------------------------

#: ``fn(article) -> list[str]``: every reason ``article`` may not be published now.
PUBLISH_CHECKS = "publish_checks"

#: ``fn(article, old_body)``: the body of a saved story changed (``old_body`` is ``""`` when the
#: story was just created, by the admin, an import or the shell). Runs inside the saving
#: transaction, so whatever must stay true of the text (anchored annotations) holds at commit;
#: slower follow-up work belongs in ``transaction.on_commit``.
BODY_CHANGED = "body_changed"

#: ``fn(article, old_status, new_status)``: a workflow move (submit, publish, schedule, withdraw,
#: return to draft). Runs inside the move's transaction, after the story is saved.
STATUS_CHANGED = "status_changed"

#: ``fn(article_id, *, left_public, deal=False)``: the story's place in the partners' change feed
#: (``changed_at``) moved: something partners may see of it changed. ``left_public`` is true when
#: this change took a live story off the public (withdrawn, sent back, or put behind an embargo);
#: ``deal`` when what changed is what the story claims about a deal (terms, status, parties).
#: Runs inside the changing transaction, so what is written here commits or rolls back with it.
FEED_CHANGED = "feed_changed"

#: ``fn(article, new_body) -> list[str]``: what publishing a working copy with ``new_body`` would
#: do to what hangs on the live text (annotations that would need review), said before it
#: happens; shown beside the changes. Reads only.
CHANGE_PREVIEW = "change_preview"

# -- The story admin ------------------------------------------------------------------------------

#: ``fn(article, since, until) -> list[str]``: lines describing what changed between two
#: revisions, shown on the Revisions page.
REVISION_NOTES = "revision_notes"

#: ``fn(model_admin) -> list[URLPattern]``: more admin URLs under ``/admin/articles/article/``.
ADMIN_URLS = "admin_urls"

#: ``fn(request, article) -> list[(label, url)]``: more links beside "History" on a story's
#: change form; return nothing to show none (for example without the permission).
ADMIN_LINKS = "admin_links"

HOOKS = frozenset(
    {
        BODY_RENDERER,
        STORY_PANELS,
        RELATED_STORIES,
        JSONLD,
        ARTICLE_FILTERS,
        PAGE_MODELS,
        PUBLISH_CHECKS,
        BODY_CHANGED,
        STATUS_CHANGED,
        FEED_CHANGED,
        REVISION_NOTES,
        CHANGE_PREVIEW,
        ADMIN_URLS,
        ADMIN_LINKS,
    }
)

_registry: dict[str, list[tuple[str | None, Any]]] = {name: [] for name in HOOKS}


def register(hook: str, fn: Any = None, *, name: str | None = None):
    """Register ``fn`` for ``hook``; used bare as a decorator, or called with the function.

    Registering the same function twice for a hook keeps one (``ready`` may run twice in tests).
    """
    if hook not in _registry:
        raise ValueError(f"No hook is called {hook!r}; see articles/hooks.py for the list.")

    def add(item):
        entries = _registry[hook]
        if not any(existing is item for _, existing in entries):
            entries.append((name, item))
        return item

    return add if fn is None else add(fn)


def get(hook: str) -> list:
    """What is registered for ``hook``, in registration order."""
    return [item for _, item in _registry[hook]]


def named(hook: str) -> dict[str, Any]:
    """What is registered for ``hook`` by ``name``; a later registration of a name wins."""
    return {name: item for name, item in _registry[hook] if name}


def last(hook: str) -> Callable | None:
    entries = _registry[hook]
    return entries[-1][1] if entries else None


def run(hook: str, *args, **kwargs) -> None:
    """Call every function registered for ``hook``, in order."""
    for fn in get(hook):
        fn(*args, **kwargs)


def collect(hook: str, *args, **kwargs) -> list:
    """Call every function registered for ``hook`` and join the lists they return."""
    return [item for fn in get(hook) for item in fn(*args, **kwargs)]

"""What the story side itself requires before a story may be published."""

from . import hooks


@hooks.register(hooks.PUBLISH_CHECKS)
def story_is_complete(article) -> list[str]:
    """A story goes out filed in a section and signed by at least one reporter."""
    problems = []
    if article.section_id is None:
        problems.append("Choose a section for the story.")
    if not article.bylines.exists():
        problems.append("Add at least one reporter to the byline.")
    return problems

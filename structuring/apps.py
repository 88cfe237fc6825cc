from django.apps import AppConfig


class StructuringConfig(AppConfig):
    name = "structuring"
    verbose_name = "Story structure"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Fill the seams ``articles`` offers; knowledge flows towards articles only."""
        from articles.caching import invalidate_on_change
        from articles.panels import (
            register_article_filter,
            register_body_renderer,
            register_jsonld,
            register_related,
            register_story_panel,
        )
        from articles.publishing import register_publish_check
        from articles.revisions import register_revision_panel

        from . import (
            models,
            receivers,  # noqa: F401 - connects the signal receivers
            selectors,
            story_panels,
        )
        from .publish_checks import structure_problems
        from .revision_notes import annotation_notes

        register_publish_check(structure_problems)
        register_revision_panel(annotation_notes)
        register_body_renderer(story_panels.annotated_body)
        register_story_panel(story_panels.deal_cards)
        register_related(selectors.related_stories)
        register_jsonld(story_panels.jsonld)
        register_article_filter("company", story_panels.by_company)
        invalidate_on_change(models.Annotation)

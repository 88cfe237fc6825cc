from django.apps import AppConfig


class DealsConfig(AppConfig):
    name = "deals"
    verbose_name = "Companies and deals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from articles.panels import register_body_renderer
        from articles.publishing import register_publish_check
        from articles.revisions import register_revision_panel

        from . import receivers  # noqa: F401 - connects the signal receivers
        from .publish_checks import structure_problems
        from .revision_notes import annotation_notes

        register_publish_check(structure_problems)
        register_revision_panel(annotation_notes)
        from .story_panels import annotated_body

        register_body_renderer(annotated_body)

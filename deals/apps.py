from django.apps import AppConfig


class DealsConfig(AppConfig):
    name = "deals"
    verbose_name = "Companies and deals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from articles.caching import bump_generation
        from articles.panels import (
            register_article_filter,
            register_body_renderer,
            register_jsonld,
            register_related,
            register_story_panel,
        )
        from articles.publishing import register_publish_check
        from articles.revisions import register_revision_panel

        from . import receivers  # noqa: F401 - connects the signal receivers
        from .publish_checks import structure_problems
        from .revision_notes import annotation_notes

        register_publish_check(structure_problems)
        register_revision_panel(annotation_notes)
        from . import story_panels

        register_body_renderer(story_panels.annotated_body)
        register_story_panel(story_panels.deal_cards)
        register_related(story_panels.related)
        register_jsonld(story_panels.jsonld)
        register_article_filter("company", story_panels.by_company)
        _invalidate_pages_on_change(bump_generation)


def _invalidate_pages_on_change(bump) -> None:
    """Any change to what public pages show forgets every cached page."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from . import models

    for model in (
        models.Company,
        models.CompanyAlias,
        models.Ticker,
        models.Agreement,
        models.Party,
        models.AgreementEvent,
        models.Person,
        models.Annotation,
        models.Sector,
        models.Region,
    ):
        post_save.connect(bump, sender=model, dispatch_uid=f"pages-{model.__name__}-save")
        post_delete.connect(bump, sender=model, dispatch_uid=f"pages-{model.__name__}-delete")
    for through in (models.Agreement.sectors.through, models.Agreement.regions.through):
        m2m_changed.connect(bump, sender=through, dispatch_uid=f"pages-{through.__name__}")

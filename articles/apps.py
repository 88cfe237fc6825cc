from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import models
        from .caching import bump_generation

        for model in (
            models.Article,
            models.Byline,
            models.Section,
            models.Reporter,
            models.Ranking,
            models.RankingEntry,
        ):
            post_save.connect(
                bump_generation, sender=model, dispatch_uid=f"pages-{model.__name__}-save"
            )
            post_delete.connect(
                bump_generation, sender=model, dispatch_uid=f"pages-{model.__name__}-delete"
            )

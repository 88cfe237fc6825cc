from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import models
        from .caching import invalidate_on_change

        invalidate_on_change(
            models.Article,
            models.Byline,
            models.Section,
            models.Reporter,
            models.Ranking,
            models.RankingEntry,
        )

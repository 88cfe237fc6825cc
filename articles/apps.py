from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import hooks, models, publish_checks  # noqa: F401 - registers its checks
        from .caching import watch_page_models

        for model in (
            models.Article,
            models.Byline,
            models.Section,
            models.Reporter,
            models.Ranking,
            models.RankingEntry,
            models.Picture,
            models.InlinePicture,
        ):
            hooks.register(hooks.PAGE_MODELS, model)
        watch_page_models()

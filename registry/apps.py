from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "Company registry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from articles.caching import invalidate_on_change

        from . import models

        invalidate_on_change(models.Company, models.CompanyAlias, models.Ticker, models.Person)

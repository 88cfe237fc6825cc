from django.apps import AppConfig


class DealsConfig(AppConfig):
    name = "deals"
    verbose_name = "Deals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from articles.caching import invalidate_on_change

        from . import models

        invalidate_on_change(
            models.Agreement,
            models.Party,
            models.AgreementEvent,
            models.Sector,
            models.Region,
            models.Claim,
            models.Evidence,
            m2m=(models.Agreement.sectors.through, models.Agreement.regions.through),
        )

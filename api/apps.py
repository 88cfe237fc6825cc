from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Partner API"

    def ready(self) -> None:
        from . import (
            authentication,  # noqa: F401  (forgets cached keys when one changes)
            openapi,  # noqa: F401  (declares the key scheme to drf-spectacular)
        )

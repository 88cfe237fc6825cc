from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Partner API"

    def ready(self) -> None:
        from . import openapi  # noqa: F401  (declares the key scheme to drf-spectacular)

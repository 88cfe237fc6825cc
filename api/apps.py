from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Partner API"

    def ready(self) -> None:
        from . import hooks, openapi  # noqa: F401  (the tombstone hook; the key scheme)

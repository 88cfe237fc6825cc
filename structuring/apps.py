from django.apps import AppConfig


class StructuringConfig(AppConfig):
    name = "structuring"
    verbose_name = "Story structure"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import hooks  # noqa: F401 - registers this app's hooks

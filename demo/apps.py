from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo newsroom: ``load_demo`` and the stories, companies and deals it builds."""

    name = "demo"
    verbose_name = "Demo newsroom"

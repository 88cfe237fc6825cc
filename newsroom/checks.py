"""System checks for a production that would silently misbehave."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def shared_cache_in_production(app_configs, **kwargs):
    """Several app processes with per-process caches would serve withdrawn stories from their
    own page caches for minutes and multiply every partner's rate limit."""
    if settings.DEBUG or settings.REDIS_URL or settings.SINGLE_PROCESS:
        return []
    return [
        Error(
            "Production without a shared cache.",
            hint=(
                "Set REDIS_URL so every app process shares one cache (page invalidation, rate "
                "limits, API key state), or set NEWSROOM_SINGLE_PROCESS=1 if exactly one "
                "process serves."
            ),
            id="newsroom.E001",
        )
    ]

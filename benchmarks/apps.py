from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """``seed_bench`` and the synthetic newsroom the benchmarks measure."""

    name = "benchmarks"
    verbose_name = "Benchmarks"

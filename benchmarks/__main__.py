"""``python -m benchmarks``: run every benchmark and print one table."""

import os
import platform
import sys

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from . import engine
    from .measure import Table

    table = Table()
    engine.run(table)
    print()
    print(
        f"Newsroom benchmarks on {platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(table.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())

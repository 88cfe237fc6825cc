"""``python -m benchmarks``: run every benchmark and print one table."""

import os
import platform
import sys

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from . import big_story, engine, faults, http, lighthouse, scale, webhooks
    from .measure import Table

    only = set(sys.argv[1:])
    table = Table()
    if not only or "engine" in only:
        engine.run(table)
    if not only or "http" in only:
        http.run(table)
    if not only or "big" in only:
        big_story.run(table)
    if not only or "lighthouse" in only:
        lighthouse.run(table)
    if not only or "scale" in only:
        scale.run(table)
    if not only or "webhooks" in only:
        webhooks.run(table)
    if "faults" in only:
        faults.run(table)
    else:
        print("faults: run `make faults` for PostgreSQL, Redis, worker and SQLite faults")
    print()
    print(
        f"Newsroom benchmarks on {platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(table.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())

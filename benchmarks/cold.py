"""``python -m benchmarks.cold KEY SLUG...``: the story page and the API list with every cache
empty before each request, as right after a change; prints their medians as JSON.

Measured in process through Django's test client (no HTTP server in between), with the cache
cleared and the site generation moved on before each request, so the page, its parts, the story
head, the most-read list and the API's per-story structure are all built afresh.
"""

import json
import os
import statistics
import sys
import time

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from django.core.cache import cache
    from django.test import Client

    from articles.caching import bump_generation

    key, slugs = sys.argv[1], sys.argv[2:]
    client = Client(SERVER_NAME="127.0.0.1")

    def cold_ms(path: str, **headers: str) -> float:
        cache.clear()
        bump_generation()
        began = time.perf_counter()
        response = client.get(path, **headers)
        took = (time.perf_counter() - began) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return took

    cold_ms(f"/articles/{slugs[0]}/")  # the process's own first request: imports, connections
    story = [cold_ms(f"/articles/{slug}/") for slug in slugs]
    api = [
        cold_ms("/api/v1/articles/", HTTP_AUTHORIZATION=f"Api-Key {key}") for _ in range(len(slugs))
    ]
    print(json.dumps({"story_ms": statistics.median(story), "api_list_ms": statistics.median(api)}))


if __name__ == "__main__":
    main()

"""``python -m benchmarks.searchprobe``: median search latency in this database, as JSON.

The queries are company names from the first seeded batch, the searches a newsroom makes most,
so the same queries run at 10,000 and at 100,000 stories. The yardstick is a ``LIKE`` scan that
answers the same question (the newest 20 matching live stories, and how many match).
"""

import json
import os
import statistics
import time

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from django.db.models import Q

    from articles.models import Article
    from articles.search import search
    from registry.models import Company

    names = list(
        Company.objects.filter(slug__startswith="seed-")
        .order_by("id")
        .values_list("name", flat=True)[:15]
    )

    def like(q: str) -> None:
        found = Article.objects.live().filter(Q(headline__icontains=q) | Q(body__icontains=q))
        list(found.order_by("-publish_at")[:20])
        found.count()

    def median_ms(function, rounds: int) -> float:
        times = []
        for _ in range(rounds):
            for q in names:
                start = time.perf_counter()
                function(q)
                times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)

    median_ms(lambda q: search(q), 1)  # warm the caches of the database and the process
    print(
        json.dumps(
            {
                "stories": Article.objects.live().count(),
                "search_ms": median_ms(lambda q: search(q), 5),
                "like_ms": median_ms(like, 1),
            }
        )
    )


if __name__ == "__main__":
    main()

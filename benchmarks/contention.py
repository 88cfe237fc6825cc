"""``python -m benchmarks.contention write|read SECONDS``: one process of the SQLite fault run.

Writers save stories (a row lock, a version bump, history) and confirm-style annotation saves;
readers list, search and read stories. Prints how many operations ran and how many failed with
"database is locked".
"""

import os
import random
import sys
import time

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from django.db import OperationalError

    from articles.models import Article
    from articles.search import search
    from structuring.models import Annotation

    role, seconds = sys.argv[1], float(sys.argv[2])
    ids = list(Article.objects.values_list("id", flat=True))
    rng = random.Random(os.getpid())
    done = locked = 0
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        try:
            if role == "write":
                article = Article.objects.get(pk=rng.choice(ids))
                article.dek = f"Revised {time.time():.6f}"
                article.save()
                annotation = Annotation.objects.filter(article=article).first()
                if annotation is not None:
                    annotation.confidence = rng.random()
                    annotation.save()
            else:
                list(Article.objects.live().order_by("-publish_at")[:20])
                list(Annotation.objects.public().filter(article_id=rng.choice(ids)))
                search("regulators")
            done += 1
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            locked += 1
    print(done, locked)


if __name__ == "__main__":
    main()

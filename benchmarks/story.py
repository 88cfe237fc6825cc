"""``python -m benchmarks.story``: a live story with 20 confirmed mentions and 2 deals; prints its URL."""

import os

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from django.utils import timezone

    from articles.models import Article
    from deals.models import Agreement, Party
    from registry.models import Company
    from structuring.models import Annotation

    names = [f"Benchmark Company {i}" for i in range(20)]
    body = "\n\n".join(
        f"{names[i]} and {names[i + 1]} widened their partnership in a joint venture, people said. "
        "Analysts expect the deal to close next year after a review by regulators."
        for i in range(0, 20, 2)
    )
    article, _ = Article.objects.update_or_create(
        slug="benchmark-story",
        defaults={
            "headline": "A story with twenty mentions and two deals",
            "body": body,
            "status": "published",
            "publish_at": timezone.now(),
        },
    )
    article.annotations.all().delete()
    companies = [
        Company.objects.get_or_create(slug=f"bench-{i}", defaults={"name": n})[0]
        for i, n in enumerate(names)
    ]
    deals = []
    for i in range(2):
        deal, _ = Agreement.objects.get_or_create(
            slug=f"bench-deal-{i}", defaults={"title": f"Benchmark deal {i}", "kind": "partnership"}
        )
        for company in companies[i * 2 : i * 2 + 2]:
            Party.objects.get_or_create(agreement=deal, company=company)
        deals.append(deal)

    def annotate(words: str, position: int, **target) -> int:
        start = article.body.index(words, position)
        end = start + len(words)
        Annotation.spanning(article, start, end, review_state="confirmed", **target).save()
        return end

    position = 0
    for company in companies:
        position = annotate(company.name, position, kind="company", company=company)
    position = 0
    for deal in deals:
        position = annotate("joint venture", position, kind="agreement", agreement=deal)
    print(article.get_absolute_url())


if __name__ == "__main__":
    main()

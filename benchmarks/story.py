"""``python -m benchmarks.story``: a live story with 20 confirmed mentions and 2 deals; prints its URL."""

import os

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from django.utils import timezone

    from articles.models import Article
    from deals.models import Agreement, Annotation, Company, Party
    from deals.quotes import quote_selector

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
    position = 0
    for company in companies:
        start = article.body.index(company.name, position)
        end = start + len(company.name)
        position = end
        Annotation.objects.create(
            article=article,
            start=start,
            end=end,
            kind="company",
            company=company,
            review_state="confirmed",
            **dict(
                zip(
                    ("exact", "prefix", "suffix"),
                    quote_selector(article.body, start, end),
                    strict=True,
                )
            ),
        )
    position = 0
    for deal in deals:
        start = article.body.index("joint venture", position)
        end = start + len("joint venture")
        position = end
        Annotation.objects.create(
            article=article,
            start=start,
            end=end,
            kind="agreement",
            agreement=deal,
            review_state="confirmed",
            **dict(
                zip(
                    ("exact", "prefix", "suffix"),
                    quote_selector(article.body, start, end),
                    strict=True,
                )
            ),
        )
    print(article.get_absolute_url())


if __name__ == "__main__":
    main()

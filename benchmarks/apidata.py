"""``python -m benchmarks.apidata``: 60 live stories of 20 mentions and 2 deals each, and a key.

Prints the partner key, which the API benchmark sends.
"""

import os

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from django.utils import timezone

    from api.models import Partner, PartnerKey
    from articles.models import Article, Byline, Reporter, Section
    from deals.models import Agreement, Party, Sector
    from registry.models import Company
    from structuring.models import Annotation
    from structuring.quotes import quote_selector

    section, _ = Section.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    reporter, _ = Reporter.objects.get_or_create(slug="bench-reporter", defaults={"name": "Bench"})
    sector, _ = Sector.objects.get_or_create(slug="bench-iot", defaults={"name": "Bench IoT"})
    names = [f"Api Company {i}" for i in range(20)]
    companies = [
        Company.objects.get_or_create(slug=f"api-bench-{i}", defaults={"name": n})[0]
        for i, n in enumerate(names)
    ]
    deals = []
    for i in range(2):
        deal, _ = Agreement.objects.get_or_create(
            slug=f"api-bench-deal-{i}",
            defaults={"title": f"Api deal {i}", "kind": "joint_venture"},
        )
        deal.sectors.add(sector)
        for company in companies[i * 2 : i * 2 + 2]:
            Party.objects.get_or_create(agreement=deal, company=company)
        deals.append(deal)
    body = "\n\n".join(
        f"{names[i]} and {names[i + 1]} widened their partnership in a joint venture, people said."
        for i in range(0, 20, 2)
    )
    for n in range(60):
        article, created = Article.objects.get_or_create(
            slug=f"api-bench-{n}",
            defaults={
                "headline": f"Api benchmark story {n}",
                "body": body,
                "section": section,
                "status": "published",
                "publish_at": timezone.now(),
            },
        )
        if not created:
            continue
        Byline.objects.create(article=article, reporter=reporter)
        marks = []
        position = 0
        for company in companies:
            start = body.index(company.name, position)
            position = start + len(company.name)
            marks.append((start, position, {"kind": "company", "company": company}))
        position = 0
        for deal in deals:
            start = body.index("joint venture", position)
            position = start + len("joint venture")
            marks.append((start, position, {"kind": "agreement", "agreement": deal}))
        Annotation.objects.bulk_create(
            Annotation(
                article=article,
                start=start,
                end=end,
                **dict(
                    zip(
                        ("exact", "prefix", "suffix"), quote_selector(body, start, end), strict=True
                    )
                ),
                review_state="confirmed",
                **target,
            )
            for start, end, target in marks
        )
    partner, _ = Partner.objects.get_or_create(
        name="Benchmark partner", defaults={"tier": "premium"}
    )
    print(PartnerKey.objects.create_key(partner=partner, name="benchmark")[1])


if __name__ == "__main__":
    main()

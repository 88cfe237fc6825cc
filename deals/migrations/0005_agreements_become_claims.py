"""Existing agreements become claims of the stories that report them.

A story reports an agreement when a confirmed annotation marks it or a timeline event cites the
story. Each such story claims what the agreement record says (kind, status, parties, the
joint-venture company, value, announced date and place, sectors, regions), with the story's
confirmed mentions of the deal as evidence, or asserted by the editor when it has none. The
claims are dated from the story's publication, so past moments replay as they were shown.
The agreement rows themselves are kept unchanged.
"""

from django.db import migrations


def claims_from_agreements(apps, schema_editor):
    Agreement = apps.get_model("deals", "Agreement")
    AgreementEvent = apps.get_model("deals", "AgreementEvent")
    Claim = apps.get_model("deals", "Claim")
    Evidence = apps.get_model("deals", "Evidence")
    Annotation = apps.get_model("structuring", "Annotation")
    Article = apps.get_model("articles", "Article")

    for agreement in Agreement.objects.prefetch_related("parties", "sectors", "regions"):
        mentions = {}
        for annotation in Annotation.objects.filter(
            agreement=agreement, review_state="confirmed"
        ).order_by("start"):
            mentions.setdefault(annotation.article_id, []).append(annotation)
        stories = set(mentions) | set(
            AgreementEvent.objects.filter(agreement=agreement).values_list("article_id", flat=True)
        )
        for article in Article.objects.filter(pk__in=stories).order_by("pk"):
            marks = mentions.get(article.pk, [])
            anchored = [m for m in marks if m.anchor_state == "anchored"]
            common = {
                "agreement": agreement,
                "article": article,
                "asserted": not anchored,
                "created_at": article.first_published_at
                or article.publish_at
                or article.created_at,
                "created_by_id": next((m.reviewed_by_id for m in marks if m.reviewed_by_id), None),
            }
            values = [
                {"term": "kind", "kind": agreement.kind},
                {"term": "status", "status": agreement.status},
                *(
                    {"term": "party", "company_id": p.company_id, "role": p.role}
                    for p in agreement.parties.all()
                ),
                *(
                    [{"term": "resulting_company", "company_id": agreement.resulting_company_id}]
                    if agreement.resulting_company_id
                    else []
                ),
                *(
                    [{"term": "value", "amount": agreement.value, "currency": agreement.currency}]
                    if agreement.value is not None
                    else []
                ),
                *(
                    [{"term": "announced", "on": agreement.announced_on, "precision": "day"}]
                    if agreement.announced_on
                    else []
                ),
                *(
                    [{"term": "place", "text": agreement.announced_place}]
                    if agreement.announced_place
                    else []
                ),
                *({"term": "sector", "sector_id": s.pk} for s in agreement.sectors.all()),
                *({"term": "region", "region_id": r.pk} for r in agreement.regions.all()),
            ]
            for value in values:
                claim = Claim.objects.create(**common, **value)
                Evidence.objects.bulk_create(
                    Evidence(
                        claim=claim,
                        start=m.start,
                        end=m.end,
                        exact=m.exact,
                        prefix=m.prefix,
                        suffix=m.suffix,
                    )
                    for m in anchored
                )


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0004_claims"),
        ("structuring", "0002_content_types_follow_models"),
    ]

    operations = [migrations.RunPython(claims_from_agreements, migrations.RunPython.noop)]

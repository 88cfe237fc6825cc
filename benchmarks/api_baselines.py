"""The two yardsticks for the article list: the same fields, written the two obvious ways.

``naive``: a nested-serializer ``ModelViewSet`` with no prefetching. ``by_hand``: a
``JsonResponse`` over ``.values()`` with no framework at all. Both serve the 50 newest live
stories with their byline, mentions and agreements, and neither checks a key.
"""

from collections import defaultdict

from django.http import JsonResponse
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from articles.models import Article, Byline, Reporter, Section
from deals.models import Agreement, Party
from registry.models import Company
from structuring.models import Annotation

PAGE = 50


class SectionOut(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["slug", "name"]


class ReporterOut(serializers.ModelSerializer):
    class Meta:
        model = Reporter
        fields = ["slug", "name", "email"]


class CompanyOut(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["slug", "name"]


class MentionOut(serializers.ModelSerializer):
    company = CompanyOut()

    class Meta:
        model = Annotation
        fields = ["start", "end", "exact", "kind", "company", "source", "confidence"]


class PartyOut(serializers.ModelSerializer):
    company = CompanyOut()

    class Meta:
        model = Party
        fields = ["role", "company"]


class AgreementOut(serializers.ModelSerializer):
    parties = PartyOut(many=True)
    sectors = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    regions = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "slug",
            "title",
            "kind",
            "status",
            "parties",
            "sectors",
            "regions",
            "announced_on",
        ]


class ArticleOut(serializers.ModelSerializer):
    section = SectionOut()
    byline = ReporterOut(source="reporters", many=True)
    mentions = serializers.SerializerMethodField()
    agreements = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["slug", "headline", "dek", "section", "byline", "publish_at", "version"]
        fields += ["mentions", "agreements"]

    def get_mentions(self, article):
        return MentionOut(Annotation.objects.public().filter(article=article), many=True).data

    def get_agreements(self, article):
        found = Agreement.objects.filter(
            annotations__in=Annotation.objects.public().filter(article=article)
        ).distinct()
        return AgreementOut(found, many=True).data


class NaiveArticles(viewsets.ReadOnlyModelViewSet):
    serializer_class = ArticleOut
    permission_classes = [AllowAny]
    authentication_classes = []

    def get_queryset(self):
        return Article.objects.live().order_by("-publish_at", "-id")[:PAGE]


def by_hand(request):
    rows = list(
        Article.objects.live()
        .order_by("-publish_at", "-id")
        .values(
            "id",
            "slug",
            "headline",
            "dek",
            "section__slug",
            "section__name",
            "publish_at",
            "version",
        )[:PAGE]
    )
    ids = [r["id"] for r in rows]
    bylines, mentions, parties, sectors = (defaultdict(list) for _ in range(4))
    for b in Byline.objects.filter(article_id__in=ids).values(
        "article_id", "reporter__slug", "reporter__name", "reporter__email"
    ):
        bylines[b["article_id"]].append(
            {
                "slug": b["reporter__slug"],
                "name": b["reporter__name"],
                "email": b["reporter__email"],
            }
        )
    for m in (
        Annotation.objects.public()
        .filter(article_id__in=ids)
        .values(
            "article_id",
            "start",
            "end",
            "exact",
            "kind",
            "source",
            "confidence",
            "agreement_id",
            "company__slug",
            "company__name",
        )
    ):
        mentions[m["article_id"]].append(m)
    deal_ids = {m["agreement_id"] for ms in mentions.values() for m in ms if m["agreement_id"]}
    for p in Party.objects.filter(agreement_id__in=deal_ids).values(
        "agreement_id", "role", "company__slug", "company__name"
    ):
        parties[p["agreement_id"]].append(
            {"role": p["role"], "company": {"slug": p["company__slug"], "name": p["company__name"]}}
        )
    for s in Agreement.sectors.through.objects.filter(agreement_id__in=deal_ids).values(
        "agreement_id", "sector__name"
    ):
        sectors[s["agreement_id"]].append(s["sector__name"])
    deals = {
        d["id"]: {**d, "parties": parties[d["id"]], "sectors": sectors[d["id"]]}
        for d in Agreement.objects.filter(pk__in=deal_ids).values(
            "id", "slug", "title", "kind", "status", "announced_on"
        )
    }
    results = []
    for r in rows:
        mine = mentions[r["id"]]
        results.append(
            {
                "slug": r["slug"],
                "headline": r["headline"],
                "dek": r["dek"],
                "section": {"slug": r["section__slug"], "name": r["section__name"]},
                "byline": bylines[r["id"]],
                "publish_at": r["publish_at"],
                "version": r["version"],
                "mentions": [
                    {
                        "start": m["start"],
                        "end": m["end"],
                        "exact": m["exact"],
                        "kind": m["kind"],
                        "company": {"slug": m["company__slug"], "name": m["company__name"]}
                        if m["company__slug"]
                        else None,
                        "source": m["source"],
                        "confidence": m["confidence"],
                    }
                    for m in mine
                ],
                "agreements": [
                    deals[i]
                    for i in dict.fromkeys(m["agreement_id"] for m in mine if m["agreement_id"])
                ],
            }
        )
    return JsonResponse({"results": results})

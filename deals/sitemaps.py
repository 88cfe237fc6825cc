from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery

from structuring.selectors import live_evidence, public_agreements, public_companies


def latest_evidence_change(**where):
    """When the latest live story with evidence matching ``where`` last changed."""
    return Subquery(
        live_evidence()
        .filter(**where)
        .order_by("-article__updated_at")
        .values("article__updated_at")[:1]
    )


class CompanySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return (
            public_companies()
            .annotate(story_changed=latest_evidence_change(company=OuterRef("pk")))
            .order_by("slug")
        )

    def lastmod(self, company):
        return max(filter(None, [company.updated_at, company.story_changed]))


class AgreementSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return (
            public_agreements()
            .annotate(story_changed=latest_evidence_change(agreement=OuterRef("pk")))
            .order_by("slug")
        )

    def lastmod(self, agreement):
        return max(filter(None, [agreement.updated_at, agreement.story_changed]))

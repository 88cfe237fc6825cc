from django.contrib.sitemaps import Sitemap

from registry.models import Company
from structuring.selectors import live_evidence, public_agreements


class CompanySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Company.objects.filter(pk__in=live_evidence().values("company_id")).order_by("slug")


class AgreementSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return public_agreements().order_by("slug")

from django.contrib.sitemaps import Sitemap

from structuring.selectors import public_agreements, public_companies


class CompanySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return public_companies().order_by("slug")


class AgreementSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return public_agreements().order_by("slug")

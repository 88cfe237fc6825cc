from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles import sitemaps as story_sitemaps
from articles import views as article_views
from articles.caching import public_page
from deals import sitemaps as deal_sitemaps

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Structure the news"
# The editing screens need the full width; the index lists the apps already.
admin.site.enable_nav_sidebar = False

SITEMAPS = {
    "stories": story_sitemaps.StorySitemap,
    "sections": story_sitemaps.SectionSitemap,
    "reporters": story_sitemaps.ReporterSitemap,
    "companies": deal_sitemaps.CompanySitemap,
    "deals": deal_sitemaps.AgreementSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("healthz", article_views.healthz, name="healthz"),
    path(
        "sitemap.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("sitemap-news.xml", story_sitemaps.news_sitemap, name="sitemap_news"),
    path("", include("articles.urls")),
    path("", include("deals.urls")),
]

from django.contrib import admin
from django.urls import include, path

from articles import views as article_views

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Structure the news"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", article_views.healthz, name="healthz"),
    path("", include("articles.urls")),
    path("", include("deals.urls")),
]

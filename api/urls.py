from django.urls import path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView

from . import views

app_name = "api"

urlpatterns = [
    path("articles/", views.ArticleList.as_view(), name="articles"),
    path("articles/<slug:slug>/", views.ArticleDetail.as_view(), name="article"),
    path("companies/", views.CompanyList.as_view(), name="companies"),
    path("companies/<slug:slug>/", views.CompanyDetail.as_view(), name="company"),
    path("agreements/", views.AgreementList.as_view(), name="agreements"),
    path("agreements/<slug:slug>/", views.AgreementDetail.as_view(), name="agreement"),
    path("reporters/", views.ReporterList.as_view(), name="reporters"),
    path("sections/", views.SectionList.as_view(), name="sections"),
    path("rankings/", views.RankingList.as_view(), name="rankings"),
    path("changes/", views.ChangeList.as_view(), name="changes"),
    path("schema/", views.Schema.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script under CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^[\s\S]*$", views.NoEndpoint.as_view()),  # any path, even one holding a line break
]

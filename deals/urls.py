from django.urls import path

from . import views

app_name = "deals"

urlpatterns = [
    path("companies/names.json", views.company_names, name="company_names"),
    path("companies/<slug:slug>/", views.company_detail, name="company"),
    path("companies/<slug:slug>/feed.xml", views.company_feed, name="company_feed"),
    path("deals/<slug:slug>/", views.agreement_detail, name="agreement"),
]

from django.urls import path

from . import views

app_name = "deals"

urlpatterns = [
    path("companies/<slug:slug>/", views.company_detail, name="company"),
    path("deals/<slug:slug>/", views.agreement_detail, name="agreement"),
]

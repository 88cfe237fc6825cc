"""The site's URLs plus a trivial view, the yardstick the page benchmarks are measured against."""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site

from . import api_baselines


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/trivial", trivial),
    path("bench/api-naive/", api_baselines.NaiveArticles.as_view({"get": "list"})),
    path("bench/api-by-hand/", api_baselines.by_hand),
    *site,
]

from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("preview/<int:pk>/", views.article_preview, name="preview"),
    path("sections/<slug:slug>/", views.section_detail, name="section"),
    path("reporters/<slug:slug>/", views.reporter_detail, name="reporter"),
    path("search/", views.search, name="search"),
    path(
        "pictures/<int:pk>/<slug:key>/<int:width>.<slug:extension>",
        views.picture,
        name="picture",
    ),
    path("feeds/latest.xml", views.public_page(feeds.LatestStories()), name="feed_rss"),
    path("feeds/latest.atom", views.public_page(feeds.LatestStoriesAtom()), name="feed_atom"),
]

"""RSS and Atom feeds of the latest live stories."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .models import Article

FEED_SIZE = 30


class LatestStories(Feed):
    feed_type = Rss201rev2Feed
    link = "/"

    def title(self):
        return f"{settings.NEWSROOM_SITE_NAME}: latest stories"

    def description(self):
        return "The latest stories, newest first."

    def items(self):
        return Article.objects.live().with_byline().order_by("-publish_at", "-id")[:FEED_SIZE]

    def item_title(self, article):
        return article.headline

    def item_description(self, article):
        return article.dek or article.body[:300]

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return ", ".join(r.name for r in article.byline) or None


class LatestStoriesAtom(LatestStories):
    feed_type = Atom1Feed
    subtitle = "The latest stories, newest first."

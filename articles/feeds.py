"""RSS and Atom feeds of the latest live stories.

What feed readers get is plain text: descriptions are HTML-escaped (RSS descriptions and Atom
``type="html"`` summaries are read as HTML, so "AT&T" or "<b>" must arrive as text), cut at a
word, and free of the control characters XML cannot carry. Each item is known by the story's
permanent identifier, so renaming a slug never makes a story appear twice.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from .models import Article
from .text import normalise_text

FEED_SIZE = 30
DESCRIPTION_LENGTH = 300


def feed_text(text: str) -> str:
    """Text as a feed element carries it: no control characters, on one line."""
    return " ".join(normalise_text(text).split())


class LatestStories(Feed):
    feed_type = Rss201rev2Feed
    link = "/"

    def author_name(self):
        # Atom wants an author for every entry; a story without a byline is the newsroom's.
        return settings.NEWSROOM_SITE_NAME

    def title(self):
        return f"{settings.NEWSROOM_SITE_NAME}: latest stories"

    def description(self):
        return "The latest stories, newest first."

    def items(self):
        return Article.objects.live().with_byline().order_by("-publish_at", "-id")[:FEED_SIZE]

    def item_title(self, article):
        return feed_text(article.headline)

    def item_description(self, article):
        return escape(feed_text(article.summary(DESCRIPTION_LENGTH)))

    def item_guid(self, article):
        return article.urn

    item_guid_is_permalink = False

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return feed_text(", ".join(r.name for r in article.byline)) or None


class LatestStoriesAtom(LatestStories):
    feed_type = Atom1Feed
    subtitle = "The latest stories, newest first."

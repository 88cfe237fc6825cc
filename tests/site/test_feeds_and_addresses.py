"""Feeds readers can trust, addresses that last, and what crawlers and browsers ask for."""

import gzip
import html
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders

from articles.models import Article, FormerSlug
from tests.factories import AnnotationFactory, ArticleFactory, BylineFactory, CompanyFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def rss_items(client, address="/feeds/latest.xml"):
    response = client.get(address)
    assert response.status_code == 200
    return ET.fromstring(response.content).findall("./channel/item")


def test_a_control_character_pasted_into_a_dek_is_removed_on_save():
    article = ArticleFactory(dek="Talks\x0bresumed\x01 on Monday\x85.")

    article.refresh_from_db()

    assert article.dek == "Talks\nresumed on Monday."


def test_a_control_character_already_stored_never_breaks_a_feed(client):
    article = ArticleFactory(live=True)
    Article.objects.filter(pk=article.pk).update(dek="Talks\x0bresumed", headline="AT&T\x07 deal")

    for address in ("/feeds/latest.xml", "/feeds/latest.atom"):
        response = client.get(address)
        assert response.status_code == 200, address
        ET.fromstring(response.content)
    assert rss_items(client)[0].findtext("title") == "AT&T deal"


def test_feed_descriptions_are_text_that_a_reader_shows_as_written(client):
    ArticleFactory(live=True, dek="AT&T and <b>Orange</b> sign")

    [item] = rss_items(client)
    atom = ET.fromstring(client.get("/feeds/latest.atom").content)
    summary = atom.find(f"{ATOM}entry/{ATOM}summary")

    # Feed readers read the description as HTML: as HTML it must say exactly the dek.
    assert html.unescape(item.findtext("description")) == "AT&T and <b>Orange</b> sign"
    assert "<b>" not in item.findtext("description")
    assert summary.get("type") == "html"
    assert html.unescape(summary.text) == "AT&T and <b>Orange</b> sign"


def test_feed_descriptions_are_cut_at_a_word(client):
    body = " ".join(["Shanghai Symphony Telecommunications"] * 30)
    ArticleFactory(live=True, dek="", body=body)

    description = html.unescape(rss_items(client)[0].findtext("description"))

    assert description.endswith("…") and len(description) <= 300
    assert description[:-1].split()[-1] in {"Shanghai", "Symphony", "Telecommunications"}


def test_feed_items_keep_their_permanent_identifier_when_the_slug_changes(client):
    article = ArticleFactory(live=True, slug="china-telecom-extends")
    before = rss_items(client)[0].find("guid")

    article.slug = "china-telecom-extends-venture"
    article.save()
    after = rss_items(client)[0].find("guid")
    atom_id = ET.fromstring(client.get("/feeds/latest.atom").content).findtext(
        f"{ATOM}entry/{ATOM}id"
    )

    assert before.text == after.text == atom_id == f"urn:uuid:{article.uid}"
    assert after.get("isPermaLink") == "false"


def test_every_story_gets_its_own_permanent_identifier():
    first, second = ArticleFactory(), ArticleFactory()

    assert first.uid != second.uid and first.urn.startswith("urn:uuid:")


def test_a_renamed_story_answers_301_from_every_old_address(client):
    article = ArticleFactory(live=True, slug="first-name")
    article.slug = "second-name"
    article.save()
    article.slug = "third-name"
    article.save()

    for old in ("first-name", "second-name"):
        response = client.get(f"/articles/{old}/")
        assert response.status_code == 301, old
        assert response["Location"] == "/articles/third-name/"
    assert client.get("/articles/third-name/").status_code == 200


def test_an_old_address_of_a_story_that_is_not_live_is_not_found(client):
    article = ArticleFactory(slug="draft-name")
    article.slug = "draft-renamed"
    article.save()

    assert client.get("/articles/draft-name/").status_code == 404
    assert client.get("/articles/never-existed/").status_code == 404


def test_a_slug_taken_back_is_the_story_address_again_not_a_redirect(client):
    article = ArticleFactory(live=True, slug="original")
    article.slug = "renamed"
    article.save()
    article.slug = "original"
    article.save()

    assert not FormerSlug.objects.filter(slug="original").exists()
    assert client.get("/articles/original/").status_code == 200
    assert client.get("/articles/renamed/")["Location"] == "/articles/original/"


def test_robots_txt_names_both_sitemaps_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines


def test_every_sitemap_address_has_a_lastmod(client):
    article = ArticleFactory(live=True, body="China Telecom met Orange.")
    BylineFactory(article=article)
    AnnotationFactory(
        article=article, words="China Telecom", company=CompanyFactory(name="China Telecom")
    )

    urls = ET.fromstring(client.get("/sitemap.xml").content).findall(f"{SITEMAP}url")
    addresses = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in urls}

    assert any("/sections/" in a for a in addresses)
    assert any("/reporters/" in a for a in addresses)
    assert any("/companies/" in a for a in addresses)
    assert all(addresses.values()), addresses


def test_favicon_answers_with_the_mark_drawn_here(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("articles/mark.svg")
    assert finders.find("articles/mark.svg")


@pytest.mark.parametrize("address", ["/", "/feeds/latest.xml", "/sitemap.xml", "story"])
def test_pages_feeds_and_sitemaps_are_gzipped_and_still_answer_304(client, address):
    article = ArticleFactory(live=True, body="China Telecom and AT&T. " * 40)
    address = article.get_absolute_url() if address == "story" else address
    plain = client.get(address)

    packed = client.get(address, HTTP_ACCEPT_ENCODING="gzip")
    again = client.get(address, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    again_plain = client.get(address, HTTP_IF_NONE_MATCH=packed["ETag"])

    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert packed["ETag"] == plain["ETag"]
    assert (again.status_code, again_plain.status_code) == (304, 304)
    assert again["ETag"] == packed["ETag"]


@pytest.mark.parametrize("address", ["/feeds/latest.xml", "/companies/china-telecom/feed.xml"])
def test_every_rss_item_of_the_demo_has_what_rss_2_asks_and_a_permanent_guid(client, address):
    from django.core.management import call_command

    from tests.groups import ensure_groups

    ensure_groups()
    call_command("load_demo", verbosity=0)
    channel = ET.fromstring(client.get(address).content).find("channel")

    assert all(channel.findtext(name) for name in ("title", "link", "description"))
    items = channel.findall("item")
    assert items
    for item in items:
        assert all(item.findtext(name) for name in ("title", "link", "description", "pubDate"))
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.findtext("guid").startswith("urn:uuid:")
        assert not re.search(r"<[a-z]", html.unescape(item.findtext("description"))) or (
            "&lt;" in item.findtext("description")
        )


def test_every_atom_entry_of_the_demo_has_an_id_title_updated_author_and_link(client):
    from django.core.management import call_command

    from tests.groups import ensure_groups

    ensure_groups()
    call_command("load_demo", verbosity=0)
    feed = ET.fromstring(client.get("/feeds/latest.atom").content)

    assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}updated")
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{name}"), name
        assert entry.find(f"{ATOM}link").get("href")
        assert entry.find(f"{ATOM}author") is not None or feed.find(f"{ATOM}author") is not None

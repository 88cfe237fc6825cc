"""Public pages: caching, conditional GET, invalidation, page views, query counts, search, feeds."""

import json
import re
import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.caching import bump_generation
from articles.models import PageView
from articles.pageviews import counter
from tests.factories import (
    AgreementFactory,
    AnnotationFactory,
    ArticleFactory,
    CompanyFactory,
    PartyFactory,
    RankingEntryFactory,
    RankingFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def test_second_request_is_served_from_the_page_cache_without_queries(client):
    article = ArticleFactory(live=True)
    first = client.get(article.get_absolute_url())

    with CaptureQueriesContext(connection) as queries:
        second = client.get(article.get_absolute_url())

    assert second.content == first.content
    assert len(queries) == 0
    assert second["Cache-Control"].startswith("public")


def test_conditional_get_answers_304_by_etag_and_by_date(client):
    article = ArticleFactory(live=True)
    first = client.get(article.get_absolute_url())

    by_etag = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    stale = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH='"something-else"')

    assert (by_etag.status_code, by_date.status_code, stale.status_code) == (304, 304, 200)
    assert by_etag["ETag"] == first["ETag"]


@pytest.mark.parametrize("change", ["company", "annotation", "story", "ranking", "agreement"])
def test_a_change_to_what_a_page_shows_is_seen_at_once(
    client, change, django_capture_on_commit_callbacks
):
    article = ArticleFactory(live=True, body="China Telecom met Orange.")
    company = CompanyFactory(name="China Telecom")
    annotation = AnnotationFactory(article=article, words="China Telecom", company=company)
    ranking = RankingFactory(title="Top stories")
    RankingEntryFactory(
        ranking=ranking, position=1, title="An entry", article=ArticleFactory(live=True)
    )
    deal = AgreementFactory(title="Old deal title")
    PartyFactory(agreement=deal)
    PartyFactory(agreement=deal)
    AnnotationFactory(
        article=article, words="Orange", kind="agreement", company=None, agreement=deal
    )
    before = client.get(article.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # pages follow the commit
        if change == "company":
            company.name = "China Telecom Corporation"
            company.save()
            expected = "China Telecom Corporation"
        elif change == "annotation":
            annotation.review_state = "rejected"
            annotation.save()
            expected = None
        elif change == "story":
            article.dek = "A fresh standfirst"
            article.save()
            expected = "A fresh standfirst"
        elif change == "ranking":
            ranking.title = "Editors' picks"
            ranking.save()
            expected = "Editors&#x27; picks"
        else:
            deal.title = "New deal title"
            deal.save()
            expected = "New deal title"

    after = client.get(article.get_absolute_url()).content.decode()
    assert after != before
    if expected:
        assert expected in after
    else:
        assert "/companies/" + company.slug not in after


@pytest.mark.django_db(transaction=True)
def test_every_view_is_counted_even_from_the_cache_and_at_once(client):
    article = ArticleFactory(live=True)
    url = article.get_absolute_url()

    statuses = []

    def read(times):
        from django.test import Client

        reader = Client()
        for _ in range(times):
            statuses.append(reader.get(url).status_code)
        connection.close()

    threads = [threading.Thread(target=read, args=(20,)) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    written = counter.flush()

    assert statuses == [200] * 100
    assert written == 100
    assert PageView.objects.get(article=article).count == 100
    assert counter.flush() == 0


def test_views_of_missing_stories_are_not_counted(client):
    client.get("/articles/no-such-story/")

    assert counter.flush() == 0


def story_with(size: int):
    section = SectionFactory()
    body = " ".join(f"Company{i} met Partner{i}." for i in range(size))
    article = ArticleFactory(live=True, body=body, section=section)
    for i in range(size):
        company = CompanyFactory(name=f"Company{i}")
        partner = CompanyFactory(name=f"Partner{i}")
        AnnotationFactory(article=article, words=f"Company{i}", company=company)
        deal = AgreementFactory()
        PartyFactory(agreement=deal, company=company)
        PartyFactory(agreement=deal, company=partner)
        AnnotationFactory(
            article=article, words=f"Partner{i}", kind="agreement", company=None, agreement=deal
        )
        other = ArticleFactory(live=True, body=f"Company{i} again.", section=section)
        AnnotationFactory(article=other, words=f"Company{i}", company=company)
        ranking = RankingFactory()
        RankingEntryFactory(ranking=ranking, position=1, title=other.headline, article=other)
    return article


def test_story_page_queries_do_not_grow_with_annotations_deals_rankings_or_related(client):
    counts = []
    for size in (1, 10, 100):
        article = story_with(size)
        cache.clear()
        bump_generation()  # as the commit of those rows would
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1] == counts[2], counts


def test_search_ranks_headline_matches_first_and_escapes_snippets(client):
    ArticleFactory(
        live=True, headline="Ordinary day", body="Nothing about <b>IoT</b> here but IoT once."
    )
    ArticleFactory(live=True, headline="IoT deal struck", body="A partnership on IoT.")

    page = client.get("/search/?q=IoT").content.decode()

    assert page.index("IoT deal struck") < page.index("Ordinary day")
    assert "<mark>IoT</mark>" in page
    assert "<b>" not in page


def test_search_filters_by_section_and_company(client):
    telecoms = SectionFactory(slug="telecoms")
    match = ArticleFactory(live=True, section=telecoms, body="China Telecom expands IoT.")
    ArticleFactory(live=True, body="Another IoT story.")
    company = CompanyFactory(slug="china-telecom", name="China Telecom")
    AnnotationFactory(article=match, words="China Telecom", company=company)

    by_section = client.get("/search/?q=IoT&section=telecoms").content.decode()
    by_company = client.get("/search/?q=IoT&company=china-telecom").content.decode()

    assert "1 story match" in by_section and match.headline in by_section
    assert "1 story match" in by_company and match.headline in by_company


@pytest.mark.parametrize(
    "q", ['"unbalanced', "NEAR(a b)", "a OR", "*", "-", "'; DROP TABLE x; --", "<script>"]
)
def test_any_search_words_answer_without_error(client, q):
    ArticleFactory(live=True, body="Some words here.")

    response = client.get("/search/", {"q": q})

    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_story_json_ld_names_companies_with_same_as(client):
    article = ArticleFactory(live=True, body="Acme and Zenith signed a joint venture.")
    acme = CompanyFactory(name="Acme", slug="acme", wikidata_id="Q42", lei="5493001KJTIIGC8Y1R12")
    zenith = CompanyFactory(name="Zenith </script><script>alert(1)</script>", slug="zenith")
    deal = AgreementFactory()
    PartyFactory(agreement=deal, company=acme)
    PartyFactory(agreement=deal, company=CompanyFactory())
    AnnotationFactory(article=article, words="Acme", company=acme)
    AnnotationFactory(article=article, words="Zenith", company=zenith)
    AnnotationFactory(
        article=article, words="joint venture", kind="agreement", company=None, agreement=deal
    )

    html = client.get(article.get_absolute_url()).content.decode()

    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["about"][0]["name"] == "Acme"
    assert "https://www.wikidata.org/wiki/Q42" in data["about"][0]["sameAs"]
    assert data["mentions"][0]["name"].startswith("Zenith </script>")
    assert "<script>alert" not in html
    assert 'property="og:title"' in html and 'rel="canonical"' in html


def test_unsafe_partner_links_never_become_links(client):
    ranking = RankingFactory(kind="partner", title="From our partners")
    RankingEntryFactory(
        ranking=ranking, position=1, title="Bad", url="javascript:alert(1)", sponsor="X"
    )
    RankingEntryFactory(
        ranking=ranking, position=2, title="Good", url="https://partner.example/a", sponsor="Y"
    )

    html = client.get("/").content.decode()

    assert "javascript:" not in html
    assert 'href="https://partner.example/a" rel="sponsored noopener"' in html
    assert "Sponsored content" in html


def test_feeds_and_sitemaps_list_live_stories(client):
    article = ArticleFactory(live=True, headline="Feed-worthy story")

    for address in ("/feeds/latest.xml", "/feeds/latest.atom", "/sitemap.xml", "/sitemap-news.xml"):
        response = client.get(address)
        assert response.status_code == 200, address
        assert article.get_absolute_url() in response.content.decode(), address
    assert "news:publication_date" in client.get("/sitemap-news.xml").content.decode()

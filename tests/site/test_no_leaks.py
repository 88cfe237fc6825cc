"""Drafts never leak: every public surface, for every kind of story that is not live."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, PageView
from tests.factories import (
    AgreementEventFactory,
    AgreementFactory,
    AnnotationFactory,
    ArticleFactory,
    BylineFactory,
    CompanyFactory,
    PartyFactory,
    RankingEntryFactory,
    RankingFactory,
    ReporterFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "Zanzibar Quokka Holdings"
BODY = f"{SECRET} agreed a joint venture with Acme Widgets. Zanzibarquokka is the secret word."


def surfaces(world) -> dict[str, str]:
    return {
        "home": "/",
        "section": world["section"].get_absolute_url(),
        "company": world["company"].get_absolute_url(),
        "company feed": reverse("deals:company_feed", args=[world["company"].slug]),
        "search": "/search/?q=secret+word",
        "rss": "/feeds/latest.xml",
        "atom": "/feeds/latest.atom",
        "sitemap": "/sitemap.xml",
        "news sitemap": "/sitemap-news.xml",
        "live story (rankings, related)": world["live"].get_absolute_url(),
    }


def build(status, publish_at):
    section = SectionFactory()
    reporter = ReporterFactory()
    company = CompanyFactory(name="Acme Widgets", slug="acme-widgets")
    partner = CompanyFactory(name="Zanzibar Quokka", slug="zanzibar-quokka")
    hidden = ArticleFactory(
        headline=f"{SECRET} exclusive",
        body=BODY,
        status=status,
        publish_at=publish_at,
        section=section,
    )
    BylineFactory(article=hidden, reporter=reporter)
    AnnotationFactory(article=hidden, words="Acme Widgets", company=company)
    deal = AgreementFactory(title="Acme and Zanzibar venture", slug="acme-zanzibar")
    PartyFactory(agreement=deal, company=company)
    PartyFactory(agreement=deal, company=partner)
    AgreementEventFactory(agreement=deal, article=hidden)
    AnnotationFactory(
        article=hidden, words="joint venture", kind="agreement", company=None, agreement=deal
    )
    live = ArticleFactory(live=True, headline="A live story", body="Acme Widgets had a quiet day.")
    AnnotationFactory(article=live, words="Acme Widgets", company=company)
    ranking = RankingFactory(kind="editorial")
    RankingEntryFactory(ranking=ranking, position=1, title=hidden.headline, article=hidden)
    RankingFactory(kind="most_read", slug="most-read", title="Most read")
    PageView.objects.create(article=hidden, day=timezone.now().date(), count=999)
    return {
        "hidden": hidden,
        "live": live,
        "section": section,
        "reporter": reporter,
        "company": company,
        "partner": partner,
        "deal": deal,
    }


NOT_LIVE = [
    ("draft", Article.Status.DRAFT, -60),
    ("review", Article.Status.REVIEW, -60),
    ("withdrawn", Article.Status.WITHDRAWN, -60),
    ("embargoed", Article.Status.PUBLISHED, 3600),
]


@pytest.mark.parametrize(("name", "status", "offset"), NOT_LIVE, ids=[n for n, *_ in NOT_LIVE])
def test_story_that_is_not_live_appears_on_no_public_surface(client, name, status, offset):
    world = build(status, timezone.now() + timedelta(seconds=offset))

    for surface, address in surfaces(world).items():
        response = client.get(address)
        assert response.status_code == 200, surface
        content = response.content.decode()
        assert SECRET not in content and "Zanzibarquokka" not in content, (
            f"{name} story leaks on {surface}"
        )
        assert world["hidden"].slug not in content, f"{name} story's address leaks on {surface}"
    assert client.get(world["hidden"].get_absolute_url()).status_code == 404
    # Its reporter has no live story: no page yet either.
    assert client.get(world["reporter"].get_absolute_url()).status_code == 404
    assert client.get(world["deal"].get_absolute_url()).status_code == 404
    # A company that only the hidden story names (through its deal) has no page yet.
    assert client.get(world["partner"].get_absolute_url()).status_code == 404
    assert "0 stories match" in client.get("/search/?q=secret+word").content.decode()
    company_page = client.get(world["company"].get_absolute_url()).content.decode()
    assert 'Stories about Acme Widgets <span class="meta">(1)</span>' in company_page


def test_embargoed_story_appears_the_moment_its_time_passes(client):
    # Room for the checks before the embargo lifts even on a busy machine; then wait it out.
    lifts = timezone.now() + timedelta(seconds=6)
    world = build(Article.Status.PUBLISHED, lifts)
    for address in surfaces(world).values():
        assert SECRET not in client.get(address).content.decode()

    time.sleep(max(0.0, (lifts - timezone.now()).total_seconds()) + 0.2)

    assert client.get(world["hidden"].get_absolute_url()).status_code == 200
    assert SECRET in client.get("/").content.decode()
    assert SECRET in client.get("/feeds/latest.xml").content.decode()
    assert SECRET in client.get("/search/?q=secret+word").content.decode()
    assert client.get(world["deal"].get_absolute_url()).status_code == 200
    assert client.get(world["partner"].get_absolute_url()).status_code == 200


def test_editor_preview_of_a_draft_is_noindex_and_never_cached(client, admin_user):
    world = build(Article.Status.DRAFT, None)
    client.force_login(admin_user)

    response = client.get(reverse("articles:preview", args=[world["hidden"].pk]))

    assert response.status_code == 200
    assert SECRET in response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert response["Cache-Control"] == "private, no-store, max-age=0"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_needs_an_editor(client):
    world = build(Article.Status.DRAFT, None)

    response = client.get(reverse("articles:preview", args=[world["hidden"].pk]))

    assert response.status_code in (302, 403)
    assert SECRET not in response.content.decode()

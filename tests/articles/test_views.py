import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, BylineFactory, RankingEntryFactory, RankingFactory

pytestmark = pytest.mark.django_db


def test_live_story_page_shows_headline_paragraphs_and_byline(client):
    article = ArticleFactory(live=True, body="One <b>bold</b> claim.\n\nTwo.")
    BylineFactory(article=article, reporter__name="Lin Hao", reporter__email="lin@newsroom.example")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<p>One &lt;b&gt;bold&lt;/b&gt; claim.</p>" in html
    assert "mailto:lin@newsroom.example" in html


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.WITHDRAWN]
)
def test_story_that_is_not_live_is_not_found_anywhere(client, status):
    article = ArticleFactory(status=status, headline="Secret draft headline")

    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Secret draft headline" not in client.get(reverse("articles:home")).content.decode()
    section_page = client.get(article.section.get_absolute_url()).content.decode()
    assert "Secret draft headline" not in section_page


def test_ranking_entry_of_a_story_not_live_is_hidden_with_its_headline(client):
    article = ArticleFactory(live=True)
    draft = ArticleFactory(headline="Unpublished follow-up")
    ranking = RankingFactory(article=article)
    RankingEntryFactory(ranking=ranking, position=1, title=draft.headline, article=draft)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Unpublished follow-up" not in html
    assert draft.get_absolute_url() not in html


def test_healthz_answers_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_story_page_links_confirmed_mentions_only(client):
    from tests.factories import AnnotationFactory, CompanyFactory

    article = ArticleFactory(live=True, body="China Telecom met AT&T in Shanghai.")
    telecom = CompanyFactory(name="China Telecom", slug="china-telecom")
    AnnotationFactory(article=article, words="China Telecom", company=telecom)
    AnnotationFactory(article=article, words="AT&T", review_state="suggested")

    html = client.get(article.get_absolute_url()).content.decode()

    assert 'href="/companies/china-telecom/" title="China Telecom">China Telecom</a>' in html
    assert "/companies/company-" not in html
    assert "met AT&amp;T in Shanghai." in html

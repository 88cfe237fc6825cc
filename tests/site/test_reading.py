"""What readers read: numbers, countries, counts, cuts, lists and links written for people."""

from decimal import Decimal

import pytest

from articles.templatetags.reading import country_name, machine_time, money, within
from articles.text import cut_at_word
from tests.factories import (
    AnnotationFactory,
    ArticleFactory,
    CompanyFactory,
    RankingEntryFactory,
    RankingFactory,
)


@pytest.mark.parametrize(
    ("value", "currency", "written"),
    [
        (Decimal("68700000000"), "USD", "$68.7bn"),
        (Decimal("2000000000"), "EUR", "€2bn"),
        (Decimal("450000"), "GBP", "£450,000"),
        (Decimal("1500000"), "CHF", "CHF 1.5m"),
        (Decimal("3100000000000"), "JPY", "¥3.1tn"),
    ],
)
def test_amounts_are_written_as_business_papers_write_them(value, currency, written):
    assert money(value, currency) == written


def test_countries_are_named_not_coded():
    assert (country_name("CN"), country_name("us")) == ("China", "United States")


def test_machine_times_stop_at_the_second():
    from datetime import UTC, datetime

    assert machine_time(datetime(2025, 5, 14, 9, 30, 1, 273873, tzinfo=UTC)).startswith(
        "2025-05-14T"
    )
    assert "." not in machine_time(datetime(2025, 5, 14, 9, 30, 1, 273873, tzinfo=UTC))


@pytest.mark.parametrize("limit", range(5, 60))
def test_cuts_never_fall_inside_a_word(limit):
    text = "Deng Xiaofeng said China was among the quickest-growing markets for devices"
    cut = cut_at_word(text, limit)

    assert len(cut) <= limit
    kept = cut.removesuffix("…").split()
    if len(kept) > 1:
        assert all(word in text.split() for word in kept), cut
    assert within(text, limit) == cut


@pytest.mark.django_db
def test_search_counts_are_grammatical(client):
    ArticleFactory(live=True, headline="Orange extends IoT deal")

    one = client.get("/search/?q=Orange").content.decode()
    none = client.get("/search/?q=zeppelin").content.decode()

    assert "1 story matches" in one
    assert "0 stories match " in none


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["China Telecom", "china telecom", "CT Corp", "china-telecom"])
def test_search_finds_a_company_by_name_alias_or_slug(client, typed):
    match = ArticleFactory(live=True, body="China Telecom expands IoT.")
    ArticleFactory(live=True, body="Another IoT story.")
    company = CompanyFactory(slug="china-telecom", name="China Telecom")
    company.aliases.create(name="CT Corp")
    AnnotationFactory(article=match, words="China Telecom", company=company)

    page = client.get("/search/", {"q": "IoT", "company": typed}).content.decode()

    assert "1 story matches" in page and match.headline in page


@pytest.mark.django_db
def test_a_company_is_linked_at_its_first_mention_only(client):
    article = ArticleFactory(live=True, body="Orange met Orange again.\n\nOrange left.")
    company = CompanyFactory(name="Orange", slug="orange")
    for start in (0, 11, 26):
        AnnotationFactory(article=article, start=start, end=start + 6, company=company)

    page = client.get(article.get_absolute_url()).content.decode()

    assert page.count('href="/companies/orange/"') == 1
    assert page.count("mention-company mention-again") == 2


@pytest.mark.django_db
def test_a_story_is_never_listed_beside_itself_and_sponsored_lists_come_last(client):
    story = ArticleFactory(live=True, headline="Vodafone and Three merge")
    other = ArticleFactory(live=True, headline="Xpeng builds in Austria")
    sponsored = RankingFactory(title="From our partners", kind="partner", position=0)
    RankingEntryFactory(
        ranking=sponsored, position=1, title="Partner offer", url="https://example.com/"
    )
    top = RankingFactory(title="Top stories", kind="editorial", position=1)
    RankingEntryFactory(ranking=top, position=1, title=story.headline, article=story)
    RankingEntryFactory(ranking=top, position=2, title=other.headline, article=other)

    page = client.get(story.get_absolute_url()).content.decode()
    aside = page[page.index("<aside") :]

    assert aside.index("Top stories") < aside.index("From our partners")
    assert story.headline not in aside and other.headline in aside


@pytest.mark.django_db
def test_a_sellers_network_says_who_bought_and_that_it_sold(client):
    from tests.factories import AgreementFactory, PartyFactory

    seller = CompanyFactory(name="AT&T", slug="att")
    buyer = CompanyFactory(name="TPG", slug="tpg")
    story = ArticleFactory(live=True, body="AT&T sells its stake to TPG.")
    AnnotationFactory(article=story, words="AT&T", company=seller)
    deal = AgreementFactory(title="TPG buys the stake", kind="acquisition")
    PartyFactory(agreement=deal, company=seller, role="seller")
    PartyFactory(agreement=deal, company=buyer, role="acquirer")
    AnnotationFactory(article=story, words="stake", agreement=deal, company=None, kind="agreement")

    page = client.get("/companies/att/").content.decode()

    assert "acquisition: acquirer" in page
    assert "seller (acquisition)" in page


@pytest.mark.django_db
def test_company_suggestions_come_from_public_companies_by_name_or_alias(client):
    story = ArticleFactory(live=True, body="China Telecom and China Mobile met.")
    public = CompanyFactory(name="China Telecom", slug="china-telecom")
    public.aliases.create(name="Chunghwa Partner")
    AnnotationFactory(article=story, words="China Telecom", company=public)
    draft = ArticleFactory(body="China Unicom plans a bid.")
    AnnotationFactory(
        article=draft, words="China Unicom", company=CompanyFactory(name="China Unicom")
    )

    by_name = client.get("/companies/names.json", {"q": "chin"}).json()["companies"]
    by_alias = client.get("/companies/names.json", {"q": "chunghwa"}).json()["companies"]
    too_short = client.get("/companies/names.json", {"q": "c"}).json()["companies"]

    assert by_name == [{"name": "China Telecom", "slug": "china-telecom"}]
    assert by_alias == by_name
    assert too_short == []


@pytest.mark.django_db
def test_people_are_introduced_as_papers_do():
    from registry.models import Person

    jefferies = CompanyFactory(name="Jefferies")

    assert (
        Person(name="Edison Lee", title="analyst", organisation=jefferies).described
        == "Edison Lee, analyst at Jefferies"
    )
    assert Person(name="Edison Lee", organisation=jefferies).described == "Edison Lee, Jefferies"
    assert Person(name="Edison Lee", title="analyst").described == "Edison Lee, analyst"

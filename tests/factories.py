"""factory-boy factories for every model, producing valid rows with sensible defaults."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import (
    Article,
    Byline,
    PageView,
    Ranking,
    RankingEntry,
    Reporter,
    Section,
)
from deals.models import Agreement, AgreementEvent, Claim, Party, Region, Sector
from registry.models import Company, CompanyAlias, Person, Ticker
from structuring.claims import claim_make
from structuring.models import Annotation
from structuring.quotes import quote_selector
from structuring.services import claims_for_mention


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@newsroom.example")
    is_staff = True
    password = factory.django.Password("a-long-test-password")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class ReporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reporter

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    email = factory.Sequence(lambda n: f"reporter{n}@newsroom.example")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True  # a byline needs no second save of the story

    headline = factory.Sequence(lambda n: f"Story number {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    section = factory.SubFactory(SectionFactory)
    body = "China Telecom and AT&T agreed to extend their joint venture.\n\nThe pair spoke."
    status = Article.Status.DRAFT

    class Params:
        live = factory.Trait(
            status=Article.Status.PUBLISHED,
            publish_at=factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1)),
        )
        # Ready for the publish checks of the story side: filed in a section and signed.
        signed = factory.Trait(
            byline=factory.RelatedFactory("tests.factories.BylineFactory", "article")
        )


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    reporter = factory.SubFactory(ReporterFactory)
    position = 1


class RankingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ranking

    slug = factory.Sequence(lambda n: f"ranking-{n}")
    title = factory.Sequence(lambda n: f"Ranking {n}")
    kind = Ranking.Kind.EDITORIAL


class RankingEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RankingEntry

    ranking = factory.SubFactory(RankingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Entry {n}")


class PageViewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageView

    article = factory.SubFactory(ArticleFactory, live=True)
    day = factory.LazyFunction(lambda: timezone.now().date())
    count = 10


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")
    country = "CN"


class CompanyAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyAlias

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class TickerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ticker

    company = factory.SubFactory(CompanyFactory)
    exchange = "NYSE"
    symbol = factory.Sequence(lambda n: f"T{n}")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    slug = factory.Sequence(lambda n: f"agreement-{n}")
    title = factory.Sequence(lambda n: f"Agreement {n}")
    kind = Agreement.Kind.JOINT_VENTURE
    status = Agreement.Status.ANNOUNCED


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party
        skip_postgeneration_save = True

    agreement = factory.SubFactory(AgreementFactory)
    company = factory.SubFactory(CompanyFactory)
    role = Party.Role.PARTNER

    @factory.post_generation
    def claims(obj, create, extracted, **kwargs):
        """Stories already claiming the deal claim its new party too, with the same words."""
        if not create or extracted is False:
            return
        for claim in Claim.objects.current().filter(agreement=obj.agreement, term="kind"):
            claim_make(
                claim.article,
                obj.agreement,
                by=None,
                term="party",
                company=obj.company,
                role=obj.role,
                spans=list(claim.evidence.values_list("start", "end")),
                asserted=claim.asserted,
                check_permission=False,
            )


class AgreementEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementEvent

    agreement = factory.SubFactory(AgreementFactory)
    kind = AgreementEvent.Kind.EXTENDED
    occurred_on = factory.LazyFunction(lambda: timezone.now().date())
    article = factory.SubFactory(ArticleFactory, live=True)


class ClaimFactory(factory.django.DjangoModelFactory):
    """A story's claim about a deal, asserted by the editor (its place, unless told otherwise)."""

    class Meta:
        model = Claim

    agreement = factory.SubFactory(AgreementFactory)
    article = factory.SubFactory(ArticleFactory)
    term = Claim.Term.PLACE
    text = "Shanghai"
    asserted = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    title = "analyst"


class AnnotationFactory(factory.django.DjangoModelFactory):
    """An annotation of the first occurrence of ``words`` (default: the first word) in the body."""

    class Meta:
        model = Annotation
        exclude = ["words"]
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    words = factory.LazyAttribute(lambda a: a.article.body.split()[0])
    start = factory.LazyAttribute(lambda a: a.article.body.index(a.words))
    end = factory.LazyAttribute(lambda a: a.start + len(a.words))
    exact = factory.LazyAttribute(lambda a: quote_selector(a.article.body, a.start, a.end).exact)
    prefix = factory.LazyAttribute(lambda a: quote_selector(a.article.body, a.start, a.end).prefix)
    suffix = factory.LazyAttribute(lambda a: quote_selector(a.article.body, a.start, a.end).suffix)
    kind = Annotation.Kind.COMPANY
    company = factory.SubFactory(CompanyFactory)
    review_state = Annotation.ReviewState.CONFIRMED
    source = Annotation.Source.EDITOR

    @factory.post_generation
    def claims(obj, create, extracted, **kwargs):
        """A confirmed mention of a deal makes its story claim the deal as recorded."""
        if create and extracted is not False and obj.review_state == "confirmed":
            claims_for_mention(obj, by=None)

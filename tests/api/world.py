"""A small live newsroom with every kind of structure, for the API tests."""

from datetime import date, timedelta

from django.utils import timezone

from structuring.models import Annotation
from tests.factories import (
    AgreementFactory,
    AnnotationFactory,
    ArticleFactory,
    BylineFactory,
    CompanyFactory,
    PartyFactory,
    PersonFactory,
    RegionFactory,
    ReporterFactory,
    SectionFactory,
    SectorFactory,
    TickerFactory,
)

BODY = (
    "China Telecom and AT&T agreed to extend their joint venture, Shanghai Symphony, into IoT.\n\n"
    '"We are pleased with the venture," said Deng Xiaofeng of China Telecom.'
)


def build_world() -> dict:
    business = SectionFactory(name="Business", slug="business")
    reporter = ReporterFactory(name="Lin Hao", slug="lin-hao", email="lin.hao@newsroom.example")
    telecom = CompanyFactory(name="China Telecom", slug="china-telecom", country="CN")
    att = CompanyFactory(
        name="AT&T",
        slug="att",
        country="US",
        lei="549300Z40J86GGSTL398",
        wikidata_id="Q35476",
        legal_name="AT&T Inc.",
    )
    TickerFactory(company=att, exchange="NYSE", symbol="T")
    symphony = CompanyFactory(name="Shanghai Symphony", slug="shanghai-symphony")
    deal = AgreementFactory(
        slug="china-telecom-att-venture",
        title="China Telecom and AT&T joint venture",
        kind="joint_venture",
        status="extended",
        announced_on=date(2025, 3, 4),
        resulting_company=symphony,
    )
    deal.sectors.add(SectorFactory(name="IoT", slug="iot"))
    deal.regions.add(RegionFactory(name="China", slug="china"))
    PartyFactory(agreement=deal, company=telecom)
    PartyFactory(agreement=deal, company=att)
    deng = PersonFactory(
        name="Deng Xiaofeng", slug="deng-xiaofeng", title="managing director", organisation=telecom
    )
    story = ArticleFactory(
        live=True,
        slug="telecom-extends-venture",
        headline="China Telecom extends its AT&T venture",
        dek="The partners take their venture into IoT.",
        dateline="SHANGHAI",
        section=business,
        body=BODY,
        publish_at=timezone.now() - timedelta(hours=2),
    )
    BylineFactory(article=story, reporter=reporter)
    AnnotationFactory(
        article=story, words="China Telecom", company=telecom, source=Annotation.Source.GAZETTEER
    )
    AnnotationFactory(article=story, words="AT&T", company=att)
    AnnotationFactory(
        article=story, words="joint venture", kind="agreement", company=None, agreement=deal
    )
    AnnotationFactory(article=story, words="Shanghai Symphony", company=symphony)
    AnnotationFactory(
        article=story,
        words='"We are pleased with the venture,"',
        kind="quote",
        company=None,
        person=deng,
    )
    AnnotationFactory(
        article=story, words="Deng Xiaofeng", kind="person", company=None, person=deng
    )
    other = ArticleFactory(
        live=True,
        slug="att-quiet-day",
        headline="AT&T has a quiet day",
        body="AT&T had a quiet day on the markets.",
        section=business,
        publish_at=timezone.now() - timedelta(hours=3),
    )
    AnnotationFactory(article=other, words="AT&T", company=att)
    return {
        "story": story,
        "other": other,
        "deal": deal,
        "telecom": telecom,
        "att": att,
        "symphony": symphony,
        "reporter": reporter,
        "section": business,
        "deng": deng,
    }


# The article list's query parameters, as DESIGN.md names them.
ARTICLE_LIST_PARAMS = (
    "q",
    "section",
    "reporter",
    "company",
    "agreement",
    "agreement_kind",
    "published_after",
    "published_before",
    "updated_after",
    "ordering",
    "cursor",
    "page_size",
    "fields",
)

"""The shapes the API answers with, for the OpenAPI document (the views build plain dicts).

Every property is optional because ``fields=`` may leave any of them out; schemathesis checks in
the suite that real answers match these shapes.
"""

from rest_framework import serializers as s

from deals.models import AgreementKind, AgreementStatus, Party
from structuring.models import Annotation


class Shape(s.Serializer):
    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.required = False
        return fields


def link(**kw):
    return s.URLField(**kw)


class SectionRef(Shape):
    slug = s.SlugField()
    name = s.CharField()
    url = link()


class ReporterRef(Shape):
    slug = s.SlugField()
    name = s.CharField()
    email = s.EmailField(allow_blank=True)
    url = link()


class CompanyRef(Shape):
    slug = s.SlugField()
    name = s.CharField()
    url = link()
    api_url = link()


class Target(Shape):
    type = s.ChoiceField(choices=["company", "agreement", "person"])
    slug = s.SlugField()
    name = s.CharField()
    url = link(help_text="The public page (companies and agreements).")
    api_url = link(help_text="The API object (companies and agreements).")
    title = s.CharField(allow_blank=True, help_text="A person's title.")
    organisation = s.CharField(allow_null=True, help_text="A person's organisation.")


class Provenance(Shape):
    source = s.ChoiceField(choices=Annotation.Source.choices)
    machine_suggested = s.BooleanField(help_text="Proposed by the suggestion engine.")
    confidence = s.FloatField()
    confirmed_by = s.ChoiceField(choices=["reporter", "editor"])
    confirmed_by_name = s.CharField(
        allow_null=True, help_text="The reporter's byline name when a reporter confirmed it."
    )
    confirmed_at = s.DateTimeField(allow_null=True)


class Mention(Shape):
    start = s.IntegerField(help_text="Index of the first character in the body (Python string).")
    end = s.IntegerField(help_text="Index just past the last character.")
    exact = s.CharField(help_text="The words, exactly as in the body.")
    kind = s.ChoiceField(choices=Annotation.Kind.choices)
    target = Target(allow_null=True)
    provenance = Provenance()


class Quote(Shape):
    start = s.IntegerField()
    end = s.IntegerField()
    exact = s.CharField()
    speaker = Target(allow_null=True)
    provenance = Provenance()


class Tag(Shape):
    slug = s.SlugField()
    name = s.CharField()


class PartyOut(Shape):
    role = s.ChoiceField(choices=Party.Role.choices)
    company = CompanyRef()


class Agreement(Shape):
    slug = s.SlugField()
    title = s.CharField()
    kind = s.ChoiceField(choices=AgreementKind.choices)
    status = s.ChoiceField(choices=AgreementStatus.choices)
    parties = PartyOut(many=True)
    sectors = Tag(many=True)
    regions = Tag(many=True)
    announced_on = s.DateField(allow_null=True)
    announced_place = s.CharField(allow_blank=True)
    value = s.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    currency = s.CharField(allow_null=True)
    joint_venture_company = CompanyRef(allow_null=True)
    description = s.CharField(allow_blank=True)
    url = link()
    api_url = link()


class StoryRef(Shape):
    slug = s.SlugField()
    headline = s.CharField()
    url = link()
    api_url = link()
    published_at = s.DateTimeField()


class Related(StoryRef):
    reason = s.CharField(help_text='Why it is related, e.g. "also about China Telecom".')


class Article(Shape):
    slug = s.SlugField()
    headline = s.CharField()
    dek = s.CharField(allow_blank=True)
    url = link()
    api_url = link()
    section = SectionRef(allow_null=True)
    byline = ReporterRef(many=True)
    dateline = s.CharField(allow_blank=True)
    language = s.CharField()
    published_at = s.DateTimeField()
    updated_at = s.DateTimeField(help_text="When the story's text or structure last changed.")
    version = s.IntegerField()
    mentions = Mention(many=True)
    agreements = Agreement(many=True)


class ArticleDetail(Article):
    body = s.CharField(help_text="Plain text; paragraphs separated by a blank line.")
    quotes = Quote(many=True)
    related = Related(many=True)


class Ticker(Shape):
    exchange = s.CharField()
    symbol = s.CharField()


class ParentRef(Shape):
    slug = s.SlugField()
    name = s.CharField()
    url = link()


class Company(Shape):
    slug = s.SlugField()
    name = s.CharField()
    legal_name = s.CharField(allow_blank=True)
    country = s.CharField(allow_blank=True)
    lei = s.CharField(allow_null=True)
    wikidata_id = s.CharField(allow_null=True)
    tickers = Ticker(many=True)
    aliases = s.ListField(child=s.CharField())
    parent = ParentRef(allow_null=True)
    description = s.CharField(allow_blank=True)
    website = s.CharField(allow_blank=True)
    url = link()
    api_url = link()
    stories_url = link()


class CompanyDetail(Company):
    story_count = s.IntegerField(help_text="Live stories that mention the company.")
    agreements = Agreement(many=True)


class Event(Shape):
    kind = s.CharField()
    occurred_on = s.DateField()
    precision = s.CharField()
    description = s.CharField(allow_blank=True)
    story = StoryRef(allow_null=True)


class AgreementDetail(Agreement):
    timeline = Event(many=True)
    stories = StoryRef(many=True)


class Reporter(Shape):
    slug = s.SlugField()
    name = s.CharField()
    email = s.EmailField(allow_blank=True)
    bio = s.CharField(allow_blank=True)
    url = link()
    stories_url = link()


class Section(Shape):
    slug = s.SlugField()
    name = s.CharField()
    description = s.CharField(allow_blank=True)
    url = link()
    stories_url = link()


class RankingEntry(Shape):
    position = s.IntegerField()
    title = s.CharField()
    url = link(allow_null=True)
    external = s.BooleanField()
    sponsor = s.CharField(allow_null=True, help_text="Set on sponsored entries.")


class Ranking(Shape):
    slug = s.SlugField()
    title = s.CharField()
    kind = s.CharField()
    sponsored = s.BooleanField(help_text="Sponsored content, to be labelled as such.")
    entries = RankingEntry(many=True)


class ChangedStory(Shape):
    slug = s.SlugField()
    headline = s.CharField()
    url = link()
    api_url = link()
    published_at = s.DateTimeField()
    version = s.IntegerField()


class Change(Shape):
    action = s.ChoiceField(choices=["published", "updated", "withdrawn"])
    slug = s.SlugField()
    changed_at = s.DateTimeField()
    article = ChangedStory(allow_null=True, help_text="Null for a withdrawal (a tombstone).")


def page_of(item: type[Shape], name: str) -> type[Shape]:
    return type(
        name,
        (Shape,),
        {
            "results": item(many=True),
            "next": s.URLField(allow_null=True, help_text="The next page, or null at the end."),
        },
    )


ArticlePage = page_of(Article, "ArticlePage")
CompanyPage = page_of(Company, "CompanyPage")
AgreementPage = page_of(Agreement, "AgreementPage")
ReporterPage = page_of(Reporter, "ReporterPage")
SectionPage = page_of(Section, "SectionPage")
RankingPage = page_of(Ranking, "RankingPage")


class ChangePage(page_of(Change, "ChangeBase")):
    resume = s.URLField(help_text="Call this later for what changes after this page.")


class ErrorDetail(Shape):
    code = s.CharField(help_text="A stable code, e.g. invalid_parameter, rate_limited.")
    message = s.CharField(help_text="What went wrong, in words for a developer.")
    param = s.CharField(allow_null=True, help_text="The parameter at fault, if one is.")


class Error(s.Serializer):
    error = ErrorDetail()


NINJS_MEDIA_TYPE = "application/vnd.iptc.ninjs+json"

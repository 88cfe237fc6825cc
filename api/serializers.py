"""Output serializers: the one description of every API answer, which both serves the answers and
makes the OpenAPI document.

They read the plain rows of ``api.selectors`` (and prefetched companies); addresses are made from
slugs with the ``links`` in the serializer context. Objects a partner may trim with ``fields=``
are ``Sparse``: each of their properties may be left out, so none is listed as required.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers as s
from rest_framework.fields import SkipField

from deals.models import AgreementKind, AgreementStatus, ClaimTerm, Party
from structuring.models import Annotation

NINJS_MEDIA_TYPE = "application/vnd.iptc.ninjs+json"
ERROR_CODES = (
    "invalid_parameter",
    "invalid_cursor",
    "conflicting_parameters",
    "not_authenticated",
    "invalid_key",
    "forbidden",
    "not_found",
    "method_not_allowed",
    "not_acceptable",
    "unsupported_media_type",
    "rate_limited",
    "malformed_request",
)


def _get(obj, name: str):
    return obj[name] if isinstance(obj, dict) else getattr(obj, name)


@extend_schema_field(OpenApiTypes.URI)
class Link(s.Field):
    """The absolute address of the object's public page (``page``), API object (``api``) or list of
    live stories (``stories``); ``kind=None`` takes the kind from the object's ``type``."""

    def __init__(self, kind: str | None, to: str = "page", **kwargs):
        self.kind, self.to = kind, to
        super().__init__(source="*", **kwargs)

    def get_attribute(self, instance):
        kind = self.kind or _get(instance, "type")
        if kind not in (
            self.context["links"].API if self.to == "api" else self.context["links"].PAGES
        ):
            raise SkipField  # a person has no page of its own
        return instance

    def to_representation(self, value):
        links = self.context["links"]
        kind, slug = self.kind or _get(value, "type"), _get(value, "slug")
        if self.to == "stories":
            return links.stories(kind, slug)
        return getattr(links, self.to)(kind, slug)


class NullIfBlank(s.CharField):
    """A text that is empty in the database and ``null`` in the answer."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


class Names(s.ListField):
    """The names of a prefetched relation's objects."""

    def __init__(self, **kwargs):
        super().__init__(child=s.CharField(), **kwargs)

    def to_representation(self, data):
        return [item.name for item in data.all()]


class Sparse(s.Serializer):
    """An object ``fields=`` may trim: ``fields`` names the properties to keep."""

    def __init__(self, *args, fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        if fields is not None:
            for name in set(self.fields) - set(fields):
                self.fields.pop(name)

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.required = False
        return fields


class SectionRef(s.Serializer):
    slug = s.SlugField()
    name = s.CharField()
    url = Link("section")


class BylineEntry(s.Serializer):
    slug = s.SlugField()
    name = s.CharField()
    email = s.CharField(allow_blank=True, help_text="The reporter's contact address, if public.")
    url = Link("reporter")


class CompanyRef(s.Serializer):
    slug = s.SlugField()
    name = s.CharField()
    url = Link("company")
    api_url = Link("company", "api")


class Target(s.Serializer):
    type = s.ChoiceField(choices=["company", "agreement", "person"])
    slug = s.SlugField()
    name = s.CharField()
    url = Link(None, required=False, help_text="The public page (companies and agreements).")
    api_url = Link(
        None, "api", required=False, help_text="The API object (companies and agreements)."
    )
    title = s.CharField(required=False, allow_blank=True, help_text="A person's title.")
    organisation = s.CharField(
        required=False, allow_null=True, help_text="A person's organisation."
    )


class Provenance(s.Serializer):
    source = s.ChoiceField(choices=Annotation.Source.choices)
    machine_suggested = s.BooleanField(help_text="Proposed by the suggestion engine.")
    confidence = s.FloatField()
    confirmed_by = s.ChoiceField(choices=["reporter", "editor"])
    confirmed_by_name = s.CharField(
        allow_null=True, help_text="The reporter's byline name when a reporter confirmed it."
    )
    confirmed_at = s.DateTimeField(allow_null=True)


class Mention(s.Serializer):
    start = s.IntegerField(
        min_value=0, help_text="Index of the first character in the body (Python string)."
    )
    end = s.IntegerField(min_value=1, help_text="Index just past the last character.")
    exact = s.CharField(help_text="The words, exactly as in the body.")
    kind = s.ChoiceField(choices=Annotation.Kind.choices)
    target = Target(allow_null=True)
    provenance = Provenance()


class Quote(s.Serializer):
    start = s.IntegerField(min_value=0)
    end = s.IntegerField(min_value=1)
    exact = s.CharField()
    speaker = Target(source="target", allow_null=True)
    provenance = Provenance()


class Tag(s.Serializer):
    slug = s.SlugField()
    name = s.CharField()


class PartyEntry(s.Serializer):
    role = s.ChoiceField(choices=Party.Role.choices)
    company = CompanyRef()


UID_HELP = (
    "The story's permanent identifier: it never changes, whatever the slug. Key copies by it; "
    "as a URI it is `urn:uuid:<uid>`, the ninjs `uri`."
)


class StoryLink(s.Serializer):
    slug = s.SlugField()
    headline = s.CharField()
    url = Link("article")
    api_url = Link("article", "api")


class Stake(s.Serializer):
    percent = s.DecimalField(max_digits=5, decimal_places=2, help_text="From 0 to 100.")
    company = CompanyRef(allow_null=True, help_text="The company the stake is in.")


class Span(s.Serializer):
    start = s.IntegerField(min_value=0, help_text="Python string index into the story's body.")
    end = s.IntegerField(min_value=1)
    exact = s.CharField()


class ClaimEntry(s.Serializer):
    """One story's claim about a term, with the words in the story that support it."""

    story = StoryLink()
    start = s.IntegerField(allow_null=True, help_text="Its first evidence span; null if asserted.")
    end = s.IntegerField(allow_null=True)
    exact = s.CharField(allow_null=True)
    evidence = Span(many=True)
    asserted = s.BooleanField(help_text="Asserted by an editor without words to point at.")
    asserted_at = s.DateTimeField(help_text="When the claim took this wording.")
    superseded = s.BooleanField(help_text="A later story's claim stands instead.")
    conflicting = s.BooleanField(help_text="A later story marks this as a known conflict.")


class TermEntry(s.Serializer):
    """A term of the deal: the value that stands, and every live story's claim about it."""

    term = s.ChoiceField(choices=ClaimTerm.choices)
    label = s.CharField()
    value = s.CharField(help_text='Written for people: "$68.7bn", "a 49% stake", "14 May 2025".')
    conflict = s.BooleanField(help_text="Live stories disagree and the latest says so.")
    claims = ClaimEntry(many=True)


class Agreement(s.Serializer):
    slug = s.SlugField()
    title = s.CharField()
    kind = s.ChoiceField(choices=AgreementKind.choices)
    status = s.ChoiceField(choices=AgreementStatus.choices)
    parties = PartyEntry(many=True)
    sectors = Tag(many=True)
    regions = Tag(many=True)
    announced_on = s.DateField(allow_null=True)
    announced_place = s.CharField(allow_blank=True)
    value = s.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    currency = NullIfBlank(help_text="ISO 4217, e.g. USD.")
    stake = Stake(allow_null=True, help_text="The stake the deal is about, when reported.")
    joint_venture_company = CompanyRef(allow_null=True)
    description = s.CharField(allow_blank=True)
    url = Link("agreement")
    api_url = Link("agreement", "api")


class StoryRef(StoryLink):
    published_at = s.DateTimeField(source="publish_at")


class Related(StoryRef):
    reason = s.CharField(help_text='Why it is related, e.g. "also about China Telecom".')


class ArticleItem(Sparse):
    """A live story with its structure. With ``fields=``, only the fields named are present."""

    uid = s.UUIDField(help_text=UID_HELP)
    slug = s.SlugField()
    headline = s.CharField()
    dek = s.CharField(allow_blank=True)
    url = Link("article")
    api_url = Link("article", "api")
    section = SectionRef(allow_null=True)
    byline = BylineEntry(many=True)
    dateline = s.CharField(allow_blank=True)
    language = s.CharField()
    published_at = s.DateTimeField(source="publish_at")
    updated_at = s.DateTimeField(
        source="changed_at", help_text="When the story's text or structure last changed."
    )
    version = s.IntegerField(min_value=1)
    mentions = Mention(many=True)
    agreements = Agreement(many=True)


class SiteAddress(s.URLField):
    """An absolute address on the site, from a path."""

    def to_representation(self, value):
        return self.context["links"].path(value)


class Rendition(s.Serializer):
    url = SiteAddress(source="path")
    width = s.IntegerField(min_value=1)
    height = s.IntegerField(min_value=1)
    content_type = s.ChoiceField(choices=["image/webp", "image/jpeg"])


class FocalPoint(s.Serializer):
    x = s.FloatField(min_value=0, max_value=1, help_text="Across: 0 left, 1 right.")
    y = s.FloatField(min_value=0, max_value=1, help_text="Down: 0 top, 1 bottom.")


class StoryPicture(s.Serializer):
    """A picture the story shows, with what its use requires: credit, rights and licence."""

    id = s.IntegerField(min_value=1, help_text="The picture's number; the same in every story.")
    placement = s.ChoiceField(
        choices=["lead", "inline"], help_text="The lead picture, or one inside the story."
    )
    after_paragraph = s.IntegerField(
        min_value=1, allow_null=True, help_text="Where an inline picture sits; null for the lead."
    )
    alt_text = s.CharField(help_text="What the picture shows, for readers who cannot see it.")
    caption = s.CharField(allow_blank=True)
    credit = s.CharField(help_text="Print it with the picture, e.g. Lin Hao/Newsroom.")
    rights_holder = s.CharField()
    licence = s.CharField(allow_blank=True, help_text="The terms it is used under.")
    focal_point = FocalPoint()
    renditions = Rendition(
        many=True, help_text="16:9 crops around the focal point, 480 to 1200 px, WebP and JPEG."
    )


class ArticleDetail(ArticleItem):
    """A live story with its body, quotes and related stories as well."""

    body = s.CharField(help_text="Plain text; paragraphs separated by a blank line.")
    quotes = Quote(many=True)
    related = Related(many=True)
    pictures = StoryPicture(
        many=True, help_text="The lead picture first, if there is one, then those inside."
    )


ARTICLE_FIELDS = tuple(ArticleItem._declared_fields)
ARTICLE_DETAIL_FIELDS = tuple(ArticleDetail._declared_fields)


class Ticker(s.Serializer):
    exchange = s.CharField()
    symbol = s.CharField()


class ParentRef(s.Serializer):
    slug = s.SlugField()
    name = s.CharField()
    url = Link("company")


class CompanyItem(Sparse):
    """A company that live stories name or whose deals they report. With ``fields=``, only the
    fields named are present."""

    slug = s.SlugField()
    name = s.CharField()
    legal_name = s.CharField(allow_blank=True)
    country = s.CharField(allow_blank=True, help_text="ISO 3166-1 alpha-2, or empty.")
    lei = NullIfBlank(help_text="ISO 17442 Legal Entity Identifier.")
    wikidata_id = NullIfBlank(help_text="Wikidata item, e.g. Q35476.")
    tickers = Ticker(many=True)
    aliases = Names(help_text="Other names it goes by.")
    parent = ParentRef(
        source="public_parent",
        allow_null=True,
        help_text="The parent company, when it has a public page of its own.",
    )
    description = s.CharField(allow_blank=True)
    website = s.CharField(allow_blank=True)
    url = Link("company")
    api_url = Link("company", "api")
    stories_url = Link("company", "stories")


class CompanyDetail(CompanyItem):
    """A company with its public agreements and how many live stories mention it."""

    story_count = s.IntegerField(min_value=0, help_text="Live stories that mention the company.")
    agreements = Agreement(many=True)


COMPANY_FIELDS = tuple(CompanyItem._declared_fields)
COMPANY_DETAIL_FIELDS = tuple(CompanyDetail._declared_fields)


class AgreementItem(Sparse, Agreement):
    """An agreement (deal) that live stories report. With ``fields=``, only the fields named
    are present."""


class Event(s.Serializer):
    kind = s.CharField()
    occurred_on = s.DateField()
    precision = s.CharField()
    description = s.CharField(allow_blank=True)
    story = StoryLink()


class AgreementDetail(AgreementItem):
    """An agreement with its timeline and the live stories that report it."""

    terms = TermEntry(many=True)
    timeline = Event(many=True)
    stories = StoryRef(many=True)


AGREEMENT_FIELDS = tuple(AgreementItem._declared_fields)
AGREEMENT_DETAIL_FIELDS = tuple(AgreementDetail._declared_fields)


class Reporter(s.Serializer):
    slug = s.SlugField()
    name = s.CharField()
    email = s.CharField(allow_blank=True)
    bio = s.CharField(allow_blank=True)
    url = Link("reporter")
    stories_url = Link("reporter", "stories")


class Section(s.Serializer):
    slug = s.SlugField()
    name = s.CharField()
    description = s.CharField(allow_blank=True)
    url = Link("section")
    stories_url = Link("section", "stories")


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class EntryLink(s.Field):
    """Our own pages as absolute addresses; a partner's link as it is."""

    def to_representation(self, value):
        if value.startswith("/"):
            return self.context["links"].path(value)
        return value or None


class RankingEntry(s.Serializer):
    position = s.IntegerField(min_value=1)
    title = s.CharField()
    url = EntryLink()
    external = s.BooleanField()
    sponsor = NullIfBlank(help_text="Set on sponsored entries.")


class Ranking(s.Serializer):
    slug = s.SlugField()
    title = s.CharField()
    kind = s.CharField()
    sponsored = s.BooleanField(help_text="Sponsored content, to be labelled as such.")
    entries = RankingEntry(many=True)


class ChangedStory(StoryRef):
    uid = s.UUIDField(help_text=UID_HELP)
    version = s.IntegerField(min_value=1)


class Change(s.Serializer):
    action = s.ChoiceField(
        choices=["published", "updated", "withdrawn"],
        help_text="`withdrawn` is a tombstone: drop the story with this `uid`.",
    )
    uid = s.UUIDField(help_text=UID_HELP)
    slug = s.SlugField(help_text="The story's slug now (for a tombstone, its last slug).")
    former_slugs = s.ListField(
        child=s.SlugField(),
        help_text=(
            "Every earlier slug of the story, newest first: a copy kept by slug under one of "
            "these is this story too."
        ),
    )
    changed_at = s.DateTimeField()
    article = ChangedStory(allow_null=True, help_text="Null for a withdrawal (a tombstone).")


def page_of(item: type[s.Serializer], name: str, **more) -> type[s.Serializer]:
    """The serializer of one page of ``item``s and the link to the next."""
    return type(
        name,
        (s.Serializer,),
        {
            "results": item(many=True),
            "next": s.URLField(allow_null=True, help_text="The next page, or null at the end."),
            **more,
        },
    )


ArticlePage = page_of(ArticleItem, "ArticlePage")
CompanyPage = page_of(CompanyItem, "CompanyPage")
AgreementPage = page_of(AgreementItem, "AgreementPage")
ReporterPage = page_of(Reporter, "ReporterPage")
SectionPage = page_of(Section, "SectionPage")
RankingPage = page_of(Ranking, "RankingPage")
ChangePage = page_of(
    Change,
    "ChangePage",
    resume=s.URLField(help_text="Call this later for what changes after this page."),
)


class ErrorDetail(s.Serializer):
    code = s.ChoiceField(choices=ERROR_CODES, help_text="A stable code for programs to test.")
    message = s.CharField(help_text="What went wrong, in words for a developer.")
    param = s.CharField(allow_null=True, help_text="The parameter at fault, if one is.")


class Error(s.Serializer):
    error = ErrorDetail()

"""The partner API: read-only, keyed, throttled by tier, and only ever about live stories.

Views read through ``api.selectors`` and answer through ``api.serializers``; ``api.openapi``
turns the same serializers and filtersets into the OpenAPI document.
"""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django_filters import MultipleChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import NotAcceptable, NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response

from articles.models import Article
from articles.rankings import rankings_for

from . import params, selectors
from . import serializers as out
from .authentication import Caller, PartnerKeyAuthentication
from .errors import InvalidParameter
from .filters import AgreementFilter, ArticleFilter, CompanyFilter
from .links import Links
from .ninjs import to_ninjs
from .openapi import AS_OF, document, field_names_pattern
from .pagination import CHANGES, Keyset, page_size, paginate
from .rendering import NinjsRenderer, SafeJSONRenderer
from .stories import shown
from .throttling import TierThrottle

ARTICLE_ORDERS = {
    "-published_at": Keyset("-published_at", ("-publish_at", "-id")),
    "published_at": Keyset("published_at", ("publish_at", "id")),
    "-updated_at": Keyset("-updated_at", ("-changed_at", "-id")),
    "updated_at": Keyset("updated_at", ("changed_at", "id")),
}
BY_SLUG = Keyset("slug", ("slug",))


def not_found(what: str) -> NotFound:
    return NotFound(f"No live {what} has this slug.")


class HasPartnerKey(BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, Caller)


class PartnerView(GenericAPIView):
    """Common ground: key, tier throttle, strict parameters, sparse fields."""

    authentication_classes = [PartnerKeyAuthentication]
    permission_classes = [HasPartnerKey]
    throttle_classes = [TierThrottle]
    filter_backends = [DjangoFilterBackend]
    renderer_classes = [SafeJSONRenderer]
    # HEAD answers as GET does; OPTIONS, like every other method, is a 405.
    http_method_names = ["get", "head"]
    fields_allowed: tuple[str, ...] = ()
    params_allowed: frozenset[str] = frozenset({"fields"})
    pagination_class = None

    def initial(self, request, *args, **kwargs):
        try:
            super().initial(request, *args, **kwargs)
        except NotAcceptable:
            # The key is checked and counted first, so that a 406 carries the rate limit too.
            self.perform_authentication(request)
            self.check_permissions(request)
            self.check_throttles(request)
            raise
        self.check_params(request)

    def check_params(self, request) -> None:
        known = set(self.params_allowed)
        repeatable = set()
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            known |= set(filterset_class.base_filters)
            repeatable = {
                name
                for name, item in filterset_class.base_filters.items()
                if isinstance(item, MultipleChoiceFilter)
            }
        for name, values in request.query_params.lists():
            if any("\x00" in value for value in values):
                raise InvalidParameter(name, "A parameter may not contain a NUL character.")
            if not all(value.strip() for value in values):
                raise InvalidParameter(name, f"'{name}' is empty; give it a value or leave it out.")
            if name not in known:
                raise InvalidParameter(
                    name,
                    f"Unknown parameter '{name[:50]}'; this endpoint takes: {', '.join(sorted(known))}.",
                )
            if len(values) > 1 and name not in repeatable:
                raise InvalidParameter(name, f"Give '{name}' once.")

    def wanted_fields(self) -> set[str]:
        raw = self.request.query_params.get("fields")
        if raw is None:
            return set(self.fields_allowed)
        if len(raw) > 1000 or not re.search(field_names_pattern(self.fields_allowed), raw):
            names = {n.strip() for n in raw.split(",")}
            unknown = ", ".join(sorted(names - set(self.fields_allowed)))[:200]
            raise InvalidParameter(
                "fields",
                f"Unknown field(s) {unknown or raw[:50]!r}; give comma-separated names "
                f"from {', '.join(self.fields_allowed)}.",
            )
        return set(raw.split(","))

    def context(self) -> dict:
        return {"links": Links(self.request)}

    def as_of(self):
        """The moment the request replays: what was public then, as it then read (None: now)."""
        raw = self.request.query_params.get("as_of")
        if raw is None:
            return None
        try:
            return params.past_moment(raw[:41], "as_of")
        except ValueError as error:
            raise InvalidParameter("as_of", str(error)) from None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        limit = getattr(request, "rate_limit", None)
        if limit is not None:
            response["X-RateLimit-Limit"] = str(limit[0])
            response["X-RateLimit-Remaining"] = str(limit[1])
            response["X-RateLimit-Reset"] = str(int(limit[2]) + 1)
        response["Cache-Control"] = (
            "private, no-store" if response.status_code >= 400 else "private, max-age=30"
        )
        return response

    def page(self, serializer, rows, next_url, **kwargs) -> Response:
        items = serializer(rows, many=True, context=self.context(), **kwargs).data
        return Response({"results": items, "next": next_url})


class ArticleList(PartnerView):
    """Live stories, newest first, each with its mentions and agreements."""

    filterset_class = ArticleFilter
    fields_allowed = out.ARTICLE_FIELDS
    params_allowed = frozenset({"fields", "cursor", "page_size"})

    def get_queryset(self):
        return selectors.live_stories()

    @document(
        "articles_list",
        "Live stories, newest first",
        out.ArticlePage,
        fields=out.ARTICLE_FIELDS,
        filterset=ArticleFilter,
        paged=True,
    )
    def get(self, request):
        fields = self.wanted_fields()
        queryset = self.filter_queryset(self.get_queryset())
        ordering = request.query_params.get("ordering") or "-published_at"
        rows, next_url = paginate(
            queryset,
            ARTICLE_ORDERS[ordering],
            request,
            fetch=lambda qs: list(selectors.story_rows(qs)),
        )
        items = shown(rows, fields, self.context(), out.ArticleItem)
        return Response({"results": items, "next": next_url})


NINJS_ITEM = OpenApiResponse(
    {"type": "object", "description": "An IPTC ninjs 3.1 news item.", "required": ["uri"]},
    description="The story as an IPTC ninjs 3.1 news item (format=ninjs or that Accept).",
)


class ArticleDetail(PartnerView):
    """One live story: body, mentions with offsets and targets, agreements, quotes, related."""

    fields_allowed = out.ARTICLE_DETAIL_FIELDS
    params_allowed = frozenset({"fields", "format"})
    renderer_classes = [SafeJSONRenderer, NinjsRenderer]

    @document(
        "articles_retrieve",
        "One live story with its structure (or as IPTC ninjs 3.1)",
        out.ArticleDetail,
        fields=out.ARTICLE_DETAIL_FIELDS,
        found=True,
        more=[
            OpenApiParameter(
                "format",
                str,
                enum=["json", "ninjs"],
                description=(
                    "`ninjs` returns the story as an IPTC ninjs 3.1 news item, as does "
                    f"`Accept: {out.NINJS_MEDIA_TYPE}`. Not with `fields`."
                ),
                examples=[OpenApiExample("ninjs", value="ninjs")],
            )
        ],
        media_types={
            (200, "application/json"): out.ArticleDetail,
            (200, out.NINJS_MEDIA_TYPE): NINJS_ITEM,
        },
    )
    def get(self, request, slug):
        wants_ninjs = request.accepted_renderer.format == "ninjs"
        shape = request.query_params.get("format", "ninjs" if wants_ninjs else "json")
        if shape not in ("json", "ninjs"):
            raise InvalidParameter("format", "format must be json or ninjs.")
        if shape == "json" and wants_ninjs:
            raise NotAcceptable(f"format=json is not {out.NINJS_MEDIA_TYPE}.")
        if shape == "ninjs" and "fields" in request.query_params:
            raise InvalidParameter(
                "fields", "ninjs is a whole news item; drop fields.", "conflicting_parameters"
            )
        fields = set(self.fields_allowed) if shape == "ninjs" else self.wanted_fields()
        row = selectors.story_rows(selectors.live_stories().filter(slug=slug), body=True).first()
        if row is None:
            raise not_found("story")
        story = shown([row], fields, self.context(), out.ArticleDetail)[0]
        if shape == "ninjs":
            return Response(to_ninjs(story, Links(request)), content_type=out.NINJS_MEDIA_TYPE)
        return Response(story)

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400:  # errors are JSON, whatever was asked for
            request.accepted_renderer, request.accepted_media_type = (
                SafeJSONRenderer(),
                SafeJSONRenderer.media_type,
            )
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])
        return response


class CompanyList(PartnerView):
    """Companies that live stories name, or that are party to a deal one reports."""

    filterset_class = CompanyFilter
    fields_allowed = out.COMPANY_FIELDS
    params_allowed = frozenset({"fields", "cursor", "page_size", "as_of"})

    def get_queryset(self):
        return selectors.public_companies(at=self.as_of())

    @document(
        "companies_list",
        "Companies that live stories name or whose deals they report",
        out.CompanyPage,
        fields=out.COMPANY_FIELDS,
        filterset=CompanyFilter,
        paged=True,
        more=(AS_OF,),
    )
    def get(self, request):
        fields = self.wanted_fields()
        queryset = self.filter_queryset(self.get_queryset())
        rows, next_url = paginate(queryset, BY_SLUG, request)
        if "parent" in fields:
            selectors.with_public_parents(rows, at=self.as_of())
        return self.page(out.CompanyItem, rows, next_url, fields=fields)


class CompanyDetail(PartnerView):
    """One company with its public agreements and how many live stories mention it."""

    fields_allowed = out.COMPANY_DETAIL_FIELDS
    params_allowed = frozenset({"fields", "as_of"})

    @document(
        "companies_retrieve",
        "One company, with its public agreements",
        out.CompanyDetail,
        fields=out.COMPANY_DETAIL_FIELDS,
        found=True,
        more=(AS_OF,),
    )
    def get(self, request, slug):
        fields, at = self.wanted_fields(), self.as_of()
        company = selectors.public_companies(at=at).filter(slug=slug).first()
        if company is None:
            raise not_found("company")
        if "parent" in fields:
            selectors.with_public_parents([company], at=at)
        if "story_count" in fields:
            company.story_count = selectors.company_story_count(company, at=at)
        if "agreements" in fields:
            company.agreements = selectors.company_agreements(company, at=at)
        return Response(out.CompanyDetail(company, fields=fields, context=self.context()).data)


class AgreementList(PartnerView):
    """Agreements (deals) that live stories report."""

    filterset_class = AgreementFilter
    fields_allowed = out.AGREEMENT_FIELDS
    params_allowed = frozenset({"fields", "cursor", "page_size", "as_of"})

    def get_queryset(self):
        return selectors.public_agreements(at=self.as_of())

    @document(
        "agreements_list",
        "Agreements (deals) that live stories report",
        out.AgreementPage,
        fields=out.AGREEMENT_FIELDS,
        filterset=AgreementFilter,
        paged=True,
        more=(AS_OF,),
    )
    def get(self, request):
        fields = self.wanted_fields()
        queryset = self.filter_queryset(self.get_queryset())
        rows, next_url = paginate(
            queryset, BY_SLUG, request, fetch=lambda qs: list(qs.values("id", "slug"))
        )
        ids = [row["id"] for row in rows]
        found = selectors.agreements(ids, at=self.as_of())
        return self.page(out.AgreementItem, [found[pk] for pk in ids], next_url, fields=fields)


class AgreementDetail(PartnerView):
    """One agreement: parties and roles, its timeline and the live stories that report it."""

    fields_allowed = out.AGREEMENT_DETAIL_FIELDS
    params_allowed = frozenset({"fields", "as_of"})

    @document(
        "agreements_retrieve",
        "One agreement with its terms and their claims, its timeline and the stories that report it",
        out.AgreementDetail,
        fields=out.AGREEMENT_DETAIL_FIELDS,
        found=True,
        more=(AS_OF,),
    )
    def get(self, request, slug):
        fields, at = self.wanted_fields(), self.as_of()
        agreement = selectors.public_agreements(at=at).filter(slug=slug).first()
        if agreement is None:
            raise not_found("agreement")
        item = selectors.agreements([agreement.pk], at=at, terms="terms" in fields)[agreement.pk]
        if "timeline" in fields:
            item["timeline"] = selectors.timeline(agreement, at=at)
        if "stories" in fields:
            item["stories"] = selectors.agreement_stories(agreement, at=at)
        return Response(out.AgreementDetail(item, fields=fields, context=self.context()).data)


class ReporterList(PartnerView):
    """Reporters with at least one live story."""

    params_allowed = frozenset({"cursor", "page_size"})

    @document(
        "reporters_list", "Reporters with at least one live story", out.ReporterPage, paged=True
    )
    def get(self, request):
        rows, next_url = paginate(
            selectors.bylined_reporters(),
            BY_SLUG,
            request,
            fetch=lambda qs: list(qs.values("slug", "name", "email", "bio")),
        )
        return self.page(out.Reporter, rows, next_url)


class SectionList(PartnerView):
    """The sections of the site."""

    params_allowed = frozenset()

    @document("sections_list", "The sections of the site", out.SectionPage)
    def get(self, request):
        return self.page(out.Section, selectors.sections(), None)


class RankingList(PartnerView):
    """The site-wide ranked lists as readers see them now; sponsored ones are flagged."""

    params_allowed = frozenset()

    @document(
        "rankings_list", "The site-wide ranked lists as readers see them now", out.RankingPage
    )
    def get(self, request):
        return self.page(out.Ranking, rankings_for(None), None)


class ChangeList(PartnerView):
    """What was published, updated or withdrawn, oldest first, to keep a copy in sync."""

    params_allowed = frozenset({"since", "cursor", "page_size"})

    @document(
        "changes_list",
        "What was published, updated or withdrawn, oldest first",
        out.ChangePage,
        paged=True,
        description=(
            "Replay from the start (no `since`) and follow `next` to mirror the live set; keep "
            "the last `next` and call it again later for what changed since. A withdrawn story "
            "is a tombstone: drop it. Changes appear a few seconds after they are made."
        ),
        more=[
            OpenApiParameter(
                "since",
                {"type": "string", "format": "date-time", "maxLength": 40},
                description=(
                    "An ISO 8601 date-time (UTC when no offset is given): changes after it. "
                    "Not with `cursor`."
                ),
                examples=[OpenApiExample("since", value="2026-03-04T09:30:00Z")],
            )
        ],
    )
    def get(self, request):
        query = request.query_params
        settle = float(getattr(settings, "NEWSROOM_CHANGES_SETTLE_SECONDS", 5))
        since, after = query.get("since"), None
        if since:
            if query.get("cursor"):
                raise InvalidParameter(
                    "since", "Give since or cursor, not both.", "conflicting_parameters"
                )
            try:
                since = params.instant(since, "since")
            except ValueError as error:
                raise InvalidParameter("since", str(error)) from None
        if query.get("cursor"):
            after = CHANGES.decode(query["cursor"], Article)
        size = page_size(query)
        entries = selectors.changes(
            timezone.now(), settle, after=after, since=since or None, limit=size + 1
        )
        page = entries[:size]
        items = out.Change(
            [selectors.change(e) for e in page], many=True, context=self.context()
        ).data
        next_url = None
        if len(entries) > size:
            following = {k: v for k, v in query.items() if k != "since"}
            following["cursor"] = CHANGES.encode(page[-1])
            next_url = request.build_absolute_uri(request.path) + "?" + urlencode(following)
        resume = {k: v for k, v in query.items() if k not in ("cursor", "since")}
        if page:
            resume["cursor"] = CHANGES.encode(page[-1])
        elif query.get("cursor") or since:
            resume.update({k: query[k] for k in ("cursor", "since") if query.get(k)})
        resume_url = request.build_absolute_uri(request.path) + "?" + urlencode(resume)
        return Response({"results": items, "next": next_url, "resume": resume_url})


class NoEndpoint(PartnerView):
    """Any other address under the API: a JSON 404, counted against the key when one is sent."""

    permission_classes = []
    params_allowed = frozenset()
    schema = None  # not an operation of the document

    def check_params(self, request) -> None:
        """Nothing is served here, so no parameter is worth refusing."""

    def get(self, request, *args, **kwargs):
        raise NotFound(f"There is no API endpoint at {request.path}.")

    http_method_not_allowed = get


class Schema(SpectacularAPIView):
    """The OpenAPI 3 document; open to all, so partners can read it before they have a key."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []

"""The partner API: read-only, keyed, throttled by tier, and only ever about live stories."""

from datetime import UTC, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response

from articles.models import Article, Reporter, Section
from articles.rankings import rankings_for
from structuring import selectors

from . import representations as out
from . import schema
from .authentication import Caller, PartnerKeyAuthentication
from .errors import InvalidParameter
from .filters import AgreementFilter, ArticleFilter, CompanyFilter
from .ninjs import to_ninjs
from .pagination import Keyset, paginate
from .throttling import TierThrottle

ARTICLE_ORDERS = {
    "-published_at": Keyset("-published_at", ("-publish_at", "-id")),
    "published_at": Keyset("published_at", ("publish_at", "id")),
    "-updated_at": Keyset("-updated_at", ("-changed_at", "-id")),
    "updated_at": Keyset("updated_at", ("changed_at", "id")),
}
BY_SLUG = Keyset("slug", ("slug",))
CHANGES = Keyset("changes", ("changed_at", "id"))


def not_found(what: str) -> NotFound:
    return NotFound(f"No live {what} has this slug.")


class HasPartnerKey(BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, Caller)


def answers(ok, *, found: bool = False, **more) -> dict:
    """The documented answers of an operation: ``ok`` and every error it can give."""
    errors = {
        400: "A parameter is unknown or its value cannot be used; `param` names it.",
        401: "No key, or a key that is not valid.",
        403: "The key is revoked or expired, or the partner is suspended.",
        406: "The Accept header asks for something other than JSON.",
        429: "Over the tier's requests a minute; retry after `Retry-After` seconds.",
    }
    if found:
        errors[404] = "Nothing live has this slug."
    return {
        200: ok,
        **more,
        **{code: OpenApiResponse(schema.Error, description=text) for code, text in errors.items()},
    }


def fields_param(name="fields"):
    return OpenApiParameter(
        name, str, description="Comma-separated names of the fields to return (sparse output)."
    )


PAGE_PARAMS = [
    OpenApiParameter("cursor", str, description="The opaque cursor from a page's `next` link."),
    OpenApiParameter("page_size", int, description="Items per page, 1 to 100 (default 20)."),
]


class PartnerView(GenericAPIView):
    """Common ground: key, tier throttle, strict parameters, sparse fields."""

    authentication_classes = [PartnerKeyAuthentication]
    permission_classes = [HasPartnerKey]
    throttle_classes = [TierThrottle]
    filter_backends = [DjangoFilterBackend]
    fields_allowed: tuple[str, ...] = ()
    fields_default: tuple[str, ...] | None = None
    params_allowed: frozenset[str] = frozenset({"fields"})
    pagination_class = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        known = set(self.params_allowed)
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            known |= set(filterset_class.base_filters)
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

    def wanted_fields(self) -> set[str]:
        raw = self.request.query_params.get("fields")
        if raw is None or not raw.strip():
            return set(self.fields_default or self.fields_allowed)
        names = {n.strip() for n in raw.split(",") if n.strip()}
        unknown = names - set(self.fields_allowed)
        if unknown:
            raise InvalidParameter(
                "fields",
                f"Unknown field(s) {', '.join(sorted(unknown))[:200]}; "
                f"choose from {', '.join(self.fields_allowed)}.",
            )
        return names

    def links(self) -> out.Links:
        return out.Links(self.request)

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

    def page(self, rows, next_url) -> Response:
        return Response({"results": rows, "next": next_url})


class ArticleList(PartnerView):
    """Live stories, newest first, each with its mentions and agreements."""

    filterset_class = ArticleFilter
    fields_allowed = out.ARTICLE_FIELDS
    params_allowed = frozenset({"fields", "cursor", "page_size"})

    def get_queryset(self):
        return Article.objects.live()

    @extend_schema(
        operation_id="articles_list",
        summary="Live stories, newest first",
        parameters=[*PAGE_PARAMS, fields_param()],
        responses=answers(schema.ArticlePage),
    )
    def get(self, request):
        fields = self.wanted_fields()
        queryset = self.filter_queryset(self.get_queryset())
        ordering = request.query_params.get("ordering") or "-published_at"
        rows, next_url = paginate(
            queryset,
            ARTICLE_ORDERS[ordering],
            request,
            fetch=lambda qs: list(qs.values(*out.ARTICLE_COLUMNS)),
        )
        items = out.stories_out(rows, self.links(), fields, out.ARTICLE_FIELDS)
        return self.page(items, next_url)


class ArticleDetail(PartnerView):
    """One live story: body, mentions with offsets and targets, agreements, quotes, related."""

    fields_allowed = out.ARTICLE_DETAIL_FIELDS
    params_allowed = frozenset({"fields", "format"})

    @extend_schema(
        operation_id="articles_retrieve",
        summary="One live story with its structure (or as IPTC ninjs 3.1)",
        parameters=[
            fields_param(),
            OpenApiParameter(
                "format",
                str,
                enum=["json", "ninjs"],
                description="`ninjs` returns the story as an IPTC ninjs 3.1 news item.",
            ),
        ],
        responses={
            **answers(schema.ArticleDetail, found=True),
            (200, "application/json"): schema.ArticleDetail,
            (200, schema.NINJS_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.OBJECT, description="An IPTC ninjs 3.1 news item (format=ninjs)."
            ),
        },
    )
    def get(self, request, slug):
        shape = request.query_params.get("format", "json")
        if shape not in ("json", "ninjs"):
            raise InvalidParameter("format", "format must be json or ninjs.")
        if shape == "ninjs" and "fields" in request.query_params:
            raise InvalidParameter("fields", "ninjs is a whole news item; drop fields.")
        fields = set(out.ARTICLE_DETAIL_FIELDS) if shape == "ninjs" else self.wanted_fields()
        row = Article.objects.live().filter(slug=slug).values(*out.ARTICLE_COLUMNS, "body").first()
        if row is None:
            raise not_found("story")
        story = out.stories_out([row], self.links(), fields, out.ARTICLE_DETAIL_FIELDS)[0]
        if shape == "ninjs":
            return Response(to_ninjs(story), content_type=schema.NINJS_MEDIA_TYPE)
        return Response(story)


def _companies(queryset):
    return queryset.select_related("parent").prefetch_related("tickers", "aliases")


class CompanyList(PartnerView):
    """Companies that live stories name, or that are party to a deal one reports."""

    filterset_class = CompanyFilter
    fields_allowed = out.COMPANY_FIELDS
    params_allowed = frozenset({"fields", "cursor", "page_size"})

    def get_queryset(self):
        return selectors.public_companies()

    @extend_schema(
        operation_id="companies_list",
        summary="Companies that live stories name or whose deals they report",
        parameters=[*PAGE_PARAMS, fields_param()],
        responses=answers(schema.CompanyPage),
    )
    def get(self, request):
        fields = self.wanted_fields()
        queryset = self.filter_queryset(self.get_queryset())
        rows, next_url = paginate(_companies(queryset), BY_SLUG, request)
        return self.page(out.companies_out(rows, self.links(), fields), next_url)


class CompanyDetail(PartnerView):
    """One company with its public agreements and how many live stories mention it."""

    fields_allowed = out.COMPANY_DETAIL_FIELDS

    @extend_schema(
        operation_id="companies_retrieve",
        summary="One company, with its public agreements",
        parameters=[fields_param()],
        responses=answers(schema.CompanyDetail, found=True),
    )
    def get(self, request, slug):
        fields = self.wanted_fields()
        company = _companies(selectors.public_companies()).filter(slug=slug).first()
        if company is None:
            raise not_found("company")
        return Response(out.company_detail(company, self.links(), fields))


class AgreementList(PartnerView):
    """Agreements (deals) that live stories report."""

    filterset_class = AgreementFilter
    fields_allowed = out.AGREEMENT_FIELDS
    params_allowed = frozenset({"fields", "cursor", "page_size"})

    def get_queryset(self):
        return selectors.public_agreements()

    @extend_schema(
        operation_id="agreements_list",
        summary="Agreements (deals) that live stories report",
        parameters=[*PAGE_PARAMS, fields_param()],
        responses=answers(schema.AgreementPage),
    )
    def get(self, request):
        fields = self.wanted_fields()
        queryset = self.filter_queryset(self.get_queryset())
        rows, next_url = paginate(
            queryset, BY_SLUG, request, fetch=lambda qs: list(qs.values("id", "slug"))
        )
        shown = out.agreements_out([r["id"] for r in rows], self.links())
        items = [{k: v for k, v in shown[r["id"]].items() if k in fields} for r in rows]
        return self.page(items, next_url)


class AgreementDetail(PartnerView):
    """One agreement: parties and roles, its timeline and the live stories that report it."""

    fields_allowed = out.AGREEMENT_DETAIL_FIELDS

    @extend_schema(
        operation_id="agreements_retrieve",
        summary="One agreement with its timeline and the stories that report it",
        parameters=[fields_param()],
        responses=answers(schema.AgreementDetail, found=True),
    )
    def get(self, request, slug):
        fields = self.wanted_fields()
        agreement = selectors.public_agreements().filter(slug=slug).first()
        if agreement is None:
            raise not_found("agreement")
        return Response(out.agreement_detail(agreement, self.links(), fields))


class ReporterList(PartnerView):
    """Reporters with at least one live story."""

    params_allowed = frozenset({"cursor", "page_size"})

    @extend_schema(
        operation_id="reporters_list",
        summary="Reporters with at least one live story",
        parameters=PAGE_PARAMS,
        responses=answers(schema.ReporterPage),
    )
    def get(self, request):
        queryset = Reporter.objects.public()
        rows, next_url = paginate(
            queryset,
            BY_SLUG,
            request,
            fetch=lambda qs: list(qs.values("slug", "name", "email", "bio")),
        )
        links = self.links()
        for row in rows:
            row["url"] = links.page("reporter", row["slug"])
            row["stories_url"] = links.path(f"/api/v1/articles/?reporter={row['slug']}")
        return self.page(rows, next_url)


class SectionList(PartnerView):
    """The sections of the site."""

    params_allowed = frozenset()

    @extend_schema(
        operation_id="sections_list",
        summary="The sections of the site",
        responses=answers(schema.SectionPage),
    )
    def get(self, request):
        links = self.links()
        rows = list(
            Section.objects.order_by("position", "name").values("slug", "name", "description")
        )
        for row in rows:
            row["url"] = links.page("section", row["slug"])
            row["stories_url"] = links.path(f"/api/v1/articles/?section={row['slug']}")
        return self.page(rows, None)


class RankingList(PartnerView):
    """The site-wide ranked lists as readers see them now; sponsored ones are flagged."""

    params_allowed = frozenset()

    @extend_schema(
        operation_id="rankings_list",
        summary="The site-wide ranked lists as readers see them now",
        responses=answers(schema.RankingPage),
    )
    def get(self, request):
        links = self.links()
        rows = [
            {
                "slug": r.slug,
                "title": r.title,
                "kind": r.kind,
                "sponsored": r.sponsored,
                "entries": [
                    {
                        "position": e.position,
                        "title": e.title,
                        "url": links.path(e.url) if e.url.startswith("/") else (e.url or None),
                        "external": e.external,
                        "sponsor": e.sponsor or None,
                    }
                    for e in r.entries
                ],
            }
            for r in rankings_for(None)
        ]
        return self.page(rows, None)


class ChangeList(PartnerView):
    """What was published, updated or withdrawn, oldest first, to keep a copy in sync."""

    params_allowed = frozenset({"since", "cursor", "page_size"})

    @extend_schema(
        operation_id="changes_list",
        summary="What was published, updated or withdrawn, oldest first",
        description=(
            "Replay from the start (no `since`) and follow `next` to mirror the live set; keep "
            "the last `next` and call it again later for what changed since. A withdrawn story "
            "is a tombstone: drop it. Changes appear a few seconds after they are made."
        ),
        parameters=[
            *PAGE_PARAMS,
            OpenApiParameter("since", str, description="An ISO 8601 date-time: changes after it."),
        ],
        responses=answers(schema.ChangePage),
    )
    def get(self, request):
        params = request.query_params
        settle = float(getattr(settings, "NEWSROOM_CHANGES_SETTLE_SECONDS", 5))
        now = timezone.now()
        live = Q(status=Article.Status.PUBLISHED, publish_at__lte=now)
        was_public = Q(first_published_at__isnull=False, first_published_at__lt=F("changed_at"))
        queryset = Article.objects.filter(changed_at__lte=now - timedelta(seconds=settle)).filter(
            live | was_public
        )
        since = params.get("since")
        if since:
            if params.get("cursor"):
                raise InvalidParameter("since", "Give since or cursor, not both.")
            when = parse_datetime(since) if len(since) < 40 else None
            if when is None:
                raise InvalidParameter("since", "since must be an ISO 8601 date-time.")
            if timezone.is_naive(when):
                when = timezone.make_aware(when, UTC)
            queryset = queryset.filter(changed_at__gt=when)
        rows, next_url = paginate(
            queryset,
            CHANGES,
            request,
            fetch=lambda qs: list(
                qs.values(
                    "id",
                    "slug",
                    "headline",
                    "status",
                    "publish_at",
                    "changed_at",
                    "updated_at",
                    "first_published_at",
                    "version",
                )
            ),
        )
        links = self.links()
        items = []
        for row in rows:
            is_live = row["status"] == Article.Status.PUBLISHED and row["publish_at"] <= now
            item = {"slug": row["slug"], "changed_at": row["changed_at"]}
            if is_live:
                first = row["updated_at"] <= row["publish_at"]
                item["action"] = "published" if first else "updated"
                item["article"] = out.story_ref(
                    row["slug"],
                    row["headline"],
                    links,
                    published_at=row["publish_at"],
                    version=row["version"],
                )
            else:
                item["action"] = "withdrawn"
                item["article"] = None
            items.append(item)
        query = {k: v for k, v in params.items() if k not in ("cursor", "since")}
        if rows:
            query["cursor"] = CHANGES.encode(rows[-1])
        elif params.get("cursor") or since:
            query.update({k: params[k] for k in ("cursor", "since") if params.get(k)})
        resume = request.build_absolute_uri(request.path) + "?" + urlencode(query)
        return Response({"results": items, "next": next_url, "resume": resume})


class Schema(SpectacularAPIView):
    """The OpenAPI 3 document; open to all, so partners can read it before they have a key."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []

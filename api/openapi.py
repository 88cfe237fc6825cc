"""How the OpenAPI document is made from the serializers and filtersets that serve the API.

Parameters come from the filtersets (each filter's type, pattern, length, enum and help text),
answers from the output serializers, and every operation lists its errors (with the one error
schema) and the rate-limit headers. The document is OpenAPI 3.0; a nullable object is written as
``oneOf`` the object or a typed null, which strict validators accept.
"""

import django_filters as filters
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from . import params
from .filters import InstantFilter, PatternFilter, anchored
from .serializers import Error

EXAMPLES = {
    "company": "lei:549300Z40J86GGSTL398",
    "party": "ticker:NYSE:T",
    "section": "business",
    "reporter": "lin-hao",
    "q": "joint venture",
    "published_after": "2026-03-04T09:30:00Z",
    "announced_after": "2025-03-04",
    "country": "CN",
    "ticker": "NYSE:T",
}

ERRORS = {
    400: "A parameter is unknown, repeated, empty or its value cannot be used; `param` names it.",
    401: "No key, or a key that is not valid.",
    403: "The key is revoked or expired, or the partner is suspended.",
    404: "Nothing live has this slug.",
    405: "Any method but GET and HEAD.",
    406: "The Accept header asks for a media type this endpoint does not give.",
    429: "Over the tier's requests a minute; retry after `Retry-After` seconds.",
}
ERROR_EXAMPLE = OpenApiExample(
    "A bad parameter",
    value={
        "error": {
            "code": "invalid_parameter",
            "message": "page_size must be a whole number from 1 to 100.",
            "param": "page_size",
        }
    },
    status_codes=[400],
    response_only=True,
)
# Sent with every answer to a valid key, whatever its status (401 and 403 have no key to count).
COUNTED = [200, 400, 404, 406, 429]
HEADERS = [
    OpenApiParameter(
        "X-RateLimit-Limit",
        {"type": "integer", "minimum": 1},
        OpenApiParameter.HEADER,
        required=True,
        description="Requests a minute the key's tier allows.",
        response=COUNTED,
    ),
    OpenApiParameter(
        "X-RateLimit-Remaining",
        {"type": "integer", "minimum": 0},
        OpenApiParameter.HEADER,
        required=True,
        description="Requests left in this minute.",
        response=COUNTED,
    ),
    OpenApiParameter(
        "X-RateLimit-Reset",
        {"type": "integer", "minimum": 1, "maximum": 61},
        OpenApiParameter.HEADER,
        required=True,
        description="Seconds until the minute turns and the count starts again.",
        response=COUNTED,
    ),
    OpenApiParameter(
        "Retry-After",
        {"type": "integer", "minimum": 1, "maximum": 60},
        OpenApiParameter.HEADER,
        required=True,
        description="Seconds to wait before the next request.",
        response=[429],
    ),
]
# A signed cursor is URL-safe base64 and the signer's separators.
CURSOR = anchored(r"[A-Za-z0-9_.:\-]{1,2000}")
AS_OF = OpenApiParameter(
    "as_of",
    {"type": "string", "format": "date-time", "maxLength": 40},
    description=(
        "Replay the public state at this moment, ISO 8601 (e.g. 2026-03-04T09:30:00Z): what "
        "was live then, as it then read, for backtesting. Left out: now."
    ),
    examples=[OpenApiExample("as_of", value="2026-03-04T09:30:00Z")],
)

PAGE_PARAMS = [
    OpenApiParameter(
        "cursor",
        {"type": "string", "pattern": CURSOR, "maxLength": 2000},
        description=(
            "The opaque cursor from a page's `next` link; only the server makes them, any other "
            "value is a 400 with the code `invalid_cursor`."
        ),
    ),
    OpenApiParameter(
        "page_size",
        {
            "type": "integer",
            "minimum": 1,
            "maximum": params.MAX_PAGE_SIZE,
            "default": params.DEFAULT_PAGE_SIZE,
        },
        description=f"Items per page, 1 to {params.MAX_PAGE_SIZE}, in ASCII digits.",
    ),
]


def field_names_pattern(names) -> str:
    """A comma-separated list of ``names``, e.g. ``slug,headline``."""
    one = "|".join(sorted(names, key=len, reverse=True))
    return rf"^(?:{one})(?:,(?:{one}))*$(?!\n)"


def fields_param(names) -> OpenApiParameter:
    return OpenApiParameter(
        "fields",
        {"type": "string", "pattern": field_names_pattern(names), "maxLength": 1000},
        description="Comma-separated names of the fields to return (sparse output): "
        + ", ".join(names)
        + ".",
        examples=[OpenApiExample("Two fields", value=",".join(names[:2]))],
    )


def _filter_schema(item: filters.Filter) -> dict:
    if isinstance(item, filters.MultipleChoiceFilter):
        return {
            "type": "array",
            "items": {"type": "string", "enum": [value for value, _ in item.extra["choices"]]},
        }
    if isinstance(item, filters.ChoiceFilter):
        return {"type": "string", "enum": [value for value, _ in item.extra["choices"]]}
    if isinstance(item, InstantFilter):
        return {"type": "string", "format": "date-time", "maxLength": 40}
    if isinstance(item, PatternFilter):
        return {"type": "string", "pattern": item.pattern, "maxLength": item.extra["max_length"]}
    return {"type": "string", "format": "date", "maxLength": 10}


def filter_params(filterset_class) -> list[OpenApiParameter]:
    """The filterset's filters as query parameters; a list filter is repeated (``kind=a&kind=b``)."""
    found = []
    for name, item in filterset_class.base_filters.items():
        example = EXAMPLES.get(name)
        found.append(
            OpenApiParameter(
                name,
                _filter_schema(item),
                description=str(item.extra.get("help_text", "")),
                explode=True if isinstance(item, filters.MultipleChoiceFilter) else None,
                examples=[OpenApiExample(name, value=example)] if example else None,
            )
        )
    return found


def document(
    operation_id: str,
    summary: str,
    ok,
    *,
    fields=None,
    filterset=None,
    paged=False,
    found=False,
    more=(),
    description="",
    media_types=None,
):
    """``extend_schema`` for a partner operation: its parameters, its answer and every error."""
    parameters = [*(filter_params(filterset) if filterset else ()), *more]
    if paged:
        parameters += PAGE_PARAMS
    if fields:
        parameters.append(fields_param(fields))
    errors = {code: text for code, text in ERRORS.items() if found or code != 404}
    responses = {
        **(media_types or {200: OpenApiResponse(ok, description=summary)}),
        **{
            (code, "application/json"): OpenApiResponse(Error, description=text)
            for code, text in errors.items()
        },
    }
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=description,
        parameters=[*parameters, *HEADERS],
        responses=responses,
        examples=[ERROR_EXAMPLE],
    )


def typed_nulls(result, generator, request, public):
    """Postprocessing hook: ``allOf`` + ``nullable`` (which OpenAPI 3.0 validators read as "any
    object") becomes ``oneOf`` the object or a typed null."""

    def walk(node):
        if isinstance(node, dict):
            if node.get("nullable") and "allOf" in node and len(node["allOf"]) == 1:
                ref = node.pop("allOf")[0]
                node.pop("nullable")
                node["oneOf"] = [ref, {"type": "object", "nullable": True, "enum": [None]}]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result


DETAIL_LINKS = {
    "/api/v1/articles/": ("articles_retrieve", "story"),
    "/api/v1/companies/": ("companies_retrieve", "company"),
    "/api/v1/agreements/": ("agreements_retrieve", "agreement"),
}


def detail_links(result, generator, request, public):
    """Postprocessing hook: each list's answer links to the detail of its items (by slug)."""
    for path, (operation, what) in DETAIL_LINKS.items():
        ok = result["paths"].get(path, {}).get("get", {}).get("responses", {}).get("200")
        if ok is not None:
            ok["links"] = {
                operation: {
                    "operationId": operation,
                    "parameters": {"slug": "$response.body#/results/0/slug"},
                    "description": f"The first {what} of the page in full; any item's slug works.",
                }
            }
    return result


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.PartnerKeyAuthentication"
    name = "PartnerKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Send `Authorization: Api-Key <key>` (the scheme in any case). Keys are issued "
                "per partner by the newsroom; each tier has its own requests-per-minute limit."
            ),
        }

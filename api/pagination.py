"""Keyset (cursor) pagination: stable under inserts, constant cost at any depth.

A cursor is the sort key of the last row of a page, signed so that a partner cannot forge one; a
tampered or foreign cursor is a 400 that names ``cursor``.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core import signing
from django.db.models import Q

from . import params
from .errors import InvalidParameter

_SALT = "newsroom.api.cursor"


def page_size(query) -> int:
    try:
        return params.page_size(query.get("page_size"))
    except ValueError as error:
        raise InvalidParameter("page_size", str(error)) from None


@dataclass(frozen=True)
class Keyset:
    """An ordering by model fields, ending in a unique one, e.g. ``("-publish_at", "-id")``."""

    name: str
    fields: tuple[str, ...]

    def order(self, queryset):
        return queryset.order_by(*self.fields)

    def after(self, queryset, values: list):
        """Rows that come after the row whose sort key is ``values``."""
        condition = Q(pk__in=[])
        for depth, field in enumerate(self.fields):
            name = field.lstrip("-")
            lookup = f"{name}__lt" if field.startswith("-") else f"{name}__gt"
            equal = {f.lstrip("-"): v for f, v in zip(self.fields[:depth], values, strict=False)}
            condition |= Q(**equal, **{lookup: values[depth]})
        return queryset.filter(condition)

    def key_of(self, row) -> list:
        names = [f.lstrip("-") for f in self.fields]
        if isinstance(row, dict):
            return [row[n] for n in names]
        return [getattr(row, n) for n in names]

    def encode(self, row) -> str:
        key = [v.isoformat() if hasattr(v, "isoformat") else v for v in self.key_of(row)]
        return signing.dumps([self.name, key], salt=_SALT, compress=True)

    def decode(self, cursor: str, model) -> list:
        try:
            name, key = signing.loads(cursor, salt=_SALT)
        except (signing.BadSignature, ValueError, TypeError):
            raise InvalidParameter(
                "cursor",
                "This cursor is not valid; use the 'next' link of a previous page.",
                "invalid_cursor",
            ) from None
        if name != self.name or len(key) != len(self.fields):
            raise InvalidParameter(
                "cursor",
                "This cursor belongs to another ordering or endpoint; start again.",
                "invalid_cursor",
            )
        fields = [model._meta.get_field(f.lstrip("-")) for f in self.fields]
        return [field.to_python(value) for field, value in zip(fields, key, strict=True)]


# The change feed's cursor: where the last entry a partner read sits (webhooks carry one too).
CHANGES = Keyset("changes", ("changed_at", "id"))


def paginate(queryset, keyset: Keyset, request, fetch=list) -> tuple[list, str | None]:
    """One page of ``queryset`` in ``keyset`` order from the request's cursor, and the next link.

    ``fetch`` turns the sliced queryset into rows (a list of models or of dicts).
    """
    params = request.query_params
    size = page_size(params)
    cursor = params.get("cursor")
    queryset = keyset.order(queryset)
    if cursor:
        queryset = keyset.after(queryset, keyset.decode(cursor, queryset.model))
    rows = fetch(queryset[: size + 1])
    if len(rows) <= size:
        return rows, None
    rows = rows[:size]
    query = {k: v for k, v in params.lists() if k != "cursor"}
    query["cursor"] = [keyset.encode(rows[-1])]
    return rows, request.build_absolute_uri(request.path) + "?" + urlencode(query, doseq=True)

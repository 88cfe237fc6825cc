"""``Authorization: Api-Key <key>`` (the scheme in any case, RFC 7235): who is calling.

The key's row is read on every request (one query by its unique prefix), so a revocation, an
expiry or a suspended partner applies on the next request in every worker, however it was made
(admin, shell or a bulk update) and whether or not the shared cache is up. Only the hash is
stored; checking a key against it costs microseconds.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied

from .models import PartnerKey

KEYWORD = "Api-Key"


@dataclass(frozen=True)
class Caller:
    key_id: str
    prefix: str
    hashed_key: str
    key_name: str
    partner_id: int
    partner: str
    tier: str
    revoked: bool
    partner_active: bool
    expires: datetime | None


def _load(prefix: str) -> Caller | None:
    row = PartnerKey.objects.select_related("partner").filter(prefix=prefix).first()
    if row is None:
        return None
    return Caller(
        key_id=row.pk,
        prefix=row.prefix,
        hashed_key=row.hashed_key,
        key_name=row.name,
        partner_id=row.partner_id,
        partner=row.partner.name,
        tier=row.partner.tier,
        revoked=row.revoked,
        partner_active=row.partner.is_active,
        expires=row.expiry_date,
    )


class PartnerKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        keyword, _, key = header.partition(" ")
        key = key.strip()
        if keyword.lower() != KEYWORD.lower() or not key:
            raise AuthenticationFailed(f"Send the key as 'Authorization: {KEYWORD} <key>'.")
        prefix, dot, _ = key.partition(".")
        valid = dot and prefix.isascii() and prefix.isalnum() and len(key) < 200
        caller = _load(prefix) if valid else None
        if caller is None or not PartnerKey.objects.key_generator.verify(key, caller.hashed_key):
            raise AuthenticationFailed("This API key is not valid.")
        if caller.revoked:
            raise PermissionDenied("This API key has been revoked.")
        if caller.expires is not None and caller.expires <= timezone.now():
            raise PermissionDenied(f"This API key expired on {caller.expires.isoformat()}.")
        if not caller.partner_active:
            raise PermissionDenied("This partner's access is suspended.")
        return AnonymousUser(), caller

    def authenticate_header(self, request) -> str:
        return f'{KEYWORD} realm="api"'

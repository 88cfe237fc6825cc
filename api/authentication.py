"""``Authorization: Api-Key <key>``: who is calling, remembered briefly in the shared cache.

A key's row (never the key itself) is cached by its public prefix, and forgotten whenever the key
or its partner is saved, so that a revocation applies on the next request in every worker.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied

from .models import Partner, PartnerKey

KEYWORD = "Api-Key"
CACHE_SECONDS = 300


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


def _cache_key(prefix: str) -> str:
    return f"api-key:{prefix}"


def _load(prefix: str) -> Caller | None:
    found = cache.get(_cache_key(prefix))
    if found is not None:
        return found or None
    row = PartnerKey.objects.select_related("partner").filter(prefix=prefix).first()
    caller = (
        Caller(
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
        if row
        else None
    )
    cache.set(_cache_key(prefix), caller or False, CACHE_SECONDS)
    return caller


class PartnerKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        keyword, _, key = header.partition(" ")
        key = key.strip()
        if keyword != KEYWORD or not key:
            raise AuthenticationFailed(f"Send the key as 'Authorization: {KEYWORD} <key>'.")
        prefix, dot, _ = key.partition(".")
        caller = _load(prefix) if dot and prefix.isalnum() and len(key) < 200 else None
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


@receiver([post_save, post_delete], sender=PartnerKey, dispatch_uid="api-forget-key")
def forget_key(sender, instance, **kwargs):
    cache.delete(_cache_key(instance.prefix))


@receiver([post_save, post_delete], sender=Partner, dispatch_uid="api-forget-partner-keys")
def forget_partner_keys(sender, instance, **kwargs):
    for prefix in PartnerKey.objects.filter(partner_id=instance.pk).values_list(
        "prefix", flat=True
    ):
        cache.delete(_cache_key(prefix))

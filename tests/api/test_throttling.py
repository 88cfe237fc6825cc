"""Each key gets its tier's requests a minute; over it, 429 with Retry-After. Usage is counted."""

import pytest
from django.utils import timezone

from api.models import KeyUsage
from api.usage import counter
from tests.api.conftest import Api, issue_key
from tests.test_without_redis import DEAD_REDIS

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_limits(settings):
    settings.NEWSROOM_API_LIMITS = {"basic": 5, "standard": 50, "premium": 500}


def test_over_the_tier_limit_is_429_with_retry_after(low_limits):
    api = Api(issue_key(tier="basic")[1])

    answers = [api.get("sections/") for _ in range(7)]

    assert [r.status_code for r in answers] == [200] * 5 + [429] * 2
    refused = answers[-1]
    assert refused.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert answers[0]["X-RateLimit-Limit"] == "5"
    assert answers[0]["X-RateLimit-Remaining"] == "4"


def test_each_key_has_its_own_count_and_the_tier_sets_the_limit(low_limits):
    basic = Api(issue_key(tier="basic", name="Small")[1])
    standard = Api(issue_key(tier="standard", name="Large")[1])

    for _ in range(5):
        basic.get("sections/")

    assert basic.get("sections/").status_code == 429
    assert [standard.get("sections/").status_code for _ in range(10)] == [200] * 10


def test_requests_per_key_per_day_are_recorded(low_limits):
    stored, key = issue_key(tier="basic")
    api = Api(key)
    for _ in range(7):
        api.get("sections/")

    counter.flush()

    usage = KeyUsage.objects.get(key=stored)
    assert (usage.day, usage.requests) == (timezone.now().date(), 5)


def test_with_the_cache_down_the_api_answers_and_throttling_falls_back(low_limits, settings):
    settings.CACHES = DEAD_REDIS
    api = Api(issue_key(tier="basic")[1])

    statuses = [api.get("articles/").status_code for _ in range(6)]

    assert statuses == [200] * 5 + [429]


def test_partner_managers_see_daily_requests_in_the_admin(client, low_limits):
    from tests.groups import user_in

    stored, key = issue_key(tier="basic")
    Api(key).get("sections/")
    counter.flush()
    manager = user_in("Partner manager")
    client.force_login(manager)

    page = client.get(f"/admin/api/partnerkey/{stored.pk}/change/")
    usage = client.get("/admin/api/keyusage/")

    assert page.status_code == 200 and "Requests a day" in page.content.decode()
    assert usage.status_code == 200 and stored.name in usage.content.decode()
    assert client.get("/admin/articles/article/add/").status_code == 403

"""With Redis unreachable the site and the API answer: pages are rendered afresh."""

import pytest

from tests.api.conftest import Api, issue_key
from tests.api.world import build_world

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "newsroom.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
    }
}


def test_pages_and_api_answer_with_redis_unreachable(client, settings):
    world = build_world()
    key = issue_key()[1]
    settings.CACHES = DEAD_REDIS

    for address in ("/", world["story"].get_absolute_url(), "/companies/att/", "/search/?q=iot"):
        response = client.get(address)
        assert response.status_code == 200, address
    assert "China Telecom" in client.get(world["story"].get_absolute_url()).content.decode()
    assert Api(key).get("articles/telecom-extends-venture/").status_code == 200

import pytest
from django.test import Client

from api.models import Partner, PartnerKey


def issue_key(tier: str = "premium", name: str = "Acme Data", **fields) -> tuple[PartnerKey, str]:
    partner, _ = Partner.objects.get_or_create(name=name, defaults={"tier": tier})
    return PartnerKey.objects.create_key(partner=partner, name=f"{name} key", **fields)


class Api:
    """A test client that sends a partner key and decodes the JSON answer."""

    def __init__(self, key: str | None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"} if key else {}

    def get(self, path: str, params=None, **headers):
        if not path.startswith("/") and not path.startswith("http"):
            path = f"/api/v1/{path}"
        return self.client.get(path, params or {}, **{**self.headers, **headers})

    def json(self, path: str, params=None, status: int = 200):
        response = self.get(path, params)
        assert response.status_code == status, response.content[:500]
        return response.json()

    def all(self, path: str, params=None) -> list[dict]:
        """Every item of a list endpoint, following ``next`` to the end."""
        page = self.json(path, params)
        items = list(page["results"])
        while page["next"]:
            page = self.json(page["next"])
            items += page["results"]
        return items


@pytest.fixture
def api_key(db) -> str:
    return issue_key()[1]


@pytest.fixture
def api(api_key) -> Api:
    return Api(api_key)

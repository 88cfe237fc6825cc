"""Fixtures of the Structure screen's tests: a story with pending suggestions, an editor."""

import pytest

from structuring.suggesting import refresh_suggestions
from tests.factories import ArticleFactory, CompanyAliasFactory, CompanyFactory
from tests.groups import user_in

BODY = (
    "China Telecom will extend its partnership with Orange SA into IoT in Asia, Europe and Africa.\n\n"
    "“Demand is strong,” said Anna Berg, head of sales at Jefferies."
)


@pytest.fixture
def story(db):
    CompanyFactory(name="China Telecom", slug="china-telecom")
    orange = CompanyFactory(name="Orange", slug="orange", legal_name="Orange SA")
    CompanyAliasFactory(company=orange, name="Orange", case_sensitive=True)
    article = ArticleFactory(body=BODY, signed=True)
    refresh_suggestions(article)
    return article


@pytest.fixture
def editor_client(client, db):
    client.force_login(user_in("Editor"))
    return client

"""Every page type through the Nu HTML checker, as readers' browsers and crawlers will parse it."""

import pytest
from django.contrib.auth import get_user_model

from tests.groups import ensure_groups
from tests.site.validators import demo_pages, editor_pages, nu_check

pytestmark = pytest.mark.django_db


def test_every_page_type_passes_the_nu_html_checker(client, tmp_path):
    ensure_groups()
    documents = {}
    for name, address in demo_pages().items():
        response = client.get(address)
        assert response.status_code == 200, name
        documents[name] = response.content
    client.force_login(get_user_model().objects.get(username="editor"))
    for name, address in editor_pages().items():
        response = client.get(address)
        assert response.status_code == 200, name
        documents[name] = response.content

    problems = nu_check(documents, tmp_path)

    assert problems == [], "\n".join(problems)

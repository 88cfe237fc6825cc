"""Every page type through the Nu HTML checker, as readers' browsers and crawlers will parse it."""

import pytest
from django.contrib.auth import get_user_model

from tests.groups import ensure_groups
from tests.site.validators import demo_pages, editor_pages, nu_check, sitemap_check

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


def test_the_sitemap_passes_the_sitemaps_org_schema(client):
    demo_pages()  # the demo newsroom: stories, sections, reporters, companies and deals

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response.content.count(b"<url>") > 10
    assert sitemap_check(response.content) == []


def test_the_sitemap_schema_check_finds_what_is_wrong():
    broken = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><lastmod>yesterday</lastmod></url></urlset>"
    )

    assert len(sitemap_check(broken)) >= 1

"""Pictures reach partners with their renditions, credit and rights: in the JSON story and as
ninjs 3.1 picture associations (issue 16), and only for live stories."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from openapi_core import OpenAPI

from articles.models import Article, InlinePicture, Picture
from tests.api.test_contract import validated
from tests.api.test_ninjs import VALIDATOR
from tests.articles.test_pictures import make_picture
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pictured(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    story = ArticleFactory(
        live=True, body="First paragraph.\n\nSecond one.", lead_picture=make_picture()
    )
    inline = make_picture()
    Picture.objects.filter(pk=inline.pk).update(caption="", licence="")
    InlinePicture.objects.create(article=story, picture=inline, after_paragraph=1)
    return story


def test_a_story_carries_its_pictures_with_rights_and_renditions_that_serve(api, pictured):
    story = api.json(f"articles/{pictured.slug}/")

    lead, inline = story["pictures"]
    assert (lead["placement"], lead["after_paragraph"]) == ("lead", None)
    assert (inline["placement"], inline["after_paragraph"]) == ("inline", 1)
    assert lead["credit"] == "Lin Hao/Newsroom" and lead["rights_holder"] == "Newsroom"
    assert lead["licence"] == "Staff work" and lead["alt_text"] == "Two masts against a grey sky"
    assert {(r["width"], r["height"], r["content_type"]) for r in lead["renditions"]} == {
        (w, round(w * 9 / 16), t) for w in (480, 800, 1200) for t in ("image/webp", "image/jpeg")
    }
    served = api.client.get(lead["renditions"][0]["url"].removeprefix("http://testserver"))
    assert served.status_code == 200 and served["Content-Type"].startswith("image/")


def test_the_answer_with_pictures_matches_the_document(api, pictured, client):
    document = client.get("/api/v1/schema/").json()
    validated(OpenAPI.from_dict(document), api.get(f"articles/{pictured.slug}/"))


def test_ninjs_carries_pictures_as_associations_with_renditions_and_rights(api, pictured):
    item = api.json(f"articles/{pictured.slug}/", {"format": "ninjs"})

    assert not list(VALIDATOR.iter_errors(item))
    lead, inline = [a for a in item["associations"] if a["type"] == "picture"]
    assert lead["rel"] == "lead-picture" and inline["rel"] == "inline-picture"
    assert lead["by"] == "Lin Hao/Newsroom" and lead["copyrightHolder"] == "Newsroom"
    assert lead["copyrightNotice"] == "© Newsroom" and lead["usageTerms"] == "Staff work"
    assert lead["descriptions"] == [
        {"role": "caption", "value": "Masts in Shanghai."},
        {"role": "alt", "value": "Two masts against a grey sky"},
    ]
    assert "usageTerms" not in inline and inline["uri"] != lead["uri"]
    assert {(r["name"], r["width"], r["height"]) for r in lead["renditions"]} >= {
        ("480-jpeg", 480, 270),
        ("1200-webp", 1200, 675),
    }
    assert all(r["href"].startswith("http://testserver/pictures/") for r in lead["renditions"])


def test_a_story_without_pictures_carries_none(api):
    plain = ArticleFactory(live=True)

    assert api.json(f"articles/{plain.slug}/")["pictures"] == []
    item = api.json(f"articles/{plain.slug}/", {"format": "ninjs"})
    assert not [a for a in item.get("associations", []) if a.get("type") == "picture"]


def test_ninjs_with_pictures_still_imports_back(api, pictured, tmp_path):
    item = api.json(f"articles/{pictured.slug}/", {"format": "ninjs"})
    path = tmp_path / "story.json"
    path.write_text(json.dumps(item))
    Article.objects.filter(pk=pictured.pk).delete()

    call_command("import_stories", str(path), stdout=StringIO(), stderr=StringIO())

    assert Article.objects.get(source_uri=item["uri"]).body == pictured.body

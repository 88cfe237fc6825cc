"""Pictures: uploads refused with reasons, crops that keep the subject, renditions only for
what readers may see, and the rights carried everywhere the picture goes."""

import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Picture
from articles.renditions import crop_box, rendition_set, validate_picture_file
from tests.factories import ArticleFactory


def picture_bytes(size=(1600, 900), kind="JPEG", colour=(20, 40, 80)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_picture(**fields) -> Picture:
    picture = Picture(
        alt_text="Two masts against a grey sky",
        caption="Masts in Shanghai.",
        credit="Lin Hao/Newsroom",
        rights_holder="Newsroom",
        licence="Staff work",
        **fields,
    )
    picture.image.save("masts.jpg", ContentFile(picture_bytes()), save=False)
    picture.save()
    return picture


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"GIF89a not really", "not a picture we can read"),
        (picture_bytes((800, 600)), "at least 1200"),
        (picture_bytes(kind="GIF"), "GIF pictures are not accepted"),
        (picture_bytes(kind="BMP"), "BMP pictures are not accepted"),
    ],
)
def test_an_unusable_upload_is_refused_with_its_reason(content, reason):
    with pytest.raises(ValidationError, match=reason):
        validate_picture_file(SimpleUploadedFile("upload.jpg", content))


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_a_usable_upload_is_accepted(kind):
    validate_picture_file(SimpleUploadedFile("upload", picture_bytes(kind=kind)))


@pytest.mark.parametrize(
    ("size", "focal", "box"),
    [
        ((1600, 900), (0.5, 0.5), (0, 0, 1600, 900)),
        ((2000, 2000), (0.5, 0.0), (0, 0, 2000, 1125)),
        ((2000, 2000), (0.5, 1.0), (0, 875, 2000, 2000)),
        ((3000, 1000), (0.1, 0.5), (0, 0, 1778, 1000)),
        ((3000, 1000), (0.9, 0.5), (1222, 0, 3000, 1000)),
    ],
)
def test_crops_keep_the_focal_point_in_frame(size, focal, box):
    assert crop_box(*size, *focal) == box


@pytest.mark.django_db
def test_a_picture_without_alt_text_cannot_be_stored(media):
    with pytest.raises(ValidationError):
        Picture(credit="x", rights_holder="y").full_clean()


@pytest.mark.django_db
def test_a_live_story_serves_webp_and_jpeg_renditions_at_each_width(client, media):
    picture = make_picture()
    ArticleFactory(live=True, lead_picture=picture)
    addresses = re.findall(r"(/pictures/\S+) (\d+)w", rendition_set(picture)["webp"])

    for address, width in addresses:
        response = client.get(address)
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public, max-age=31536000")
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
            assert (image.format, image.width) == ("WEBP", int(width))
    jpeg = client.get(rendition_set(picture)["share"])
    assert jpeg["Content-Type"] == "image/jpeg"


@pytest.mark.django_db
def test_a_picture_only_a_draft_shows_is_not_served_to_readers(client, media):
    picture = make_picture()
    ArticleFactory(lead_picture=picture)

    assert client.get(rendition_set(picture)["src"]).status_code == 404


@pytest.mark.django_db
def test_moving_the_focal_point_gives_new_addresses_and_retires_the_old(client, media):
    picture = make_picture()
    ArticleFactory(live=True, lead_picture=picture)
    before = rendition_set(picture)["src"]

    picture.focal_x = 0.2
    picture.save()

    assert rendition_set(picture)["src"] != before
    assert client.get(before).status_code == 404


@pytest.mark.django_db
def test_story_page_shows_the_picture_with_its_rights_and_shares_it(client, media):
    picture = make_picture()
    article = ArticleFactory(live=True, lead_picture=picture)

    page = client.get(article.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', page).group(1))

    assert 'alt="Two masts against a grey sky"' in page and "srcset=" in page
    assert "Lin Hao/Newsroom" in page and "Staff work" in page
    assert 'property="og:image" content="http://testserver/pictures/' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    image = data["image"][0]
    assert image["creditText"] == "Lin Hao/Newsroom"
    assert image["copyrightHolder"]["name"] == "Newsroom"
    assert image["url"].startswith("http://testserver/pictures/")
    assert data["publisher"]["logo"]["url"].endswith("articles/logo.svg")


@pytest.mark.django_db
def test_inline_pictures_sit_after_their_paragraph_and_past_the_end_at_the_end(client, media):
    from articles.models import InlinePicture

    article = ArticleFactory(live=True, body="First.\n\nSecond.\n\nThird.")
    middle, late = make_picture(), make_picture()
    InlinePicture.objects.create(article=article, picture=middle, after_paragraph=1)
    InlinePicture.objects.create(article=article, picture=late, after_paragraph=9)

    page = client.get(article.get_absolute_url()).content.decode()
    body = page[page.index('class="story-body"') :]
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', page).group(1))

    assert body.index("First.") < body.index('class="inline-picture"') < body.index("Second.")
    assert body.rindex('class="inline-picture"') > body.index("Third.")
    assert len(data["image"]) == 2
    assert client.get(rendition_set(late)["src"]).status_code == 200

"""Pictures in the admin: an editor uploads one with its rights; a bad file is refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles import caching
from articles.models import Picture
from tests.factories import ArticleFactory
from tests.groups import user_in

pytestmark = pytest.mark.django_db


def upload(size=(1600, 900), kind="JPEG") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 60, 90)).save(out, kind)
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


def form(**overrides):
    return {
        "alt_text": "A harbour crane at dusk",
        "caption": "Cranes at the Rotterdam terminal.",
        "credit": "Lin Hao/Newsroom",
        "rights_holder": "Newsroom",
        "licence": "Staff work",
        "focal_x": "0.5",
        "focal_y": "0.4",
        **overrides,
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("group", ["Editor", "Reporter"])
def test_editors_and_reporters_upload_a_picture_with_its_rights(client, media, group):
    client.force_login(user_in(group))

    response = client.post(reverse("admin:articles_picture_add"), form(image=upload()))

    assert response.status_code == 302, response.content.decode()[:2000]
    picture = Picture.objects.get()
    assert (picture.width, picture.height, picture.credit) == (1600, 900, "Lin Hao/Newsroom")


@pytest.mark.parametrize(
    ("image", "fields", "reason"),
    [
        (lambda: upload((640, 360)), {}, "at least 1200"),
        (lambda: upload(), {"alt_text": ""}, "This field is required"),
        (lambda: upload(), {"focal_x": "1.5"}, "less than or equal to 1"),
    ],
)
def test_an_unusable_picture_is_refused_with_the_reason_and_nothing_saved(
    client, media, image, fields, reason
):
    client.force_login(user_in("Editor"))

    response = client.post(reverse("admin:articles_picture_add"), form(image=image(), **fields))

    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not Picture.objects.exists()


def test_editing_a_stored_pictures_caption_in_the_admin_needs_no_new_upload(client, media):
    client.force_login(user_in("Editor", is_staff=True))
    client.post(reverse("admin:articles_picture_add"), {**form(), "image": upload()})
    picture = Picture.objects.get()

    response = client.post(
        reverse("admin:articles_picture_change", args=[picture.pk]),
        form(caption="A new caption"),
    )

    assert response.status_code == 302
    picture.refresh_from_db()
    assert picture.caption == "A new caption"


def test_a_reporter_cannot_change_a_picture_a_published_story_shows_but_an_editor_can(
    client, media
):
    client.force_login(user_in("Editor", is_staff=True))
    client.post(reverse("admin:articles_picture_add"), {**form(), "image": upload()})
    picture = Picture.objects.get()
    ArticleFactory(live=True, lead_picture=picture)
    client.force_login(user_in("Reporter", is_staff=True))

    refused = client.post(
        reverse("admin:articles_picture_change", args=[picture.pk]), form(caption="Rewritten")
    )

    assert refused.status_code == 403
    picture.refresh_from_db()
    assert picture.caption == "Cranes at the Rotterdam terminal."


def test_changing_a_picture_forgets_the_cached_pages_that_show_it(
    media, django_capture_on_commit_callbacks
):
    before = caching.site_state()[0]

    with django_capture_on_commit_callbacks(execute=True):
        Picture.objects.create(
            image=upload(), alt_text="Cranes", credit="Lin Hao/Newsroom", rights_holder="Newsroom"
        )

    assert caching.site_state()[0] != before

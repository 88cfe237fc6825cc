"""Safe defaults: login throttling, a Content-Security-Policy everywhere."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, UserFactory
from tests.groups import user_in

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.9",
    )


def test_the_right_password_is_refused_after_repeated_wrong_ones(client):
    user = UserFactory(username="night-editor", is_staff=True)
    user.set_password("the-right-one-7f3")
    user.save()

    for _ in range(40):
        login(client, "night-editor", "a-wrong-guess")
    answer = login(client, "night-editor", "the-right-one-7f3")

    assert answer.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


def test_a_few_typos_do_not_lock_an_editor_out(client):
    user = UserFactory(username="day-editor", is_staff=True)
    user.set_password("the-right-one-7f3")
    user.save()

    for _ in range(3):
        login(client, "day-editor", "a-typo")
    answer = login(client, "day-editor", "the-right-one-7f3")

    assert answer.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict([*part.strip().split(" ", 1), ""][:2] for part in header.split(";") if part.strip())


def test_public_pages_and_the_admin_carry_a_content_security_policy(client):
    story = ArticleFactory(live=True)
    editor = user_in("Editor", is_staff=True)

    pages = [client.get("/"), client.get(story.get_absolute_url()), client.get("/admin/login/")]
    client.force_login(editor)
    pages.append(client.get(reverse("admin:articles_article_structure", args=[story.pk])))

    for response in pages:
        assert response.status_code == 200
        directives = policy(response)
        assert directives["script-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"

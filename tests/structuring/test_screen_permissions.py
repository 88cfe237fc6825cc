"""Every Structure endpoint checks the permission it needs, search included."""

import pytest
from django.contrib.auth.models import Permission

from deals.models import Agreement
from registry.models import Company
from tests.factories import UserFactory
from tests.groups import user_in
from tests.structuring.test_screen_inputs import snapshot
from tests.structuring.test_structuring import post, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(editor_client, story):
    post(editor_client, url(story, "structuring_accept_all"))
    story.annotations.filter(kind="company").update(review_state="suggested")
    return Agreement.objects.get()


def requests(story, deal):
    """(method, address, payload) for every endpoint, with input each would act on."""
    mention = story.annotations.filter(kind="company").first()
    company = Company.objects.first()
    yield "get", url(story, "articles_article_structure"), None
    yield "get", url(story, "structuring_state"), None
    for decision in ("accept", "reject", "keep", "drop", "accept-company"):
        yield "post", url(story, "structuring_decide", mention.pk, decision), {}
    yield "post", url(story, "structuring_accept_all"), {}
    tag = {"start": 0, "end": 13, "kind": "company", "company_id": company.pk}
    yield "post", url(story, "structuring_tag"), tag
    yield "post", url(story, "structuring_agreement", deal.pk), {"status": "completed"}
    for what in ("companies", "people", "agreements"):
        yield "get", url(story, "structuring_search", what) + "?q=a", None


def answer(client, method, address, payload):
    if method == "get":
        return client.get(address)
    return post(client, address, payload)


def test_staff_user_without_permissions_is_refused_everywhere_and_nothing_changes(
    client, story, deal
):
    client.force_login(UserFactory(is_staff=True))
    before = snapshot()

    for method, address, payload in requests(story, deal):
        response = answer(client, method, address, payload)

        assert response.status_code == 403, address
    assert snapshot() == before


def test_editor_is_answered_by_every_endpoint(editor_client, story, deal):
    for method, address, payload in requests(story, deal):
        response = answer(editor_client, method, address, payload)

        assert response.status_code in (200, 409), (address, response.content)


@pytest.mark.parametrize(
    ("what", "permission"),
    [
        ("companies", "view_company"),
        ("people", "view_person"),
        ("agreements", "view_agreement"),
    ],
)
def test_search_needs_the_view_permission_of_what_it_searches(client, story, what, permission):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_annotation"))
    client.force_login(user)
    address = url(story, "structuring_search", what)
    assert client.get(address, {"q": "a"}).status_code == 403

    user.user_permissions.add(Permission.objects.get(codename=permission))
    client.force_login(UserFactory._meta.model.objects.get(pk=user.pk))

    assert client.get(address, {"q": "a"}).status_code == 200


def test_reporter_may_look_but_not_tag(client, story):
    client.force_login(user_in("Reporter"))
    before = snapshot()

    assert client.get(url(story, "structuring_state")).status_code == 200
    assert client.get(url(story, "structuring_search", "companies")).status_code == 200
    tag = {"start": 0, "end": 13, "kind": "company", "new_company": "China Telecom Corp"}
    assert post(client, url(story, "structuring_tag"), tag).status_code == 403
    assert snapshot() == before

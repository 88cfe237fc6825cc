"""Two app processes sharing PostgreSQL and Redis behave as one."""

import json
import time

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from structuring.models import Annotation
from tests.api.conftest import issue_key
from tests.factories import AnnotationFactory, ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_invalidation_made_in_one_process_is_seen_by_the_other_within_a_second(app_servers):
    first, second = app_servers(2)
    story = ArticleFactory(live=True, signed=True)
    suggestion = AnnotationFactory(
        article=story,
        words="China Telecom",
        company__name="China Telecom",
        review_state=Annotation.ReviewState.SUGGESTED,
        source=Annotation.Source.GAZETTEER,
    )
    company_link = suggestion.company.get_absolute_url()
    assert company_link not in second.get(story.get_absolute_url())[1]  # cached there now
    editor = Client()
    editor.force_login(UserFactory(is_superuser=True))
    token = _get_new_csrf_string()
    headers = {
        "Cookie": f"sessionid={editor.cookies['sessionid'].value}; csrftoken={token}",
        "X-CSRFToken": token,
        "Content-Type": "application/json",
    }

    status, body = first.request(
        f"/admin/articles/article/{story.pk}/structure/annotations/{suggestion.pk}/accept/",
        data=json.dumps({}).encode(),
        headers=headers,
    )
    accepted = time.monotonic()
    assert status == 200, body[:500]

    while company_link not in second.get(story.get_absolute_url())[1]:
        assert time.monotonic() - accepted < 1.0, "the other process still serves the old page"
        time.sleep(0.02)


def test_two_processes_count_a_keys_rate_limit_once(app_servers):
    servers = app_servers(2, NEWSROOM_API_LIMIT_BASIC="6")
    key = {"Authorization": f"Api-Key {issue_key(tier='basic')[1]}"}

    answers = [servers[n % 2].get("/api/v1/sections/", key)[0] for n in range(12)]

    assert answers.count(200) == 6
    assert answers.count(429) == 6

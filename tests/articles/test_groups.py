import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def user_in(group_name: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_three_groups_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Reporter",
        "Editor",
        "Partner manager",
    }


def test_reporter_writes_stories_but_cannot_publish_or_withdraw():
    reporter = user_in("Reporter")

    assert reporter.has_perm("articles.add_article")
    assert reporter.has_perm("articles.change_article")
    assert not reporter.has_perm("articles.publish_article")
    assert not reporter.has_perm("articles.withdraw_article")
    assert not reporter.has_perm("deals.change_agreement")


def test_editor_publishes_and_manages_the_registry_and_rankings():
    editor = user_in("Editor")

    for perm in (
        "articles.publish_article",
        "articles.withdraw_article",
        "articles.change_ranking",
        "registry.add_company",
        "deals.change_agreement",
        "structuring.change_annotation",
    ):
        assert editor.has_perm(perm), perm


def test_partner_manager_cannot_edit_stories():
    manager = user_in("Partner manager")

    assert not manager.has_perm("articles.change_article")
    assert not manager.has_perm("articles.add_article")

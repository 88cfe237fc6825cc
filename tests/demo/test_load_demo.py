import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from articles.models import Article, Ranking, RankingEntry
from deals.models import Agreement, Party
from registry.models import Company
from structuring.models import Annotation

pytestmark = pytest.mark.django_db

MODELS = (Article, Ranking, RankingEntry, Agreement, Annotation, Company, Party)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (*MODELS, get_user_model())}


def test_load_demo_builds_a_structured_live_newsroom(capsys):
    call_command("load_demo")

    assert Article.objects.live().count() == 5
    assert Annotation.objects.confirmed().filter(kind="company").count() > 20
    assert Agreement.objects.count() == 6
    assert all(a.parties.count() >= 2 for a in Agreement.objects.all())
    editor = get_user_model().objects.get(username="editor")
    assert editor.groups.filter(name="Editor").exists()
    assert "editor / newsroom-demo" in capsys.readouterr().out


def test_load_demo_twice_duplicates_nothing():
    call_command("load_demo")
    before = counts()

    call_command("load_demo")

    assert counts() == before


def test_demo_annotations_quote_their_story_exactly():
    call_command("load_demo")

    for annotation in Annotation.objects.select_related("article"):
        assert annotation.article.body[annotation.start : annotation.end] == annotation.exact


@override_settings(NEWSROOM_DEMO_PASSWORD="")
def test_without_a_chosen_password_outside_local_mode_nothing_is_created():
    with pytest.raises(CommandError, match="--password or NEWSROOM_DEMO_PASSWORD"):
        call_command("load_demo", stdout=io.StringIO())

    assert not get_user_model().objects.filter(username="editor").exists()


@override_settings(NEWSROOM_DEMO_PASSWORD="")
def test_an_explicit_password_is_used_for_the_demo_logins():
    out = io.StringIO()
    call_command("load_demo", "--password", "a-chosen-one", stdout=out)

    assert get_user_model().objects.get(username="editor").check_password("a-chosen-one")
    assert "editor / a-chosen-one" in out.getvalue()

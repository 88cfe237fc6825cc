"""Who may do what in the admin: every model's screens and the story's own screens (workflow,
revisions, restore, the Structure screen and its endpoints), walked as nobody and as each group,
with every method. Nobody gets a 500; nobody writes what their permissions do not allow."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.urls import reverse

from articles.models import Article
from deals.models import Agreement, Party
from registry.models import Company, Person
from structuring.models import Annotation
from tests.groups import user_in

pytestmark = pytest.mark.django_db

ROLES = [None, "Reporter", "Editor", "Partner manager"]
METHODS = ["get", "post", "put", "delete"]


def form_data(obj) -> dict:
    """The object's own values as a form would post them (files left out)."""
    data = {}
    for key, value in model_to_dict(obj).items():
        if isinstance(value, FieldFile):
            continue
        if isinstance(value, list):
            value = [getattr(v, "pk", v) for v in value]
        data[key] = "" if value is None else value
    return data


def snapshot(*models) -> dict:
    """A fingerprint of every row of these models (by default, all the admin can write)."""
    return {
        model._meta.label: sorted(
            (obj.pk, repr(sorted(model_to_dict(obj).items(), key=str)))
            for obj in model.objects.all()
        )
        for model in models or admin.site._registry
    }


# What the story's own screens could write.
STORY_MODELS = (Article, Annotation, Agreement, Party, Company, Person)


def model_screens() -> list[tuple[str, type, str]]:
    """(label, model, kind) for each registered model's list, add, change, delete and history."""
    return [
        (f"{model._meta.label} {kind}", model, kind)
        for model in sorted(admin.site._registry, key=lambda m: m._meta.label)
        for kind in ("changelist", "add", "change", "delete", "history")
    ]


def address(model, kind: str) -> str | None:
    opts = model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{kind}"
    if kind in ("changelist", "add"):
        return reverse(name)
    first = model.objects.order_by("pk").first()
    return reverse(name, args=[first.pk]) if first is not None else None


def permitted(user, model, kind: str, method: str) -> bool:
    if user is None:
        return False
    opts = model._meta
    action = {"add": "add", "delete": "delete"}.get(kind, "change")
    if method == "get":
        return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
            f"{opts.app_label}.{action}_{opts.model_name}"
        )
    return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


@pytest.fixture
def newsroom(db):
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "nobody")
def test_every_model_screen_answers_each_role_as_its_permissions_say(client, newsroom, role):
    user = user_in(role, is_staff=True) if role else None
    if user:
        client.force_login(user)
    for label, model, kind in model_screens():
        url = address(model, kind)
        if url is None:
            continue
        for method in METHODS:
            obj = model.objects.order_by("pk").first()
            data = form_data(obj) if obj is not None and method == "post" else {}
            before = snapshot(model) if method != "get" else None
            response = getattr(client, method)(url, data)
            where = f"{label} {method.upper()} as {role or 'nobody'}"
            assert response.status_code < 500, where
            if user is None:
                assert response.status_code == 302 and "/login/" in response["Location"], where
                continue
            if method == "get" and not permitted(user, model, kind, "get"):
                assert response.status_code == 403, where
            # Other methods may answer with a read-only page (a list shows itself); whatever the
            # answer, nothing is written without the permission.
            if method != "get" and not permitted(user, model, kind, "post"):
                assert snapshot(model) == before, f"{where} changed data"


STORY_SCREENS = [
    ("articles_article_revisions", "get"),
    ("articles_article_changes", "get"),
    ("articles_article_workflow", "post"),
    ("articles_article_restore", "post"),
    ("articles_article_structure", "get"),
    ("structuring_state", "get"),
    ("structuring_accept_all", "post"),
    ("structuring_tag", "post"),
    ("structuring_decide", "post"),
    ("structuring_agreement", "post"),
    ("structuring_search", "get"),
]


def story_address(name: str, article: Article) -> str:
    annotation = Annotation.objects.filter(article=article).order_by("pk").first()
    args = {
        "articles_article_workflow": [article.pk, "withdraw"],
        "articles_article_restore": [
            article.pk,
            article.history.order_by("history_date").first().history_id,
        ],
        "structuring_decide": [article.pk, annotation.pk, "reject"],
        "structuring_agreement": [article.pk, annotation.agreement_id or 1],
        "structuring_search": [article.pk, "companies"],
    }.get(name, [article.pk])
    return reverse(f"admin:{name}", args=args)


@pytest.mark.parametrize("role", ["Reporter", "Partner manager", None], ids=lambda r: r or "nobody")
def test_the_story_screens_let_no_one_without_the_permission_write(client, newsroom, role):
    article = Article.objects.live().order_by("pk").first()
    if role:
        client.force_login(user_in(role, is_staff=True))
    payloads = {
        "structuring_tag": {"start": 0, "end": 5, "kind": "company", "name": "Anything"},
        "structuring_accept_all": {},
        "structuring_agreement": {"status": "terminated"},
    }
    for name, _ in STORY_SCREENS:
        url = story_address(name, article)
        for method in METHODS:
            before = snapshot(*STORY_MODELS)
            if name.startswith("structuring_") and method != "get":
                response = getattr(client, method)(
                    url, payloads.get(name, {}), content_type="application/json"
                )
            else:
                response = getattr(client, method)(url)
            where = f"{name} {method.upper()} as {role or 'nobody'}"
            assert response.status_code < 500, where
            if role is None:
                assert response.status_code == 302 and "/login/" in response["Location"], where
            assert snapshot(*STORY_MODELS) == before, f"{where} changed data"

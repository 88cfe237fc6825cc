"""Earlier versions can be read in the admin, never posted back: not by a reporter who may only
view, not by a partner manager, not even by an editor (stories are restored through Revisions)."""

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from django.urls import reverse

from newsroom.history_admin import HistoryAdmin
from tests.factories import (
    AgreementFactory,
    AnnotationFactory,
    ArticleFactory,
    ClaimFactory,
    CompanyFactory,
    PersonFactory,
)
from tests.groups import user_in

pytestmark = pytest.mark.django_db

HISTORY_MODELS = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, HistoryAdmin)
    ),
    key=lambda model: model._meta.label,
)


def test_every_model_with_history_in_the_admin_shows_it_read_only():
    labels = {model._meta.label for model in HISTORY_MODELS}

    assert {
        "articles.Article",
        "registry.Company",
        "registry.Person",
        "deals.Agreement",
        "structuring.Annotation",
    } <= labels


# One of each, and the field a forged post would change.
MAKE = {
    "articles.Article": (lambda: ArticleFactory(live=True), "headline"),
    "registry.Company": (CompanyFactory, "name"),
    "registry.Person": (PersonFactory, "name"),
    "deals.Agreement": (AgreementFactory, "title"),
    "deals.Claim": (ClaimFactory, "text"),
    "structuring.Annotation": (AnnotationFactory, "note"),
}


def form_data(values: dict) -> dict:
    return {
        key: ""
        if value is None
        else [getattr(v, "pk", v) for v in value]
        if isinstance(value, list)
        else value
        for key, value in values.items()
    }


@pytest.mark.parametrize("group", ["Reporter", "Editor", "Partner manager", None])
@pytest.mark.parametrize("model", HISTORY_MODELS, ids=lambda m: m._meta.label)
def test_posting_an_old_version_back_changes_nothing(client, group, model):
    make, field = MAKE[model._meta.label]
    obj = make()
    record = obj.history.order_by("history_date").first()
    if group:
        client.force_login(user_in(group, is_staff=True))
    before = model_to_dict(model.objects.get(pk=obj.pk))
    opts = model._meta
    address = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[obj.pk, record.history_id],
    )

    response = client.post(address, {**form_data(before), field: "Changed through history"})

    assert response.status_code in (302, 403)
    if group is None:
        assert "/login/" in response["Location"]
    else:
        assert response.status_code == 403
    assert model_to_dict(model.objects.get(pk=obj.pk)) == before

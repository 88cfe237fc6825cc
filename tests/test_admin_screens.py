"""Every admin screen an editor can reach opens: lists, searches, add and change forms."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from tests.groups import ensure_groups

pytestmark = pytest.mark.django_db


def test_every_admin_list_search_add_and_change_page_opens(admin_client):
    ensure_groups()
    call_command("load_demo")

    for model in sorted(admin.site._registry, key=lambda m: m._meta.label):
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        for address, params in (
            (reverse(f"{name}_changelist"), {}),
            (reverse(f"{name}_changelist"), {"q": "China"}),
            (reverse(f"{name}_add"), {}),
        ):
            assert admin_client.get(address, params).status_code == 200, (opts.label, address)
        first = model.objects.order_by("pk").first()
        if first is not None:
            change = reverse(f"{name}_change", args=[first.pk])
            assert admin_client.get(change).status_code == 200, (opts.label, change)

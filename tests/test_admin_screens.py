"""Every admin screen an editor can reach opens: lists, searches, add and change forms."""

from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from tests.groups import ensure_groups

pytestmark = pytest.mark.django_db


def test_every_admin_list_search_add_and_change_page_opens(admin_client, admin_user, rf):
    ensure_groups()
    call_command("load_demo")
    call_command(
        "create_partner_key", "Acme Data", tier="basic", stdout=StringIO(), stderr=StringIO()
    )
    request = rf.get("/admin/")
    request.user = admin_user

    for model, model_admin in sorted(admin.site._registry.items(), key=lambda m: m[0]._meta.label):
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        pages = [
            (reverse(f"{name}_changelist"), {}),
            (reverse(f"{name}_changelist"), {"q": "China"}),
        ]
        if model_admin.has_add_permission(request):
            pages.append((reverse(f"{name}_add"), {}))
        for address, params in pages:
            assert admin_client.get(address, params).status_code == 200, (opts.label, address)
        first = model.objects.order_by("pk").first()
        if first is not None:
            change = reverse(f"{name}_change", args=[first.pk])
            assert admin_client.get(change).status_code == 200, (opts.label, change)

"""The Structure screen: a page of the story admin and its JSON endpoints, added through the
``ADMIN_URLS`` hook.

Everything runs under the admin's session auth and CSRF protection. Each endpoint checks the
permission it needs before reading its input (the services check theirs again), validates the
input with a serializer from ``inputs``, and answers with the state described in ``state``.
"""

import functools
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from rest_framework import serializers

from articles.models import Article
from deals.models import Agreement, AgreementEvent, Claim, Party
from registry.models import Company, Person

from . import claim_screen, inputs, services
from .models import Annotation
from .state import structure_state

CHOICES = {
    "agreement_kinds": Agreement.Kind.choices,
    "agreement_statuses": Agreement.Status.choices,
    "roles": Party.Role.choices,
    "event_kinds": AgreementEvent.Kind.choices,
    "claim_terms": Claim.Term.choices,
    "approvals": Claim.Approval.choices,
    "precisions": AgreementEvent.Precision.choices,
}

VIEW = "structuring.view_annotation"
DECIDE = "structuring.change_annotation"
# Reads answer GET, and POST as they always have; every change is a POST.
READ = ("GET", "POST")
SEARCHED = {
    "companies": "registry.view_company",
    "people": "registry.view_person",
    "agreements": "deals.view_agreement",
}


class BadRequest(Exception):
    """Input the endpoint cannot act on; answered 400 with the message."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _payload(request: HttpRequest) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):  # not JSON, not UTF-8, a number too long, too deep
        raise BadRequest("The request body must be JSON.") from None
    if not isinstance(data, dict):
        raise BadRequest("The request body must be a JSON object.")
    return data


def _valid(serializer_class: type[serializers.Serializer], data: dict) -> dict:
    """The serializer's validated data; its first error as a BadRequest naming the field."""
    serializer = serializer_class(data=data)
    if not serializer.is_valid():
        field = next(iter(serializer.errors), None)
        raise BadRequest(inputs.first_error(serializer.errors), field)
    return serializer.validated_data


def _found(model, *, pk: int, **fields):
    """The row with this id from the URL, or a 404; an id too large for the database names none."""
    if pk > inputs.LARGEST:
        raise Http404
    return get_object_or_404(model, pk=pk, **fields)


def _require(request: HttpRequest, *permissions: str) -> None:
    if not all(request.user.has_perm(p) for p in permissions):
        raise PermissionDenied("You do not have permission to do this.")


def structure_urls(model_admin) -> list:
    """The screen's URLs under the story admin, behind the admin's login and CSRF checks."""
    view = model_admin.admin_site.admin_view
    page = functools.partial(StructureScreen.structure_view, model_admin)
    functools.update_wrapper(page, StructureScreen.structure_view)
    s = StructureScreen
    return [
        path("<int:pk>/structure/", view(page), name="articles_article_structure"),
        path(
            "<int:pk>/structure/state/",
            view(s.api(s.state_action, VIEW, methods=READ)),
            name="structuring_state",
        ),
        path(
            "<int:pk>/structure/annotations/<int:aid>/<slug:decision>/",
            view(s.api(s.decide_action, DECIDE)),
            name="structuring_decide",
        ),
        path(
            "<int:pk>/structure/accept-all/",
            view(s.api(s.accept_all_action, DECIDE)),
            name="structuring_accept_all",
        ),
        path(
            "<int:pk>/structure/tag/",
            view(s.api(s.tag_action, "structuring.add_annotation")),
            name="structuring_tag",
        ),
        path(
            "<int:pk>/structure/agreements/<int:gid>/",
            view(s.api(s.agreement_action, VIEW, "deals.change_agreement")),
            name="structuring_agreement",
        ),
        path(
            "<int:pk>/structure/agreements/<int:gid>/claims/",
            view(s.api(claim_screen.claim_action, VIEW, "deals.change_agreement")),
            name="structuring_claim",
        ),
        path(
            "<int:pk>/structure/claims/<int:cid>/<slug:decision>/",
            view(s.api(claim_screen.claim_decide_action, VIEW, "deals.change_agreement")),
            name="structuring_claim_decide",
        ),
        path(
            "<int:pk>/structure/search/<slug:what>/",
            view(s.api(s.search_action, VIEW, methods=READ)),
            name="structuring_search",
        ),
    ]


def structure_link(request, article) -> list[tuple[str, str]]:
    """The "Structure" button on a story's change form, for those who may see annotations."""
    if not request.user.has_perm(VIEW):
        return []
    return [("Structure", reverse("admin:articles_article_structure", args=[article.pk]))]


class StructureScreen:
    """The page and its JSON actions, each under the permission it needs."""

    @staticmethod
    def structure_view(model_admin, request: HttpRequest, pk: int):
        article = _found(Article, pk=pk)
        _require(request, VIEW)
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "original": article,
            "title": f"Structure “{article.headline}”",
            "state": structure_state(article),
            "choices": CHOICES,
            "urls": {
                "base": reverse("admin:articles_article_structure", args=[pk]),
                "change": reverse("admin:articles_article_change", args=[pk]),
                "publish": reverse("admin:articles_article_workflow", args=[pk, "publish"]),
            },
            "can_publish": request.user.has_perm("articles.publish_article"),
        }
        return TemplateResponse(request, "admin/structuring/structure.html", context)

    @staticmethod
    def api(action, *permissions: str, methods: tuple[str, ...] = ("POST",)):
        """Wrap an action: the permission checked first, JSON in and out, errors as JSON with a
        fitting status, never a 500."""

        def endpoint(request: HttpRequest, pk: int, **kwargs):
            article = _found(Article, pk=pk)
            if request.method not in methods:
                allowed = " or ".join(methods)
                return JsonResponse({"error": {"message": f"Use {allowed}."}}, status=405)
            try:
                _require(request, *permissions)
                result = action(request, article, **kwargs)
            except BadRequest as bad:
                error = {"message": str(bad)}
                if bad.field:
                    error["field"] = bad.field
                return JsonResponse({"error": error}, status=400)
            except ValidationError as invalid:
                error = {"message": " ".join(invalid.messages)}
                if hasattr(invalid, "message_dict"):
                    # A model's refusal names its fields, as the screen's inputs do.
                    error["field"] = next(iter(invalid.message_dict))
                    error["fields"] = invalid.message_dict
                return JsonResponse({"error": error}, status=400)
            except PermissionDenied as denied:
                return JsonResponse(
                    {"error": {"message": str(denied) or "Permission denied."}}, status=403
                )
            except services.AlreadyDecided as late:
                return JsonResponse(
                    {"error": {"message": str(late)}, "state": structure_state(article)}, status=409
                )
            if isinstance(result, JsonResponse):
                return result
            return JsonResponse(
                {"ok": True, "message": result or "", "state": structure_state(article)}
            )

        endpoint.__name__ = action.__name__
        return endpoint

    @staticmethod
    def state_action(request, article):
        return JsonResponse({"ok": True, "state": structure_state(article)})

    @staticmethod
    def decide_action(request, article, aid: int, decision: str):
        decision = _valid(inputs.DecisionInput, {"decision": decision})["decision"]
        annotation = _found(Annotation, pk=aid, article=article)
        if decision == "accept":
            services.annotation_confirm(annotation, by=request.user)
            return f"Accepted “{annotation.exact}”."
        if decision == "reject":
            services.annotation_reject(annotation, by=request.user)
            return f"Rejected “{annotation.exact}”; it will not be suggested again."
        if decision in ("keep", "drop"):
            services.annotation_resolve(annotation, by=request.user, keep=decision == "keep")
            return "Resolved."
        if not annotation.company_id:
            raise BadRequest("That suggestion names no registry company.")
        count = services.annotations_confirm_all(
            article, by=request.user, company=annotation.company
        )
        return f"Accepted {count} mention(s) of {annotation.company.name}."

    @staticmethod
    def accept_all_action(request, article):
        ids = _valid(inputs.AcceptAllInput, _payload(request)).get("ids")
        count = services.annotations_confirm_all(article, by=request.user, ids=ids)
        return f"Accepted {count} suggestion(s)."

    @staticmethod
    def tag_action(request, article):
        data = _valid(inputs.TagInput, _payload(request))
        annotation = services.annotation_tag(article, by=request.user, **data)
        return f"Tagged “{annotation.exact}”."

    @staticmethod
    def agreement_action(request, article, gid: int):
        agreement = _found(Agreement, pk=gid)
        if not article.annotations.filter(agreement=agreement).exists():
            raise BadRequest("That agreement is not in this story.")
        changes = _valid(inputs.AgreementInput, _payload(request))
        services.agreement_update(agreement, by=request.user, article=article, **changes)
        return f"Saved “{agreement.title}”."

    @staticmethod
    def search_action(request, article, what: str):
        query = _valid(inputs.SearchInput, {"what": what, "q": request.GET.get("q", "")})
        _require(request, SEARCHED[query["what"]])
        q = query["q"].strip()
        if query["what"] == "companies":
            found = Company.objects.filter(
                Q(name__icontains=q) | Q(aliases__name__icontains=q) | Q(legal_name__icontains=q)
            ).distinct()[:10]
            items = [{"id": c.pk, "name": c.name, "slug": c.slug} for c in found]
        elif query["what"] == "people":
            items = [
                {"id": p.pk, "name": p.name, "title": p.title}
                for p in Person.objects.filter(name__icontains=q)[:10]
            ]
        else:
            items = [
                {"id": g.pk, "name": g.title, "kind": g.kind}
                for g in Agreement.objects.filter(title__icontains=q)[:10]
            ]
        return JsonResponse({"ok": True, "results": items})

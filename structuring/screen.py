"""The Structure screen: a page of the story admin and its JSON endpoints, added through the
``ADMIN_URLS`` hook.

Everything runs under the admin's session auth and CSRF protection, and each action checks the
user's permission in the service it calls.
"""

import functools
import json
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from rest_framework.exceptions import ValidationError as InputError

from articles.models import Article
from articles.publishing import publish_problems
from deals.models import Agreement, AgreementEvent, Claim, Party
from registry.models import Company, Person

from . import claim_screen, services
from .models import Annotation


def _target(a: Annotation) -> dict | None:
    if a.company_id:
        return {
            "type": "company",
            "id": a.company_id,
            "name": a.company.name,
            "slug": a.company.slug,
        }
    if a.agreement_id:
        return {
            "type": "agreement",
            "id": a.agreement_id,
            "name": a.agreement.title,
            "slug": a.agreement.slug,
        }
    if a.person_id:
        return {"type": "person", "id": a.person_id, "name": a.person.name, "slug": a.person.slug}
    return None


def structure_state(article: Article) -> dict:
    """Everything the structuring screen shows, as JSON-ready data."""
    article.refresh_from_db()
    annotations = list(
        article.annotations.select_related(
            "company", "agreement", "person", "reviewed_by", "created_by"
        )
    )
    agreement_ids = {a.agreement_id for a in annotations if a.agreement_id}
    companies = {
        a.company_id: a.company
        for a in annotations
        if a.company_id and a.review_state == "confirmed"
    }
    return {
        "article": {
            "id": article.pk,
            "headline": article.headline,
            "version": article.version,
            "status": article.status,
            "body": article.body,
            "public_url": article.get_absolute_url() if article.is_live else None,
        },
        "annotations": [
            {
                "id": a.pk,
                "start": a.start,
                "end": a.end,
                "exact": a.exact,
                "kind": a.kind,
                "review_state": a.review_state,
                "anchor_state": a.anchor_state,
                "source": a.source,
                "confidence": a.confidence,
                "why": a.why,
                "proposal": a.proposal,
                "target": _target(a),
                "made_by": str(a.created_by)
                if a.created_by
                else ("machine" if a.source != "editor" else ""),
                "reviewed_by": str(a.reviewed_by) if a.reviewed_by else None,
                "reviewed_at": a.reviewed_at.isoformat() if a.reviewed_at else None,
            }
            for a in annotations
        ],
        "agreements": claim_screen.agreements_state(article, agreement_ids),
        "companies": [{"id": c.pk, "name": c.name, "slug": c.slug} for c in companies.values()],
        "problems": publish_problems(article) if article.status != "published" else [],
    }


CHOICES = {
    "agreement_kinds": Agreement.Kind.choices,
    "agreement_statuses": Agreement.Status.choices,
    "roles": Party.Role.choices,
    "event_kinds": AgreementEvent.Kind.choices,
    "claim_terms": Claim.Term.choices,
    "approvals": Claim.Approval.choices,
    "precisions": AgreementEvent.Precision.choices,
}


class BadRequest(Exception):
    pass


def _payload(request: HttpRequest) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BadRequest("The request body must be JSON.") from None
    if not isinstance(data, dict):
        raise BadRequest("The request body must be a JSON object.")
    return data


def _int(data: dict, name: str, *, required: bool = True) -> int | None:
    value = data.get(name)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadRequest(f"'{name}' must be a whole number of zero or more.")
    return value


def _date(data: dict, name: str) -> date | None:
    value = data.get(name)
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise BadRequest(f"'{name}' must be a date written YYYY-MM-DD.") from None


def structure_urls(model_admin) -> list:
    """The screen's URLs under the story admin, behind the admin's login and CSRF checks."""
    view = model_admin.admin_site.admin_view
    page = functools.partial(StructureScreen.structure_view, model_admin)
    functools.update_wrapper(page, StructureScreen.structure_view)
    s = StructureScreen
    return [
        path("<int:pk>/structure/", view(page), name="articles_article_structure"),
        path("<int:pk>/structure/state/", view(s.api(s.state_action)), name="structuring_state"),
        path(
            "<int:pk>/structure/annotations/<int:aid>/<slug:decision>/",
            view(s.api(s.decide_action)),
            name="structuring_decide",
        ),
        path(
            "<int:pk>/structure/accept-all/",
            view(s.api(s.accept_all_action)),
            name="structuring_accept_all",
        ),
        path("<int:pk>/structure/tag/", view(s.api(s.tag_action)), name="structuring_tag"),
        path(
            "<int:pk>/structure/agreements/<int:gid>/",
            view(s.api(s.agreement_action)),
            name="structuring_agreement",
        ),
        path(
            "<int:pk>/structure/agreements/<int:gid>/claims/",
            view(s.api(claim_screen.claim_action)),
            name="structuring_claim",
        ),
        path(
            "<int:pk>/structure/claims/<int:cid>/<slug:decision>/",
            view(s.api(claim_screen.claim_decide_action)),
            name="structuring_claim_decide",
        ),
        path(
            "<int:pk>/structure/search/<slug:what>/",
            view(s.api(s.search_action)),
            name="structuring_search",
        ),
    ]


def structure_link(request, article) -> list[tuple[str, str]]:
    """The "Structure" button on a story's change form, for those who may see annotations."""
    if not request.user.has_perm("structuring.view_annotation"):
        return []
    return [("Structure", reverse("admin:articles_article_structure", args=[article.pk]))]


class StructureScreen:
    """The page and its JSON actions; each action checks permissions in the service it calls."""

    @staticmethod
    def structure_view(model_admin, request: HttpRequest, pk: int):
        article = get_object_or_404(Article, pk=pk)
        if not request.user.has_perm("structuring.view_annotation"):
            raise PermissionDenied
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
    def api(action):
        """Wrap an action: JSON in and out, errors as JSON with a fitting status, never a 500."""

        def endpoint(request: HttpRequest, pk: int, **kwargs):
            article = get_object_or_404(Article, pk=pk)
            if request.method not in ("GET", "POST"):
                return JsonResponse({"error": {"message": "Use GET or POST."}}, status=405)
            if request.method == "GET" and action.__name__ not in ("state_action", "search_action"):
                return JsonResponse({"error": {"message": "Use POST."}}, status=405)
            try:
                result = action(request, article, **kwargs)
            except BadRequest as bad:
                return JsonResponse({"error": {"message": str(bad)}}, status=400)
            except ValidationError as invalid:
                fields = getattr(invalid, "message_dict", None) or {}
                return JsonResponse(
                    {"error": {"message": " ".join(invalid.messages), "fields": fields}},
                    status=400,
                )
            except InputError as invalid:
                fields = claim_screen.field_errors(invalid)
                message = " ".join(f"{name}: {' '.join(m)}" for name, m in fields.items())
                return JsonResponse({"error": {"message": message, "fields": fields}}, status=400)
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
        if not request.user.has_perm("structuring.view_annotation"):
            raise PermissionDenied
        return JsonResponse({"ok": True, "state": structure_state(article)})

    @staticmethod
    def decide_action(request, article, aid: int, decision: str):
        annotation = get_object_or_404(Annotation, pk=aid, article=article)
        if decision == "accept":
            services.annotation_confirm(annotation, by=request.user)
            return f"Accepted “{annotation.exact}”."
        if decision == "reject":
            services.annotation_reject(annotation, by=request.user)
            return f"Rejected “{annotation.exact}”; it will not be suggested again."
        if decision in ("keep", "drop"):
            services.annotation_resolve(annotation, by=request.user, keep=decision == "keep")
            return "Resolved."
        if decision == "accept-company":
            if not annotation.company_id:
                raise BadRequest("That suggestion names no registry company.")
            count = services.annotations_confirm_all(
                article, by=request.user, company=annotation.company
            )
            return f"Accepted {count} mention(s) of {annotation.company.name}."
        raise BadRequest(f"Unknown decision “{decision}”.")

    @staticmethod
    def accept_all_action(request, article):
        data = _payload(request)
        ids = data.get("ids")
        if ids is not None and (
            not isinstance(ids, list) or not all(isinstance(i, int) for i in ids)
        ):
            raise BadRequest("'ids' must be a list of annotation ids.")
        count = services.annotations_confirm_all(article, by=request.user, ids=ids)
        return f"Accepted {count} suggestion(s)."

    @staticmethod
    def tag_action(request, article):
        data = _payload(request)
        start, end = _int(data, "start"), _int(data, "end")
        kind = data.get("kind")
        version = _int(data, "version", required=False)
        target = {}
        if kind == "company":
            if data.get("company_id") is not None:
                target["company"] = get_object_or_404(Company, pk=_int(data, "company_id"))
            else:
                name = str(data.get("new_company") or "").strip()
                if not name:
                    raise BadRequest("Choose a company, or give 'new_company' to create one.")
                target["company"] = services.company_find_or_create(name, by=request.user)
        elif kind == "agreement":
            if data.get("agreement_id") is not None:
                target["agreement"] = get_object_or_404(Agreement, pk=_int(data, "agreement_id"))
            else:
                parties = data.get("parties") or []
                if not isinstance(parties, list) or len(parties) < 2:
                    raise BadRequest("A new agreement needs at least two parties.")
                chosen = [
                    (
                        get_object_or_404(Company, pk=_int(p, "company_id")),
                        str(p.get("role") or "partner"),
                    )
                    for p in parties
                    if isinstance(p, dict)
                ]
                kind_of_deal = str(data.get("agreement_kind") or "partnership")
                if kind_of_deal not in Agreement.Kind.values:
                    raise BadRequest(f"Unknown kind of agreement “{kind_of_deal}”.")
                target["agreement"] = services.agreement_create(
                    article, by=request.user, kind=kind_of_deal, parties=chosen
                )
        elif kind in ("person", "quote"):
            if data.get("person_id") is not None:
                target["person"] = get_object_or_404(Person, pk=_int(data, "person_id"))
            elif data.get("new_person"):
                name = str(data["new_person"]).strip()
                target["person"] = services.person_find_or_create(
                    {"name": name, "title": str(data.get("title") or "")}, by=request.user
                )
            elif kind == "person":
                raise BadRequest("Choose a person, or give 'new_person' to create one.")
        else:
            raise BadRequest("'kind' must be company, agreement, person or quote.")
        annotation = services.annotation_create(
            article,
            by=request.user,
            start=start,
            end=end,
            kind=kind,
            expected_version=version,
            **target,
        )
        return f"Tagged “{annotation.exact}”."

    @staticmethod
    def agreement_action(request, article, gid: int):
        agreement = get_object_or_404(Agreement, pk=gid)
        if not article.annotations.filter(agreement=agreement).exists():
            raise BadRequest("That agreement is not in this story.")
        data = _payload(request)
        changes = {}
        for name, values in (("kind", Agreement.Kind.values), ("status", Agreement.Status.values)):
            if data.get(name) is not None:
                if data[name] not in values:
                    raise BadRequest(f"Unknown {name} “{data[name]}”.")
                changes[name] = data[name]
        if data.get("parties") is not None:
            if not isinstance(data["parties"], list):
                raise BadRequest("'parties' must be a list.")
            parties = []
            for party in data["parties"]:
                if not isinstance(party, dict) or party.get("role") not in Party.Role.values:
                    raise BadRequest("Each party needs a company_id and a known role.")
                parties.append(
                    (get_object_or_404(Company, pk=_int(party, "company_id")), party["role"])
                )
            changes["parties"] = parties
        for name in ("sectors", "regions"):
            if data.get(name) is not None:
                if not isinstance(data[name], list) or not all(
                    isinstance(v, str) for v in data[name]
                ):
                    raise BadRequest(f"'{name}' must be a list of names.")
                changes[name] = [v.strip()[:100] for v in data[name] if v.strip()]
        if "announced_on" in data:
            changes["announced_on"] = _date(data, "announced_on")
        if data.get("announced_place") is not None:
            changes["announced_place"] = str(data["announced_place"])[:200]
        if "resulting_company_id" in data:
            rid = data["resulting_company_id"]
            changes["resulting_company"] = (
                get_object_or_404(Company, pk=_int(data, "resulting_company_id"))
                if rid is not None
                else None
            )
        event = data.get("event")
        if event is not None:
            if not isinstance(event, dict) or event.get("kind") not in AgreementEvent.Kind.values:
                raise BadRequest("'event' needs a known kind.")
            changes["event"] = {**event, "occurred_on": _date(event, "occurred_on")}
        services.agreement_update(agreement, by=request.user, article=article, **changes)
        return f"Saved “{agreement.title}”."

    @staticmethod
    def search_action(request, article, what: str):
        q = request.GET.get("q", "").strip()[:100]
        if what == "companies":
            found = Company.objects.filter(
                Q(name__icontains=q) | Q(aliases__name__icontains=q) | Q(legal_name__icontains=q)
            ).distinct()[:10]
            items = [{"id": c.pk, "name": c.name, "slug": c.slug} for c in found]
        elif what == "people":
            items = [
                {"id": p.pk, "name": p.name, "title": p.title}
                for p in Person.objects.filter(name__icontains=q)[:10]
            ]
        elif what == "agreements":
            items = [
                {"id": g.pk, "name": g.title, "kind": g.kind}
                for g in Agreement.objects.filter(title__icontains=q)[:10]
            ]
        else:
            raise BadRequest("Search companies, people or agreements.")
        return JsonResponse({"ok": True, "results": items})

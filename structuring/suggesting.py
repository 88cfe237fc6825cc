"""Store the engine's suggestions as annotations, respecting every editor's decision."""

import json

from django.db import transaction
from django.db.models import Count, Max, Sum

from articles.models import Article
from deals.models import Agreement, Party
from engine import (
    Registry,
    RegistryAgreement,
    RegistryCompany,
    RegistryPerson,
    Suggestion,
    suggest,
)
from engine.gazetteer import Matcher
from registry.models import Company, CompanyAlias, Person

from . import batch
from .models import Annotation

KIND_OF = {
    "company": Annotation.Kind.COMPANY,
    "new_company": Annotation.Kind.COMPANY,
    "agreement": Annotation.Kind.AGREEMENT,
    "person": Annotation.Kind.PERSON,
    "quote": Annotation.Kind.QUOTE,
}
PROPOSAL_KEYS = (
    "name",
    "aliases",
    "agreement_kind",
    "status",
    "parties",
    "sectors",
    "regions",
    "resulting_company",
    "date",
    "title",
    "organisation",
)

_cache: dict[str, object] = {"version": None, "registry": None, "matcher": None}


def registry_version() -> tuple:
    """Cheap fingerprint of what the engine reads: changes with any company, alias, person or deal.

    A row's change time catches edits, the count catches deletions. Parties have no change
    time, so their count, newest id and the sum of their company ids stand in for one (the
    engine reads which companies are party to a deal, not their roles).
    """
    changed = {"n": Count("id"), "at": Max("updated_at")}
    return (
        *Company.objects.aggregate(**changed).values(),
        *CompanyAlias.objects.aggregate(**changed).values(),
        *Person.objects.aggregate(**changed).values(),
        *Agreement.objects.aggregate(**changed).values(),
        *Party.objects.aggregate(n=Count("id"), last=Max("id"), of=Sum("company_id")).values(),
    )


def load_registry() -> tuple[Registry, Matcher]:
    """The registry and its matcher, rebuilt only when the registry has changed."""
    version = registry_version()
    if _cache["version"] != version:
        aliases: dict[int, list[tuple[str, bool]]] = {}
        for company_id, name, sensitive in CompanyAlias.objects.values_list(
            "company_id", "name", "case_sensitive"
        ):
            aliases.setdefault(company_id, []).append((name, sensitive))
        companies = tuple(
            RegistryCompany(slug, name, tuple(aliases.get(pk, ())), legal)
            for pk, slug, name, legal in Company.objects.values_list(
                "pk", "slug", "name", "legal_name"
            )
        )
        parties: dict[int, set[str]] = {}
        for agreement_id, slug in Party.objects.values_list("agreement_id", "company__slug"):
            parties.setdefault(agreement_id, set()).add(slug)
        agreements = tuple(
            RegistryAgreement(slug, kind, frozenset(parties.get(pk, ())))
            for pk, slug, kind in Agreement.objects.values_list("pk", "slug", "kind")
        )
        people = tuple(
            RegistryPerson(slug, name, title, org or "")
            for slug, name, title, org in Person.objects.values_list(
                "slug", "name", "title", "organisation__slug"
            )
        )
        registry = Registry(companies, agreements, people)
        _cache.update(version=version, registry=registry, matcher=Matcher(companies))
    return _cache["registry"], _cache["matcher"]


def suggestions_for_text(body: str) -> list[Suggestion]:
    """Run the engine on text against the current registry; writes nothing."""
    registry, matcher = load_registry()
    return suggest(body, registry, matcher)


def _annotation(article: Article, item: Suggestion, targets: dict) -> Annotation:
    kind = KIND_OF[item.kind]
    annotation = Annotation(
        article=article,
        start=item.start,
        end=item.end,
        kind=kind,
        review_state=Annotation.ReviewState.SUGGESTED,
        source=Annotation.Source.GAZETTEER if item.kind == "company" else Annotation.Source.RULE,
        confidence=item.confidence,
        why=item.why,
        proposal={k: getattr(item, k) for k in PROPOSAL_KEYS if getattr(item, k) is not None}
        | ({"new_company": True} if item.kind == "new_company" else {})
        | item.extra,
    )
    if item.kind == "company":
        annotation.company = targets["company"].get(item.company)
    elif item.kind == "agreement":
        annotation.agreement = targets["agreement"].get(item.agreement)
    elif item.kind in {"person", "quote"}:
        annotation.person = targets["person"].get(item.person)
    annotation.fill_quote()
    return annotation


def _key(annotation: Annotation) -> tuple:
    return (
        annotation.start,
        annotation.end,
        annotation.kind,
        annotation.company_id,
        annotation.agreement_id,
        annotation.person_id,
        json.dumps(annotation.proposal, sort_keys=True),
    )


def refresh_suggestions(article: Article) -> dict[str, int]:
    """Replace the article's pending machine suggestions with the engine's current ones.

    Confirmed and rejected annotations are never touched; no suggestion is made over a span an
    editor has decided on, and a rejected suggestion (the same words for the same target) never
    comes back. Pending suggestions that are still proposed are kept as they are. The engine
    reads the text before the write transaction begins, so editors' saves never wait for it.
    """
    items = suggestions_for_text(article.body)
    with transaction.atomic():
        return _store(article, items)


def _store(article: Article, items: list[Suggestion]) -> dict[str, int]:
    targets = {
        "company": Company.objects.in_bulk(
            [i.company for i in items if i.company], field_name="slug"
        ),
        "agreement": Agreement.objects.in_bulk(
            [i.agreement for i in items if i.agreement], field_name="slug"
        ),
        "person": Person.objects.in_bulk([i.person for i in items if i.person], field_name="slug"),
    }
    existing = list(article.annotations.all())
    decided = [a for a in existing if a.review_state != Annotation.ReviewState.SUGGESTED]
    rejected = {
        (a.exact, a.kind, a.company_id, a.agreement_id, a.person_id)
        for a in decided
        if a.review_state == Annotation.ReviewState.REJECTED
    }
    pending = {
        _key(a): a
        for a in existing
        if a.review_state == Annotation.ReviewState.SUGGESTED
        and a.source in Annotation.Source.machine()
    }
    keep, create = set(), []
    for item in items:
        annotation = _annotation(article, item, targets)
        if any(
            d.kind == annotation.kind and d.start < annotation.end and annotation.start < d.end
            for d in decided
        ):
            continue
        if (
            annotation.exact,
            annotation.kind,
            annotation.company_id,
            annotation.agreement_id,
            annotation.person_id,
        ) in rejected:
            continue
        key = _key(annotation)
        if key in pending:
            keep.add(key)
        elif key not in keep:
            keep.add(key)
            create.append(annotation)
    stale = [a.pk for k, a in pending.items() if k not in keep]
    Annotation.objects.filter(pk__in=stale).delete()
    batch.annotations_insert(create)
    return {"created": len(create), "kept": len(keep) - len(create), "removed": len(stale)}

"""The claims part of the Structure screen: what the story in focus says of each of its deals,
where live stories say otherwise, and the endpoints that set, withdraw and settle claims."""

from django.shortcuts import get_object_or_404
from rest_framework import serializers

from articles.models import Article
from deals.models import Agreement, AgreementEvent, Claim, Region, Sector
from deals.terms import Terms, contradictions, derive_terms
from deals.wording import claim_text
from registry.models import Company

from . import claims, selectors

RELATED = ("article", "company", "counterpart", "sector", "region", "created_by")


def _claim(claim: Claim) -> dict:
    return {
        "id": claim.pk,
        "term": claim.term,
        "label": claim.get_term_display(),
        "text": claim_text(claim),
        "asserted": claim.asserted,
        "resolution": claim.resolution,
        "made_by": str(claim.created_by) if claim.created_by else "",
        "made_at": claim.created_at.isoformat(),
        "evidence": [
            {"start": e.start, "end": e.end, "exact": e.exact, "anchor_state": e.anchor_state}
            for e in claim.evidence.all()
        ],
    }


def agreement_state(article: Article, agreement: Agreement, mine: list[Claim], live) -> dict:
    """One agreement as the story in focus states it, with its claims and contradictions."""
    terms: Terms = derive_terms(mine)

    def one(name, attribute, default):
        claim = terms.one(name)
        return getattr(claim, attribute) if claim else default

    resulting = terms.one(Claim.Term.RESULTING_COMPANY)
    announced = one(Claim.Term.ANNOUNCED, "on", None)
    return {
        "id": agreement.pk,
        "title": agreement.title,
        "slug": agreement.slug,
        "kind": one(Claim.Term.KIND, "kind", agreement.kind),
        "status": one(Claim.Term.STATUS, "status", agreement.status),
        "parties": [
            {"company_id": c.company_id, "name": c.company.name, "role": c.role}
            for c in terms.parties
        ],
        "sectors": [c.sector.name for c in terms.many(Claim.Term.SECTOR)],
        "regions": [c.region.name for c in terms.many(Claim.Term.REGION)],
        "announced_on": announced.isoformat() if announced else None,
        "announced_place": one(Claim.Term.PLACE, "text", ""),
        "resulting_company": {"id": resulting.company_id, "name": resulting.company.name}
        if resulting
        else None,
        "claims": [_claim(c) for c in sorted(mine, key=lambda c: (c.term, c.pk))],
        "contradictions": [
            {
                "claim_id": claim.pk,
                "term": claim.get_term_display(),
                "ours": claim_text(claim),
                "theirs": claim_text(other),
                "story": other.article.headline,
                "story_url": other.article.get_absolute_url(),
            }
            for claim, other in contradictions(mine, live)
        ],
        "events": [
            {
                "kind": e.kind,
                "occurred_on": e.occurred_on.isoformat(),
                "article_id": e.article_id,
                "description": e.description,
            }
            for e in agreement.events.all()
        ],
    }


def agreements_state(article: Article, agreement_ids: set[int]) -> list[dict]:
    """Every agreement the story marks or claims, in a fixed number of queries."""
    mine = list(
        Claim.objects.current()
        .filter(article=article)
        .select_related(*RELATED)
        .prefetch_related("evidence")
    )
    ids = agreement_ids | {c.agreement_id for c in mine}
    live = list(
        selectors.public_claims()
        .exclude(article=article)
        .filter(agreement_id__in=ids)
        .select_related(*RELATED)
    )
    return [
        agreement_state(
            article,
            agreement,
            [c for c in mine if c.agreement_id == agreement.pk],
            [c for c in live if c.agreement_id == agreement.pk],
        )
        for agreement in Agreement.objects.filter(pk__in=ids).prefetch_related("events")
    ]


class ClaimInput(serializers.Serializer):
    """A claim set from the screen: a term, its value, and the selected words or an assertion."""

    term = serializers.ChoiceField(Claim.Term.choices)
    start = serializers.IntegerField(min_value=0, required=False)
    end = serializers.IntegerField(min_value=1, required=False)
    asserted = serializers.BooleanField(default=False)
    kind = serializers.ChoiceField(Agreement.Kind.choices, required=False)
    status = serializers.ChoiceField(Agreement.Status.choices, required=False)
    role = serializers.ChoiceField(Claim._meta.get_field("role").choices, required=False)
    company_id = serializers.IntegerField(required=False)
    counterpart_id = serializers.IntegerField(required=False)
    approval = serializers.ChoiceField(Claim.Approval.choices, required=False)
    amount = serializers.DecimalField(max_digits=20, decimal_places=2, required=False)
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True)
    percent = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)
    on = serializers.DateField(required=False)
    precision = serializers.ChoiceField(AgreementEvent.Precision.choices, required=False)
    sector = serializers.CharField(max_length=100, required=False)
    region = serializers.CharField(max_length=100, required=False)
    text = serializers.CharField(max_length=200, required=False)

    def validate(self, data):
        if ("start" in data) != ("end" in data):
            raise serializers.ValidationError({"end": "Give both start and end of the words."})
        if "start" in data and data["end"] <= data["start"]:
            raise serializers.ValidationError({"end": "The words must end after they start."})
        return data


def claim_set(payload: dict, article: Article, agreement: Agreement, *, by) -> Claim:
    """Set one claim of the story from the screen's input, validated field by field."""
    data = ClaimInput(data=payload)
    data.is_valid(raise_exception=True)
    values = dict(data.validated_data)
    spans = [(values.pop("start"), values.pop("end"))] if "start" in values else []
    for name in ("company", "counterpart"):
        if f"{name}_id" in values:
            values[name] = get_object_or_404(Company, pk=values.pop(f"{name}_id"))
    for model in (Sector, Region):
        name = model.__name__.lower()
        if name in values:
            values[name] = claims.named(model, values[name])
    term = values.pop("term")
    asserted = values.pop("asserted")
    if term in (Claim.Term.ANNOUNCED, Claim.Term.EXPECTED_CLOSE, Claim.Term.COMPLETED):
        values.setdefault("precision", "day")
    return claims.claim_make(
        article, agreement, by=by, term=term, spans=spans, asserted=asserted, **values
    )


def field_errors(invalid) -> dict[str, list[str]]:
    """A serializer's refusal as field name -> messages."""
    detail = invalid.detail if isinstance(invalid.detail, dict) else {"input": invalid.detail}
    return {
        name: [str(m) for m in (problems if isinstance(problems, list) else [problems])]
        for name, problems in detail.items()
    }


def claim_action(request, article: Article, gid: int) -> str:
    """POST a claim of the story about one agreement: a term, its value, words or assertion."""
    from .screen import BadRequest, _payload

    agreement = get_object_or_404(Agreement, pk=gid)
    if not isinstance(payload := _payload(request), dict):
        raise BadRequest("The request body must be a JSON object.")
    claim = claim_set(payload, article, agreement, by=request.user)
    return f"This story now claims the {claim.get_term_display().lower()}."


def claim_decide_action(request, article: Article, cid: int, decision: str) -> str:
    """Withdraw a claim of the story, or mark it as superseding or as a known conflict."""
    from .screen import BadRequest

    claim = get_object_or_404(Claim.objects.current(), pk=cid, article=article)
    if decision == "withdraw":
        claims.claim_withdraw(claim, by=request.user)
        return "Claim withdrawn."
    if decision in (Claim.Resolution.SUPERSEDES, Claim.Resolution.CONFLICT):
        claims.claim_resolve(claim, by=request.user, resolution=decision)
        return "Marked as superseding." if decision == "supersedes" else "Conflict noted."
    raise BadRequest("Withdraw the claim, or mark it supersedes or conflict.")

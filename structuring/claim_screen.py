"""The claims part of the Structure screen: what the story in focus says of each of its deals,
where live stories say otherwise, and the endpoints that set, withdraw and settle claims."""

from articles.models import Article
from deals.models import Agreement, Claim, Region, Sector
from deals.terms import Terms, contradictions, derive_terms
from deals.wording import claim_text

from . import claims, inputs, selectors

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


def claim_set(values: dict, article: Article, agreement: Agreement, *, by) -> Claim:
    """Set one claim of the story from the screen's validated input (``inputs.ClaimInput``)."""
    values = dict(values)
    spans = [(values.pop("start"), values.pop("end"))] if "start" in values else []
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


def claim_action(request, article: Article, gid: int) -> str:
    """POST a claim of the story about one agreement: a term, its value, words or assertion."""
    from .screen import _found, _payload, _valid

    agreement = _found(Agreement, pk=gid)
    values = _valid(inputs.ClaimInput, _payload(request))
    claim = claim_set(values, article, agreement, by=request.user)
    return f"This story now claims the {claim.get_term_display().lower()}."


def claim_decide_action(request, article: Article, cid: int, decision: str) -> str:
    """Withdraw a claim of the story, or mark it as superseding or as a known conflict."""
    from .screen import BadRequest, _found

    claim = _found(Claim, pk=cid, article=article, retired_at=None)
    if decision == "withdraw":
        claims.claim_withdraw(claim, by=request.user)
        return "Claim withdrawn."
    if decision in (Claim.Resolution.SUPERSEDES, Claim.Resolution.CONFLICT):
        claims.claim_resolve(claim, by=request.user, resolution=decision)
        return "Marked as superseding." if decision == "supersedes" else "Conflict noted."
    raise BadRequest("Withdraw the claim, or mark it supersedes or conflict.")

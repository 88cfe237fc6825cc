"""An agreement's terms derived from the claims of stories: pure, given claims already read.

For each term the latest claim by its story's publish time wins; an older claim of another story
that says something else is superseded, unless the newest marks the disagreement as a known
conflict, in which case both are shown.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from .models import Claim, ClaimTerm

# Terms an agreement has several of: one claim per company, sector or region.
MULTIPLE = {
    ClaimTerm.PARTY,
    ClaimTerm.ADVISER,
    ClaimTerm.APPROVAL,
    ClaimTerm.SECTOR,
    ClaimTerm.REGION,
}


def term_key(claim: Claim) -> tuple:
    """What a claim is about: its term, and for terms an agreement has several of, which one."""
    if claim.term in (ClaimTerm.PARTY, ClaimTerm.ADVISER):
        return (claim.term, claim.company_id)
    if claim.term == ClaimTerm.APPROVAL:
        return (claim.term, claim.company_id or claim.text.casefold())
    if claim.term == ClaimTerm.SECTOR:
        return (claim.term, claim.sector_id)
    if claim.term == ClaimTerm.REGION:
        return (claim.term, claim.region_id)
    return (claim.term,)


def claim_value(claim: Claim) -> tuple:
    """What a claim says about its term; two claims of one term contradict when these differ."""
    match claim.term:
        case ClaimTerm.KIND:
            return (claim.kind,)
        case ClaimTerm.PARTY:
            return (claim.role,)
        case ClaimTerm.STATUS:
            return (claim.status,)
        case ClaimTerm.VALUE:
            return (_number(claim.amount), claim.currency)
        case ClaimTerm.STAKE:
            return (_number(claim.percent), claim.company_id)
        case ClaimTerm.ADVISER:
            return (claim.counterpart_id,)
        case ClaimTerm.APPROVAL:
            return (claim.approval,)
        case ClaimTerm.ANNOUNCED | ClaimTerm.EXPECTED_CLOSE | ClaimTerm.COMPLETED:
            return (claim.on, claim.precision)
        case ClaimTerm.RESULTING_COMPANY:
            return (claim.company_id,)
        case ClaimTerm.PLACE:
            return (claim.text,)
    return ()


def _number(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.normalize()


def story_time(claim: Claim) -> tuple[datetime, datetime, int]:
    """When a claim was made public: its story's publish time, then when it was written."""
    return (claim.article.publish_at or claim.created_at, claim.created_at, claim.pk or 0)


@dataclass
class Term:
    """One term of an agreement: the claim that stands, and every live claim about it."""

    key: tuple
    current: Claim
    claims: list[Claim]
    conflicting: list[Claim] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.key[0]

    @property
    def label(self) -> str:
        return ClaimTerm(self.name).label

    def standing(self, claim: Claim) -> str:
        """``current``, ``conflicting`` or ``superseded``: how a claim stands in this term."""
        if claim is self.current:
            return "current"
        if claim in self.conflicting:
            return "conflicting"
        return "superseded"


@dataclass
class Terms:
    """Every term of one agreement, in a fixed order, with shortcuts for pages."""

    terms: list[Term]

    def __iter__(self):
        return iter(self.terms)

    def one(self, name: str) -> Claim | None:
        return next((t.current for t in self.terms if t.name == name), None)

    def many(self, name: str) -> list[Claim]:
        return [t.current for t in self.terms if t.name == name]

    @property
    def kind(self) -> str | None:
        claim = self.one(ClaimTerm.KIND)
        return claim.kind if claim else None

    @property
    def status(self) -> str | None:
        claim = self.one(ClaimTerm.STATUS)
        return claim.status if claim else None

    @property
    def parties(self) -> list[Claim]:
        return self.many(ClaimTerm.PARTY)

    @property
    def conflicts(self) -> list[Term]:
        return [t for t in self.terms if t.conflicting]


ORDER = {name: i for i, name in enumerate(ClaimTerm.values)}


def derive_terms(claims: Iterable[Claim]) -> Terms:
    """The terms that live ``claims`` (all of one agreement, with their articles) establish."""
    groups: dict[tuple, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(term_key(claim), []).append(claim)
    terms = []
    for key, group in groups.items():
        group.sort(key=story_time, reverse=True)
        newest = group[0]
        conflicting = []
        if newest.resolution == Claim.Resolution.CONFLICT:
            conflicting = [
                c
                for c in group[1:]
                if c.article_id != newest.article_id and claim_value(c) != claim_value(newest)
            ]
        terms.append(Term(key, newest, group, conflicting))
    terms.sort(key=lambda t: (ORDER[t.name], story_time(t.current)))
    return Terms(terms)


def contradictions(mine: Iterable[Claim], live: Iterable[Claim]) -> list[tuple[Claim, Claim]]:
    """Pairs (a claim of ours, a live claim of another story) that say different things.

    Only claims an editor has not yet marked as superseding or as a known conflict count.
    """
    by_key: dict[tuple, list[Claim]] = {}
    for claim in live:
        by_key.setdefault(term_key(claim), []).append(claim)
    pairs = []
    for claim in mine:
        if claim.resolution:
            continue
        for other in by_key.get(term_key(claim), []):
            if other.article_id != claim.article_id and claim_value(other) != claim_value(claim):
                pairs.append((claim, other))
    return pairs

"""Score engine suggestions against gold stories: companies, deals, status, roles, terms."""

import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from .dataset import GoldDeal, Story

BUCKETS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


@dataclass
class PredictedDeal:
    """One agreement item of the engine's output: a deal it proposes (or a duplicate of one)."""

    kind: str | None
    status: str | None
    roles: dict[str, str]
    confidence: float
    start: int
    end: int
    terms: list[tuple[str, object]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, frozenset[str]]:
        return (self.kind, frozenset(self.roles))


@dataclass
class Tally:
    """Counts for one split; every figure printed is derived from these."""

    stories: int = 0
    company_tp: int = 0
    company_predicted: int = 0
    company_gold: int = 0
    new_companies: int = 0
    deal_tp: int = 0
    deal_predicted: int = 0
    deal_gold: int = 0
    duplicates: int = 0
    status_right: int = 0
    roles_right: int = 0
    roles_total: int = 0
    terms_proposed: int = 0
    terms_right: int = 0
    terms_gold: int = 0
    confidence: list[tuple[str, float, bool]] = field(default_factory=list)
    misses: list[tuple[str, str, object]] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _field(item, name: str):
    value = getattr(item, name, None)
    if value is None and hasattr(item, "as_dict"):
        value = item.as_dict().get(name)
    if value is None and isinstance(getattr(item, "extra", None), dict):
        value = item.extra.get(name)
    return value


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def engine_terms(item) -> list[tuple[str, object]]:
    """The terms an agreement item proposes, as (term, value) pairs, whatever shape they come in.

    Accepted: a ``terms`` dict (``{"value": {"amount", "currency"}, "stake": {"percent"},
    "advisers": [...], "regulators": [...]}``), a ``terms`` list of claims (``{"term": "value",
    "amount": ..., "currency": ...}``), or ``value``/``currency``/``stake`` keys on the item.
    """
    raw = _field(item, "terms")
    claims: list[dict] = []
    if isinstance(raw, dict):
        for term, value in raw.items():
            for one in value if isinstance(value, list) else [value]:
                claims.append({"term": term, **(one if isinstance(one, dict) else {"name": one})})
    elif isinstance(raw, list):
        claims = [c for c in raw if isinstance(c, dict)]
    for term in ("value", "stake"):
        value = _field(item, term)
        if value is not None:
            body = value if isinstance(value, dict) else {"amount": value, "percent": value}
            claims.append({"term": term, "currency": _field(item, "currency"), **body})
    found: list[tuple[str, object]] = []
    for claim in claims:
        term = str(claim.get("term", claim.get("kind", ""))).rstrip("s")
        if term == "value":
            found.append(("value", (_number(claim.get("amount")), claim.get("currency"))))
        elif term == "stake":
            found.append(("stake", _number(claim.get("percent"))))
        elif term in ("adviser", "advisor", "regulator", "approval"):
            name = claim.get("company") or claim.get("name") or claim.get("exact") or ""
            found.append(("authority" if term != "adviser" else "adviser", str(name)))
    return found


def gold_terms(deal: GoldDeal) -> list[tuple[str, object]]:
    """The gold terms the scorer compares: value, stake, advisers, regulators and approvals."""
    terms: list[tuple[str, object]] = []
    value = deal.terms.get("value")
    if value:
        terms.append(("value", (_number(value.get("amount")), value.get("currency"))))
    stake = deal.terms.get("stake")
    if stake and stake.get("percent") is not None:
        terms.append(("stake", _number(stake["percent"])))
    terms += [("adviser", name) for name in deal.terms.get("advisers", ())]
    for key in ("regulators", "approvals"):
        terms += [("authority", name) for name in deal.terms.get(key, ())]
    return terms


def _term_right(term: tuple[str, object], gold: list[tuple[str, object]]) -> bool:
    kind, value = term
    for gold_kind, gold_value in gold:
        if kind != gold_kind:
            continue
        if kind == "value":
            amount, currency = value
            gold_amount, gold_currency = gold_value
            close = amount and gold_amount and abs(amount - gold_amount) <= 0.01 * gold_amount
            if close and str(currency).upper() == str(gold_currency).upper():
                return True
        elif kind == "stake":
            if value is not None and abs(value - gold_value) < 0.01:
                return True
        else:
            a, b = str(value).casefold().strip(), str(gold_value).casefold()
            if a and (a in b or b in a):
                return True
    return False


def predicted_deals(suggestions) -> list[PredictedDeal]:
    """Every agreement item, one predicted deal each; a repeat of a deal stays a repeat."""
    deals = []
    for item in suggestions:
        if item.kind != "agreement":
            continue
        roles = {}
        for party in item.parties or ():
            roles[party.get("company")] = party.get("role") or "partner"
        deals.append(
            PredictedDeal(
                kind=item.agreement_kind,
                status=item.status,
                roles=roles,
                confidence=float(item.confidence),
                start=item.start,
                end=item.end,
                terms=engine_terms(item),
            )
        )
    return deals


def score_story(story: Story, suggestions) -> Tally:
    """The counts for one story: each gold deal matches at most one predicted deal."""
    tally = Tally(stories=1)
    gold_companies = set(story.companies)
    found = [s for s in suggestions if s.kind == "company"]
    predicted_companies = {s.company for s in found}
    tally.company_gold = len(gold_companies)
    tally.company_predicted = len(predicted_companies)
    tally.company_tp = len(predicted_companies & gold_companies)
    tally.new_companies = sum(1 for s in suggestions if s.kind == "new_company")
    for slug in sorted(predicted_companies - gold_companies):
        tally.misses.append((story.id, "company not in the story's gold", slug))
    for slug in sorted(gold_companies - predicted_companies):
        tally.misses.append((story.id, "company missed", slug))
    for item in found:
        tally.confidence.append(("company", float(item.confidence), item.company in gold_companies))

    unmatched = list(story.deals)
    tally.deal_gold = len(story.deals)
    predicted = sorted(predicted_deals(suggestions), key=lambda d: (-d.confidence, d.start))
    tally.deal_predicted = len(predicted)
    matched_keys = set()
    for deal in predicted:
        gold = next((g for g in unmatched if g.key == deal.key), None)
        tally.confidence.append(("agreement", deal.confidence, gold is not None))
        if gold is None:
            if deal.key in matched_keys:
                tally.duplicates += 1
            else:
                tally.misses.append((story.id, "deal not in gold", _describe(deal)))
            continue
        unmatched.remove(gold)
        matched_keys.add(deal.key)
        tally.deal_tp += 1
        tally.status_right += deal.status == gold.status
        if deal.status != gold.status:
            tally.misses.append((story.id, "status", f"{deal.status} for {gold.status}"))
        for slug, role in gold.roles.items():
            tally.roles_total += 1
            tally.roles_right += deal.roles.get(slug) == role
            if deal.roles.get(slug) != role:
                tally.misses.append(
                    (story.id, "role", f"{slug}: {deal.roles.get(slug)} for {role}")
                )
        wanted = gold_terms(gold)
        tally.terms_gold += len(wanted)
        tally.terms_proposed += len(deal.terms)
        tally.terms_right += sum(_term_right(term, wanted) for term in deal.terms)
    for gold in unmatched:
        tally.misses.append((story.id, "deal missed", f"{gold.kind} {sorted(gold.roles)}"))
    return tally


def _describe(deal: PredictedDeal) -> str:
    return f"{deal.kind} {sorted(deal.roles)} at {deal.start}-{deal.end}"


def reliability(confidence: list[tuple[str, float, bool]], kind: str) -> list[tuple]:
    """Rows of (bucket low, bucket high, count, right, observed precision) for one kind."""
    rows = []
    for low, high in pairwise(BUCKETS):
        inside = [right for k, c, right in confidence if k == kind and low <= c < high]
        if inside:
            rows.append((low, min(high, 1.0), len(inside), sum(inside), sum(inside) / len(inside)))
    return rows


def gold_counts(stories: list[Story]) -> tuple[Counter, Counter]:
    """How many gold deals of each kind and each status the stories hold."""
    kinds, statuses = Counter(), Counter()
    for story in stories:
        for deal in story.deals:
            kinds[deal.kind] += 1
            statuses[deal.status] += 1
    return kinds, statuses

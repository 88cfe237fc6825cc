"""Score the engine on the regression set: companies, one proposal per deal, status, roles, terms."""

from collections import defaultdict
from dataclasses import dataclass, field

from engine import suggest
from engine.gazetteer import Matcher
from tests.engine.gold import gold_paragraphs, gold_registry


@dataclass
class Tally:
    right: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    companies: Tally = field(default_factory=Tally)
    agreements: Tally = field(default_factory=Tally)
    status: Tally = field(default_factory=Tally)  # right of matched deals with a gold status
    roles: Tally = field(default_factory=Tally)  # right of parties with a gold role
    terms: Tally = field(default_factory=Tally)  # gold terms found
    quotes: Tally = field(default_factory=Tally)
    by_class: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    confidences: list[tuple[float, bool]] = field(default_factory=list)
    misses: list[tuple] = field(default_factory=list)


def _term_found(want: dict, proposed: list[dict]) -> bool:
    return any(all(t.get(k) == v for k, v in want.items()) for t in proposed)


def score() -> Scores:
    """Run the engine over every regression paragraph and compare with its gold labels."""
    registry = gold_registry()
    matcher = Matcher(registry.companies)
    scores = Scores()
    for paragraph in gold_paragraphs():
        found = suggest(paragraph.text, registry, matcher)
        companies = {(s.start, s.end, s.company) for s in found if s.kind == "company"}
        scores.companies.right += len(companies & paragraph.companies)
        scores.companies.predicted += len(companies)
        scores.companies.gold += len(paragraph.companies)
        if companies != paragraph.companies:
            scores.misses.append((paragraph.id, "companies", companies ^ paragraph.companies))
        proposals = [s for s in found if s.kind == "agreement"]
        unmatched = list(paragraph.agreements)
        klass = scores.by_class[paragraph.raw.get("class", "original set")]
        klass.predicted += len(proposals)
        klass.gold += len(paragraph.agreements)
        for proposal in proposals:
            roles = {p["company"]: p["role"] for p in proposal.parties}
            gold = next(
                (
                    g
                    for g in unmatched
                    if g["kind"] == proposal.agreement_kind and set(g["parties"]) == set(roles)
                ),
                None,
            )
            scores.confidences.append((proposal.confidence, gold is not None))
            scores.agreements.predicted += 1
            if gold is None:
                scores.misses.append(
                    (paragraph.id, "extra deal", proposal.agreement_kind, sorted(roles))
                )
                continue
            unmatched.remove(gold)
            scores.agreements.right += 1
            klass.right += 1
            if "status" in gold:
                scores.status.gold += 1
                scores.status.right += proposal.status == gold["status"]
                if proposal.status != gold["status"]:
                    scores.misses.append((paragraph.id, "status", proposal.status, gold["status"]))
            for company, role in gold.get("roles", {}).items():
                scores.roles.gold += 1
                scores.roles.right += roles.get(company) == role
                if roles.get(company) != role:
                    scores.misses.append((paragraph.id, "role", company, roles.get(company), role))
            for term in gold.get("terms", []):
                scores.terms.gold += 1
                scores.terms.right += _term_found(term, proposal.extra["terms"])
                if not _term_found(term, proposal.extra["terms"]):
                    scores.misses.append((paragraph.id, "term", term))
        scores.agreements.gold += len(paragraph.agreements)
        for gold in unmatched:
            scores.misses.append((paragraph.id, "missed deal", gold["kind"], gold["parties"]))
        speakers = [s.name for s in found if s.kind == "quote"]
        scores.quotes.gold += max(len(speakers), len(paragraph.quotes))
        scores.quotes.right += sum(a == b for a, b in zip(speakers, paragraph.quotes, strict=False))
        if speakers != paragraph.quotes:
            scores.misses.append((paragraph.id, "quotes", speakers, paragraph.quotes))
    return scores

"""Precision and recall of the suggestion engine on the gold set, printed and held to targets."""

from engine import suggest
from engine.gazetteer import Matcher
from tests.engine.gold import gold_paragraphs, gold_registry


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score():
    registry = gold_registry()
    matcher = Matcher(registry.companies)
    counts = {k: [0, 0, 0] for k in ("companies", "agreements")}  # true pos, predicted, gold
    quotes_right = quotes_total = 0
    misses = []
    for paragraph in gold_paragraphs():
        found = suggest(paragraph.text, registry, matcher)
        companies = {(s.start, s.end, s.company) for s in found if s.kind == "company"}
        agreements = {
            (s.agreement_kind, frozenset(p["company"] for p in s.parties))
            for s in found
            if s.kind == "agreement"
        }
        expected_agreements = {(a["kind"], frozenset(a["parties"])) for a in paragraph.agreements}
        speakers = [s.name for s in found if s.kind == "quote"]
        for name, got, want in (
            ("companies", companies, paragraph.companies),
            ("agreements", agreements, expected_agreements),
        ):
            counts[name][0] += len(got & want)
            counts[name][1] += len(got)
            counts[name][2] += len(want)
            if got != want:
                misses.append(
                    (paragraph.id, name, sorted(got - want, key=str), sorted(want - got, key=str))
                )
        quotes_total += max(len(speakers), len(paragraph.quotes))
        quotes_right += sum(a == b for a, b in zip(speakers, paragraph.quotes, strict=False))
        if speakers != paragraph.quotes:
            misses.append((paragraph.id, "quotes", speakers, paragraph.quotes))
    result = {}
    for name, (tp, predicted, gold) in counts.items():
        precision = tp / predicted if predicted else 1.0
        recall = tp / gold if gold else 1.0
        result[name] = (precision, recall, f1(precision, recall))
    result["quotes"] = quotes_right / quotes_total if quotes_total else 1.0
    return result, misses


def test_gold_set_has_at_least_forty_paragraphs_covering_the_traps():
    paragraphs = gold_paragraphs()

    assert len(paragraphs) >= 40
    assert sum(1 for p in paragraphs if not p.companies) >= 5  # common words, no company
    assert sum(1 for p in paragraphs if p.companies and not p.agreements) >= 5  # named, no deal


def test_engine_meets_its_quality_targets_on_the_gold_set():
    result, misses = score()
    (cp, cr, _), (ap, ar, af) = result["companies"], result["agreements"]
    print(
        f"\ncompany mentions: precision {cp:.3f} recall {cr:.3f}"
        f"\nagreements (kind and parties): precision {ap:.3f} recall {ar:.3f} F1 {af:.3f}"
        f"\nquotes with the right speaker: {result['quotes']:.3f}"
    )
    for miss in misses:
        print("  miss:", miss)

    assert cp >= 0.95
    assert cr >= 0.95
    assert af >= 0.85
    assert result["quotes"] >= 0.9

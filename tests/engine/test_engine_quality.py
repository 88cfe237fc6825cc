"""The engine's figures on the regression set (in-sample: written beside the engine), held from
falling. Real news is scored by ``python -m engine.evaluation``, outside the repository."""

from engine.calibration import reliability, render
from tests.engine.gold import gold_paragraphs
from tests.engine.scoring import score

# The figures measured when the set last grew; a change to the engine may raise them, not lower.
FLOORS = {
    "company precision": 1.0,
    "company recall": 1.0,
    "agreement precision": 1.0,
    "agreement recall": 1.0,
    "status": 1.0,
    "roles": 1.0,
    "terms": 1.0,
    "quotes": 1.0,
}


def test_gold_set_covers_the_traps_and_every_failure_class():
    paragraphs = gold_paragraphs()
    classes = {p.raw.get("class") for p in paragraphs}

    assert len(paragraphs) >= 80
    assert sum(1 for p in paragraphs if not p.companies) >= 5  # common words, no company
    assert sum(1 for p in paragraphs if p.companies and not p.agreements) >= 5  # named, no deal
    assert {
        "one suggestion per mention",
        "purchase words",
        "deal decides the kind",
        "stakes",
        "roles from the clause",
        "status",
        "bystanders",
        "referring back",
        "layout",
        "companies",
        "terms",
    } <= classes


def test_engine_holds_its_figures_on_the_regression_set():
    scores = score()
    figures = {
        "company precision": scores.companies.precision,
        "company recall": scores.companies.recall,
        "agreement precision": scores.agreements.precision,
        "agreement recall": scores.agreements.recall,
        "status": scores.status.recall,
        "roles": scores.roles.recall,
        "terms": scores.terms.recall,
        "quotes": scores.quotes.recall,
    }
    print("\nregression set (in-sample):")
    for name, value in figures.items():
        print(f"  {name:<20} {value:.3f}")
    print(f"  agreement F1         {scores.agreements.f1:.3f}")
    for klass, tally in sorted(scores.by_class.items()):
        print(f"  {klass:<28} deals P {tally.precision:.2f} R {tally.recall:.2f}")
    print(render(reliability(scores.confidences)))
    for miss in scores.misses:
        print("  miss:", miss)

    for name, floor in FLOORS.items():
        assert figures[name] >= floor, name

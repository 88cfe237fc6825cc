"""The evaluation scorer, on a tiny story of our own words (CI has none of the real texts)."""

import json

import pytest

from engine import Suggestion, suggest
from engine.evaluation.dataset import STORIES, build_registry, load_stories, split_of, text_sha256
from engine.evaluation.report import main
from engine.evaluation.scoring import reliability, score_story

BODY = (
    "Bolt Motors agreed to buy Acme Batteries for $200 million, the companies said on Monday.\n\n"
    "The takeover of Acme Batteries by Bolt Motors should close next year. Zeta Cars, a rival, "
    "declined to comment."
)
STORY_ID = "bolt-acme-invented"


def gold_row(**changes) -> dict:
    row = {
        "id": STORY_ID,
        "split": split_of(STORY_ID),
        "url": "https://example.invalid/bolt-acme",
        "query": "bolt motors agreed to buy acme batteries",
        "text_sha256": text_sha256(BODY),
        "companies": [
            {"name": "Bolt Motors", "forms": ["Bolt Motors"]},
            {"name": "Acme Batteries", "forms": ["Acme Batteries"]},
            {"name": "Zeta Cars", "forms": ["Zeta Cars"]},
        ],
        "deals": [
            {
                "kind": "acquisition",
                "status": "announced",
                "parties": [
                    {"company": "Bolt Motors", "role": "acquirer"},
                    {"company": "Acme Batteries", "role": "target"},
                ],
                "terms": {"value": {"amount": 200e6, "currency": "USD"}},
            }
        ],
    }
    return row | changes


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "stories.jsonl"
    path.write_text(json.dumps(gold_row()) + "\n")
    return path


@pytest.fixture
def story(gold):
    return load_stories(gold)[0]


def deal(start=0, kind="acquisition", status="announced", roles=None, confidence=0.8, **extra):
    roles = roles or {"bolt-motors": "acquirer", "acme-batteries": "target"}
    return Suggestion(
        "agreement",
        start,
        start + 5,
        BODY[start : start + 5],
        confidence,
        "test",
        agreement_kind=kind,
        status=status,
        parties=[{"company": slug, "role": role} for slug, role in roles.items()],
        extra=extra,
    )


def company(slug, start=0, confidence=0.95):
    return Suggestion("company", start, start + 4, BODY[start : start + 4], confidence, "t", slug)


def test_one_right_deal_scores_full_marks(story):
    tally = score_story(story, [deal()])

    assert (tally.deal_tp, tally.deal_predicted, tally.deal_gold) == (1, 1, 1)
    assert (tally.status_right, tally.roles_right, tally.roles_total) == (1, 2, 2)
    assert tally.duplicates == 0


def test_repeated_items_of_one_deal_count_as_false_positives(story):
    tally = score_story(story, [deal(0), deal(40), deal(90)])

    assert (tally.deal_tp, tally.deal_predicted, tally.duplicates) == (1, 3, 2)


def test_a_deal_level_item_with_its_mentions_counts_once(story):
    mentions = [{"start": 0, "end": 11, "exact": "Bolt Motors"}, {"start": 90, "end": 97}]
    tally = score_story(story, [deal(mentions=mentions)])

    assert (tally.deal_tp, tally.deal_predicted, tally.duplicates) == (1, 1, 0)


def test_wrong_kind_is_a_miss_and_a_false_positive(story):
    tally = score_story(story, [deal(kind="merger")])

    assert (tally.deal_tp, tally.deal_predicted, tally.deal_gold) == (0, 1, 1)
    assert (
        "bolt-acme-invented",
        "deal missed",
        "acquisition ['acme-batteries', 'bolt-motors']",
    ) in (tally.misses)


def test_status_and_roles_are_judged_only_on_matched_deals(story):
    swapped = {"bolt-motors": "target", "acme-batteries": "acquirer"}
    tally = score_story(story, [deal(status="completed", roles=swapped)])

    assert tally.deal_tp == 1
    assert (tally.status_right, tally.roles_right, tally.roles_total) == (0, 0, 2)


def test_terms_in_either_shape_are_compared_with_the_gold_value(story):
    as_dict = deal(
        terms={"value": {"amount": 200_000_000, "currency": "usd"}, "stake": {"percent": 5}}
    )
    as_claims = deal(terms=[{"term": "value", "amount": 2e8, "currency": "USD"}])

    first, second = score_story(story, [as_dict]), score_story(story, [as_claims])

    assert (first.terms_proposed, first.terms_right, first.terms_gold) == (2, 1, 1)
    assert (second.terms_proposed, second.terms_right) == (1, 1)


def test_companies_are_scored_per_story_by_company(story):
    tally = score_story(
        story, [company("bolt-motors"), company("bolt-motors", 40), company("nova")]
    )

    assert (tally.company_tp, tally.company_predicted, tally.company_gold) == (1, 2, 3)


def test_reliability_buckets_compare_confidence_with_what_was_right(story):
    tally = score_story(
        story, [deal(confidence=0.85), deal(confidence=0.82), deal(confidence=0.55)]
    )

    rows = reliability(tally.confidence, "agreement")

    assert [(low, count, right) for low, _high, count, right, _ in rows] == [
        (0.5, 1, 0),
        (0.8, 2, 1),
    ]


def test_registry_holds_every_gold_company_and_the_engine_finds_them(story):
    registry = build_registry([story])

    found = {s.company for s in suggest(BODY, registry) if s.kind == "company"}

    assert found == {"bolt-motors", "acme-batteries", "zeta-cars"}


def test_report_prints_both_splits_with_their_counts(gold, tmp_path, capsys):
    (tmp_path / f"{STORY_ID}.txt").write_text(BODY)

    assert main(["--stories", str(gold), "--texts", str(tmp_path)]) == 0

    out = capsys.readouterr().out
    assert "1 stories" in out and "1 gold deals, 3 gold companies" in out
    assert "dev split" in out and "test split" in out
    assert "reliability on the dev split" in out


def test_missing_texts_fail_clearly_with_how_to_fetch_them(gold, tmp_path, capsys):
    assert main(["--stories", str(gold), "--texts", str(tmp_path / "none")]) == 2

    out = capsys.readouterr().out
    assert "0 of 1 story texts are present" in out
    assert "query: bolt motors agreed to buy acme batteries" in out
    assert "url:   https://example.invalid/bolt-acme" in out


def test_a_party_that_is_not_among_the_companies_is_a_clear_error(tmp_path, capsys):
    row = gold_row()
    row["deals"][0]["parties"].append({"company": "Nova Labs", "role": "seller"})
    path = tmp_path / "stories.jsonl"
    path.write_text(json.dumps(row) + "\n")

    assert main(["--stories", str(path), "--texts", str(tmp_path)]) == 2
    assert "line 1" in capsys.readouterr().out


def test_a_split_that_disagrees_with_the_hash_is_refused(tmp_path, capsys):
    other = "test" if split_of(STORY_ID) == "dev" else "dev"
    path = tmp_path / "stories.jsonl"
    path.write_text(json.dumps(gold_row(split=other)) + "\n")

    assert main(["--stories", str(path), "--texts", str(tmp_path)]) == 2
    assert "its hash says otherwise" in capsys.readouterr().out


def test_the_real_set_keeps_only_labels_and_is_split_about_in_half():
    stories = load_stories(STORIES)
    keys = {key for line in STORIES.read_text().splitlines() for key in json.loads(line)}

    assert len(stories) >= 70
    assert keys <= {"id", "split", "url", "query", "text_sha256", "companies", "deals", "note"}
    dev = sum(s.split == "dev" for s in stories)
    assert 0.4 <= dev / len(stories) <= 0.6
    assert sum(1 for s in stories if s.deals) >= 70

"""``python -m engine.evaluation``: run the engine on every fetched story and print the scores."""

import argparse
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

from engine import suggest
from engine.gazetteer import Matcher

from .dataset import STORIES, TEXTS, GoldError, Story, build_registry, load_stories, text_sha256
from .scoring import Tally, f1, gold_counts, ratio, reliability, score_story

SPLIT_NOTES = {
    "dev": "dev split: tune on it, study its misses",
    "test": "test split: held out, score only, never study its failures while tuning",
}


def _fraction(part: int, whole: int) -> str:
    value = ratio(part, whole)
    return f"{value:.3f} ({part}/{whole})" if value is not None else f"n/a (0/{whole})"


def fetch_instructions(missing: list[Story], present: int, total: int, texts: Path) -> str:
    lines = [
        f"{present} of {total} story texts are present in {texts}; {len(missing)} are missing.",
        "The texts are not in the repository. For each story below, give its query to the search",
        "tool's `pages` corpus, pick the result with its URL, and save the text exactly as",
        f"returned as {texts}/<id>.txt (page furniture before the headline may be stripped).",
        "",
    ]
    for story in missing:
        lines += [f"  {story.id}", f"    query: {story.query}", f"    url:   {story.url}"]
    return "\n".join(lines)


def score_split(stories: list[Story], texts: Path, registry, matcher) -> Tally:
    total = Tally()
    for story in stories:
        body = story.text_path(texts).read_text(encoding="utf-8")
        total.add(score_story(story, suggest(body, registry, matcher)))
    return total


def split_table(name: str, tally: Tally) -> str:
    cp = ratio(tally.company_tp, tally.company_predicted)
    cr = ratio(tally.company_tp, tally.company_gold)
    ap = ratio(tally.deal_tp, tally.deal_predicted)
    ar = ratio(tally.deal_tp, tally.deal_gold)
    af = f1(ap, ar)
    terms = (
        f"{_fraction(tally.terms_right, tally.terms_proposed)} of those proposed; "
        f"{tally.terms_right} of {tally.terms_gold} gold terms found"
        if tally.terms_proposed
        else f"none proposed ({tally.terms_gold} gold terms on matched deals)"
    )
    rows = [
        f"== {SPLIT_NOTES[name]}: {tally.stories} stories, {tally.deal_gold} gold deals, "
        f"{tally.company_gold} gold companies",
        f"  companies, by company per story   precision {_fraction(tally.company_tp, tally.company_predicted)}"
        f"   recall {_fraction(tally.company_tp, tally.company_gold)}"
        f"   F1 {f1(cp, cr) if f1(cp, cr) is None else format(f1(cp, cr), '.3f')}",
        f"  agreements, kind and party set    precision {_fraction(tally.deal_tp, tally.deal_predicted)}"
        f"   recall {_fraction(tally.deal_tp, tally.deal_gold)}"
        f"   F1 {'n/a' if af is None else format(af, '.3f')}",
        f"  duplicate items of a matched deal {tally.duplicates} (counted as false positives)",
        f"  status right on matched deals     {_fraction(tally.status_right, tally.deal_tp)}",
        f"  roles right on matched deals      {_fraction(tally.roles_right, tally.roles_total)}",
        f"  terms on matched deals            {terms}",
        f"  new-company suggestions           {tally.new_companies} (not scored: every gold "
        "company is in the registry)",
    ]
    return "\n".join(rows)


def reliability_table(tally: Tally) -> str:
    rows = ["== reliability on the dev split: confidence given against precision observed"]
    for kind in ("agreement", "company"):
        rows.append(f"  {kind:<9}  confidence    items  right  observed")
        for low, high, count, right, observed in reliability(tally.confidence, kind):
            rows.append(
                f"             {low:.1f}-{high:.1f}    {count:>5}  {right:>5}  {observed:.3f}"
            )
    return "\n".join(rows)


def summary(stories: list[Story]) -> str:
    kinds, statuses = gold_counts(stories)
    sources = Counter(urlparse(s.url).netloc.removeprefix("www.") for s in stories)
    splits = Counter(s.split for s in stories)
    return "\n".join(
        [
            f"== gold set: {len(stories)} stories ({splits['dev']} dev, {splits['test']} test), "
            f"{sum(kinds.values())} deals, from {len(sources)} sites",
            "  deals by kind:   " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()),
            "  deals by status: " + ", ".join(f"{k} {n}" for k, n in statuses.most_common()),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.evaluation", description=__doc__)
    parser.add_argument("--stories", type=Path, default=STORIES, help="the gold file")
    parser.add_argument("--texts", type=Path, default=TEXTS, help="folder of fetched texts")
    parser.add_argument(
        "--misses", action="store_true", help="list the dev split's misses (never the test's)"
    )
    parser.add_argument(
        "--split",
        choices=("dev", "test", "both"),
        default="both",
        help="score one split only (while tuning, dev: the test figures are read once, at the end)",
    )
    args = parser.parse_args(argv)
    try:
        stories = load_stories(args.stories)
    except (GoldError, OSError) as error:
        print(f"The gold file {args.stories} cannot be read: {error}")
        return 2
    missing = [s for s in stories if not s.text_path(args.texts).is_file()]
    if missing:
        present = len(stories) - len(missing)
        print(fetch_instructions(missing, present, len(stories), args.texts))
        return 2
    changed = [
        s.id
        for s in stories
        if s.text_sha256
        and text_sha256(s.text_path(args.texts).read_text(encoding="utf-8")) != s.text_sha256
    ]
    registry = build_registry(stories)
    matcher = Matcher(registry.companies)
    print(summary(stories))
    if changed:
        print(f"  note: {len(changed)} texts differ from the ones labelled: {', '.join(changed)}")
    tallies = {}
    for name in ("dev", "test"):
        if args.split not in (name, "both"):
            continue
        part = [s for s in stories if s.split == name]
        tallies[name] = score_split(part, args.texts, registry, matcher)
        print(split_table(name, tallies[name]))
    if "dev" in tallies:
        print(reliability_table(tallies["dev"]))
    if args.misses and "dev" in tallies:
        print("== dev misses")
        for story_id, what, detail in tallies["dev"].misses:
            print(f"  {story_id}: {what}: {detail}")
    return 0

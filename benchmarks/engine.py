"""The suggestion engine at registry scale, timed side by side with its peers.

Company matching is compared with pyahocorasick and ahocorasick_rs doing the same job: each
library finds the candidate names, and the engine's own rules (``judge``, ``longest``) decide, so
the three must give identical output; only the way candidates are found differs. The build at a
million aliases runs in a fresh process so that its resident memory is its own.
"""

import json
import subprocess
import sys
from pathlib import Path

from engine import Registry, suggest
from engine.gazetteer import Matcher, Name, fold, judge, longest, whole_words

from . import synthetic
from .measure import Table, median_ms, rss_mb, timed

COMPANIES = 100_000
STORIES = 60
MILLION_ALIASES = 1_000_000
ADVERSARIAL = Path(__file__).resolve().parent.parent / "tests/fixtures/gold/matcher.jsonl"


def _names(companies) -> dict[str, list[tuple]]:
    """Each lower-cased name with the entries the engine's matcher would hold for it."""
    matcher = Matcher(companies)
    return {key: list(names) for key, (_, names) in matcher.automaton.items()}


def _judged(text: str, candidates) -> list:
    found = []
    for start, end, names in candidates:
        for entry in names:
            mention = judge(text, start, end, Name._make(entry))
            if mention:
                found.append(mention)
    return longest(found)


def pyahocorasick_peer(companies):
    """pyahocorasick over the folded text, then the engine's rules."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key, names in _names(companies).items():
        automaton.add_word(key, (len(key), names))
    automaton.make_automaton()

    def find(text: str) -> list:
        folded = fold(text)
        candidates = []
        for last, (length, names) in automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if whole_words(folded, start, end):
                candidates.append((start, end, names))
        return _judged(text, candidates)

    return find


def ahocorasick_rs_peer(companies):
    """ahocorasick_rs (overlapping matches) over the folded text, then the engine's rules."""
    import ahocorasick_rs

    names = _names(companies)
    keys = list(names)
    automaton = ahocorasick_rs.AhoCorasick(keys)
    values = [names[k] for k in keys]

    def find(text: str) -> list:
        folded = fold(text)
        candidates = [
            (start, end, values[index])
            for index, start, end in automaton.find_matches_as_indexes(folded, overlapping=True)
            if whole_words(folded, start, end)
        ]
        return _judged(text, candidates)

    return find


def no_rules_matcher(companies):
    """A matcher with no rules at all: every name, any case, anywhere, longest first."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for company in companies:
        for name in (company.name, *(a for a, _ in company.aliases)):
            automaton.add_word(name.lower(), (len(name), company.slug))
    automaton.make_automaton()

    def find(text: str) -> set[tuple[int, int, str]]:
        spans = sorted(
            (
                (last - length + 1, last + 1, slug)
                for last, (length, slug) in automaton.iter(text.lower())
            ),
            key=lambda s: (s[0] - s[1], s[0]),
        )
        chosen, taken = set(), set()
        for start, end, slug in spans:
            if not taken.intersection(range(start, end)):
                chosen.add((start, end, slug))
                taken.update(range(start, end))
        return chosen

    return find


def adversarial_scores(find) -> tuple[float, float]:
    """(precision, recall) of ``find`` (text -> spans) on the adversarial matcher-quality set."""
    right = predicted = expected = 0
    for line in ADVERSARIAL.read_text().splitlines():
        case = json.loads(line)
        text, want, position = case["text"], set(), 0
        for exact, slug in case["companies"]:
            start = text.index(exact, position)
            want.add((start, start + len(exact), slug))
            position = start + len(exact)
        got = find(text)
        right += len(got & want)
        predicted += len(got)
        expected += len(want)
    return (right / predicted if predicted else 1.0, right / expected if expected else 1.0)


def _build_at_scale(companies: int) -> dict:
    """Build the matcher for a synthetic registry of ``companies`` in a fresh process."""
    code = (
        "import json, os, time, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'newsroom.settings')\n"
        "django.setup()\n"
        "from benchmarks.synthetic import registry\n"
        "from benchmarks.measure import rss_mb\n"
        "from engine.gazetteer import Matcher\n"
        f"companies = registry({companies})\n"
        "count = sum(len(c.aliases) for c in companies)\n"
        "start = time.perf_counter()\n"
        "matcher = Matcher(companies)\n"
        "took = time.perf_counter() - start\n"
        "print(json.dumps({'aliases': count, 'build_s': took, 'rss_mb': rss_mb()}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(table: Table) -> None:
    """Fill ``table`` with the engine's speed, memory and matcher-quality figures."""
    million = MILLION_ALIASES
    before = rss_mb()
    build_s, companies = timed(lambda: synthetic.registry(COMPANIES))
    aliases = sum(len(c.aliases) for c in companies)
    stories = synthetic.stories(companies, STORIES)
    print(
        f"engine: {COMPANIES:,} companies, {aliases:,} aliases, {STORIES} stories of about 1,000 words"
    )
    matcher_s, matcher = timed(lambda: Matcher(companies))
    registry = Registry(companies=tuple(companies))
    texts = [s.text for s in stories]

    def spans(mentions) -> set:
        return {(m.start, m.end, m.name.slug) for m in mentions}

    ours_ms, _ = median_ms(matcher.find, texts)
    engine_ms, _ = median_ms(lambda text: suggest(text, registry, matcher), texts)
    table.add(
        "whole engine, median per story",
        engine_ms,
        "ms",
        "company matching alone",
        ours_ms,
        "<= 2 ms",
        engine_ms <= 2,
        ratio=None,
    )
    for label, make in (
        ("pyahocorasick, same rules", pyahocorasick_peer),
        ("ahocorasick_rs, same rules", ahocorasick_rs_peer),
    ):
        try:
            peer_s, peer = timed(lambda make=make: make(companies))
        except ImportError:
            print(f"engine: {label} is not installed (pip install -e '.[bench]'); row left out")
            continue
        identical = all(spans(peer(t)) == spans(matcher.find(t)) for t in texts)
        peer_ms, _ = median_ms(peer, texts)
        table.add(
            "company matching, median per story",
            ours_ms,
            "ms",
            label,
            peer_ms,
            "<= the peer's, identical output",
            identical and ours_ms <= peer_ms,
        )
        table.add(f"  matcher build vs {label}", matcher_s, "s", label, peer_s, "", None)
        del peer
    table.add(
        "registry + matcher resident memory",
        rss_mb() - before,
        "MB",
        "process before it",
        before,
        "",
        None,
        ratio=None,
    )
    at_scale = _build_at_scale(-(-million * COMPANIES // max(aliases, 1)))
    table.add(
        f"matcher build at {at_scale['aliases']:,} aliases",
        at_scale["build_s"],
        "s",
        "",
        None,
        "<= 5 s",
        at_scale["build_s"] <= 5,
    )
    table.add(
        f"  resident memory at {at_scale['aliases']:,} aliases",
        at_scale["rss_mb"],
        "MB",
        "",
        None,
        "<= 700 MB",
        at_scale["rss_mb"] <= 700,
    )
    from tests.engine.gold import gold_registry

    gold = gold_registry().companies
    ours = Matcher(gold)
    ours_p, ours_r = adversarial_scores(lambda text: spans(ours.find(text)))
    bare_p, bare_r = adversarial_scores(no_rules_matcher(gold))
    for name, mine, theirs in (("precision", ours_p, bare_p), ("recall", ours_r, bare_r)):
        table.add(
            f"adversarial matcher set, {name}",
            mine,
            "",
            "a matcher with no rules",
            theirs,
            "1.00, above no rules",
            mine == 1.0 and mine > theirs if name == "precision" else mine == 1.0,
            ratio=None,
        )
    print(f"engine: synthetic registry generated in {build_s:.1f} s")

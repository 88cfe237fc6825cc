"""The suggestion engine at registry scale, timed side by side with its peers.

Company matching is compared with pyahocorasick and ahocorasick_rs doing the same job: each
library finds the candidate names, and the engine's own rules (``judge``, ``longest``) decide, so
the three must give identical output; only the way candidates are found differs. The build at a
million aliases runs in a fresh process so that its resident memory is its own.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

from engine import Registry, suggest
from engine.gazetteer import Matcher, fold, judge, longest, whole_words

from . import synthetic
from .measure import Table, median_ms, rss_mb, timed

COMPANIES = 100_000
STORIES = 60
MILLION_ALIASES = 1_000_000
CPU = time.thread_time
ADVERSARIAL = Path(__file__).resolve().parent.parent / "tests/fixtures/gold/matcher.jsonl"


def _judged(text: str, candidates, matcher: Matcher) -> list:
    found = []
    for start, end, number in candidates:
        for name in matcher.names(number):
            mention = judge(text, start, end, name)
            if mention:
                found.append(mention)
    return longest(found)


def pyahocorasick_peer(companies):
    """pyahocorasick over the folded text, then the engine's rules."""
    import ahocorasick

    names = Matcher(companies)  # the names and rules; its own automaton is not used
    automaton = ahocorasick.Automaton()
    for key, number in names.spellings():
        automaton.add_word(key, (len(key), number))
    automaton.make_automaton()

    def find(text: str) -> list:
        folded = fold(text)
        candidates = []
        for last, (length, number) in automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if whole_words(folded, start, end):
                candidates.append((start, end, number))
        return _judged(text, candidates, names)

    return find


def ahocorasick_rs_peer(companies):
    """ahocorasick_rs (overlapping matches) over the folded text, then the engine's rules."""
    import ahocorasick_rs

    names = Matcher(companies)  # the names and rules; its own automaton is not used
    keys, values = zip(*names.spellings(), strict=True) if names.size else ((), ())
    automaton = ahocorasick_rs.AhoCorasick(list(keys))

    def find(text: str) -> list:
        folded = fold(text)
        candidates = [
            (start, end, values[index])
            for index, start, end in automaton.find_matches_as_indexes(folded, overlapping=True)
            if whole_words(folded, start, end)
        ]
        return _judged(text, candidates, names)

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
        "start, cpu = time.perf_counter(), time.process_time()\n"
        "matcher = Matcher(companies)\n"
        "took, cpu = time.perf_counter() - start, time.process_time() - cpu\n"
        "print(json.dumps({'aliases': count, 'build_s': took, 'cpu_s': cpu, 'rss_mb': rss_mb()}))\n"
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

    ours_ms, _ = median_ms(matcher.find, texts, clock=CPU)
    engine_ms, _ = median_ms(lambda text: suggest(text, registry, matcher), texts, clock=CPU)
    engine_wall_ms, _ = median_ms(lambda text: suggest(text, registry, matcher), texts)
    table.add(
        "whole engine, median per story (CPU)",
        engine_ms,
        "ms",
        "company matching alone",
        ours_ms,
        "<= 2 ms",
        engine_ms <= 2,
        ratio=None,
    )
    table.add(
        "  whole engine, median per story (wall)",
        engine_wall_ms,
        "ms",
        "",
        None,
        "",
        None,
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
        peer_ms, _ = median_ms(peer, texts, clock=CPU)
        table.add(
            "company matching, median per story (CPU)",
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
    # Aliases per company fall as names start to collide, hence the margin.
    at_scale = _build_at_scale(-(-million * COMPANIES * 116 // (max(aliases, 1) * 100)))
    table.add(
        f"matcher build at {at_scale['aliases']:,} aliases (CPU)",
        at_scale["cpu_s"],
        "s",
        "wall time",
        at_scale["build_s"],
        "<= 5 s",
        at_scale["cpu_s"] <= 5,
        ratio=None,
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

"""The suggestion engine at registry scale, against a regex alternation and spaCy's PhraseMatcher."""

import re

from engine import Registry, suggest
from engine.gazetteer import Matcher

from . import synthetic
from .measure import Table, median_ms, rss_mb, timed

COMPANIES = 100_000
STORIES = 60


def _recall(found: set, stories: list[synthetic.Story], count: int) -> float:
    truth = set().union(*({(i, *m) for m in s.mentions} for i, s in enumerate(stories[:count])))
    return len(found & truth) / len(truth)


def _ours(matcher: Matcher, stories):
    found = set()

    def run(indexed):
        i, story = indexed
        for m in matcher.find(story.text):
            found.add((i, m.start, m.end, m.name.slug))

    return run, found


def _regex(companies):
    names = {}
    for company in companies:
        for name in (company.name, *(a for a, _ in company.aliases)):
            names.setdefault(name.lower(), company.slug)
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
    found = set()

    def run(indexed):
        i, story = indexed
        for m in pattern.finditer(story.text):
            found.add((i, m.start(), m.end(), names[m.group().lower()]))

    return pattern, run, found


def _spacy(companies):
    import spacy
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Span
    from spacy.util import filter_spans

    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    texts, keys = [], []
    for company in companies:
        for name in (company.name, *(a for a, _ in company.aliases)):
            texts.append(name)
            keys.append(company.slug)
    for key, doc in zip(keys, nlp.tokenizer.pipe(texts, batch_size=2000), strict=True):
        matcher.add(key, [doc])
    found = set()

    def run(indexed):
        i, story = indexed
        doc = nlp.make_doc(story.text)
        spans = [Span(doc, s, e, label=key) for key, s, e in matcher(doc)]
        for span in filter_spans(spans):
            found.add((i, span.start_char, span.end_char, span.label_))

    return matcher, run, found


def run(table: Table) -> None:
    before = rss_mb()
    build_s, companies = timed(lambda: synthetic.registry(COMPANIES))
    aliases = sum(len(c.aliases) for c in companies)
    stories = synthetic.stories(companies, STORIES)
    print(
        f"engine: {COMPANIES:,} companies, {aliases:,} aliases, {STORIES} stories of about 1,000 words"
    )

    matcher_s, matcher = timed(lambda: Matcher(companies))
    registry_mb = rss_mb() - before
    registry = Registry(companies=tuple(companies))
    indexed = list(enumerate(stories))

    ours, ours_found = _ours(matcher, stories)
    ours_ms, ours_n = median_ms(ours, indexed)
    engine_ms, _ = median_ms(lambda item: suggest(item[1].text, registry, matcher), indexed)
    ours_recall = _recall(ours_found, stories, ours_n)

    regex_build_s, (pattern, regex_run, regex_found) = timed(lambda: _regex(companies))
    regex_ms, regex_n = median_ms(regex_run, indexed[:3], budget_s=45)
    regex_recall = _recall(regex_found, stories, regex_n)
    del pattern

    table.add(
        "company matching, median per story",
        ours_ms,
        "ms",
        "regex alternation",
        regex_ms,
        "<= 5 ms, fastest",
        ours_ms <= 5 and ours_ms < regex_ms,
    )
    table.add(
        "  recall: ours vs regex alternation",
        ours_recall,
        "",
        "regex alternation",
        regex_recall,
        ">= the other's",
        ours_recall >= regex_recall,
        ratio=ours_recall / regex_recall if regex_recall else None,
    )
    try:
        spacy_build_s, (spacy_matcher, spacy_run, spacy_found) = timed(lambda: _spacy(companies))
    except ImportError:
        print("engine: spaCy is not installed (pip install -e '.[bench]'); its row is left out")
    else:
        spacy_ms, spacy_n = median_ms(spacy_run, indexed)
        spacy_recall = _recall(spacy_found, stories, spacy_n)
        table.add(
            "company matching vs spaCy PhraseMatcher",
            ours_ms,
            "ms",
            "spaCy PhraseMatcher",
            spacy_ms,
            "fastest",
            ours_ms < spacy_ms,
        )
        table.add(
            "  recall: ours vs spaCy PhraseMatcher",
            ours_recall,
            "",
            "spaCy PhraseMatcher",
            spacy_recall,
            ">= the other's",
            ours_recall >= spacy_recall,
            ratio=ours_recall / spacy_recall if spacy_recall else None,
        )
        table.add(
            "  matcher build: ours vs spaCy",
            matcher_s,
            "s",
            "spaCy PhraseMatcher",
            spacy_build_s,
            "",
            None,
        )
        del spacy_matcher
    table.add(
        "whole engine, median per story",
        engine_ms,
        "ms",
        "company matching alone",
        ours_ms,
        "<= 20 ms",
        engine_ms <= 20,
    )
    table.add(
        "matcher build (100k companies)",
        matcher_s,
        "s",
        "regex alternation compile",
        regex_build_s,
        "<= 3 s",
        matcher_s <= 3,
    )
    table.add(
        "registry + matcher resident memory",
        registry_mb,
        "MB",
        "process before it",
        before,
        "<= 300 MB",
        registry_mb <= 300,
        ratio=None,
    )
    print(f"engine: synthetic registry generated in {build_s:.1f} s")

"""The benchmark harness runs end to end at a small scale, so it cannot rot unnoticed."""

from benchmarks import engine, synthetic
from benchmarks.measure import Table
from engine.gazetteer import Matcher


def test_synthetic_stories_name_the_companies_they_say_they_do():
    companies = synthetic.registry(500)
    story = synthetic.stories(companies, 1, words=300, mentions=10)[0]
    names = {c.slug: {c.name, *(a for a, _ in c.aliases)} for c in companies}

    assert len(story.mentions) == 10
    for start, end, slug in story.mentions:
        assert story.text[start:end] in names[slug]
    found = {(m.start, m.end, m.name.slug) for m in Matcher(companies).find(story.text)}
    assert story.mentions <= found


def test_engine_benchmark_fills_its_table_at_a_small_scale(monkeypatch):
    monkeypatch.setattr(engine, "COMPANIES", 300)
    monkeypatch.setattr(engine, "STORIES", 3)
    monkeypatch.setattr(engine, "MILLION_ALIASES", 2_000)
    table = Table()

    engine.run(table)

    rows = {(row[0], row[2]): row for row in table.rows}
    assert ("company matching, median per story (CPU)", "pyahocorasick, same rules") in rows
    assert ("company matching, median per story (CPU)", "ahocorasick_rs, same rules") in rows
    assert ("whole engine, median per story (CPU)", "company matching alone") in rows
    assert any(figure.startswith("matcher build at ") for figure, _ in rows)
    assert "figure" in table.render()


def test_peers_give_the_matchers_output_exactly():
    companies = synthetic.registry(2_000)
    stories = synthetic.stories(companies, 3, words=400, mentions=20)
    matcher = Matcher(companies)
    peers = [engine.pyahocorasick_peer(companies), engine.ahocorasick_rs_peer(companies)]

    for story in stories:
        ours = [(m.start, m.end, m.name.slug) for m in matcher.find(story.text)]
        assert story.mentions <= set(ours)
        for peer in peers:
            assert [(m.start, m.end, m.name.slug) for m in peer(story.text)] == ours


def test_the_adversarial_set_fails_a_matcher_with_no_rules_and_not_ours():
    from tests.engine.gold import gold_registry

    companies = gold_registry().companies
    matcher = Matcher(companies)

    ours = engine.adversarial_scores(
        lambda text: {(m.start, m.end, m.name.slug) for m in matcher.find(text)}
    )
    bare = engine.adversarial_scores(engine.no_rules_matcher(companies))

    assert ours == (1.0, 1.0)
    assert bare[0] < 0.7 and bare[1] < 1.0

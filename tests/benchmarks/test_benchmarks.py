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
    table = Table()

    engine.run(table)

    figures = [row[0] for row in table.rows]
    assert "company matching, median per story" in figures
    assert "whole engine, median per story" in figures
    assert "figure" in table.render()

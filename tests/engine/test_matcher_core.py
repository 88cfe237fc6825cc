"""The company matcher's automaton reads a copy of the text with word boundaries made spaces; it
must find exactly what a plain automaton over the text finds, whatever the characters around."""

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.engine import pyahocorasick_peer
from engine.gazetteer import Matcher
from tests.engine.gold import gold_registry

COMPANIES = gold_registry().companies
MATCHER = Matcher(COMPANIES)
PEER = pyahocorasick_peer(COMPANIES)
NAMES = [c.name for c in COMPANIES] + [a for c in COMPANIES for a, _ in c.aliases]
# Word characters, ASCII and other punctuation, spaces of every kind, and an emoji.
AROUND = st.sampled_from(
    ["", " ", "  ", "x", "é", "_", "-", "'", "’", "“", "”", "—", ".", ",", "(", "&", "\n", "\t",
     "\xa0", "🚀", "s", "'s", "’s", "1"]
)  # fmt: skip


def spans(mentions) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.name.slug) for m in mentions]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(AROUND, st.sampled_from(NAMES), AROUND), max_size=8))
def test_matcher_finds_what_a_plain_automaton_finds(parts):
    text = "".join(a + (name.upper() if len(a) == 2 else name) + b for a, name, b in parts)

    assert spans(MATCHER.find(text)) == spans(PEER(text))


def test_a_name_beside_punctuation_of_any_script_is_found():
    for text in ("“Acme” said", "(Acme)", "Acme’s deal", "—Acme—", "Acme🚀", "«Acme»"):
        assert [m.name.slug for m in MATCHER.find(text)] == ["acme"], text


def test_a_name_inside_a_word_or_joined_by_other_punctuation_is_not():
    for text in ("Acmeville", "reAcme", "Acme_Bolt", "Acmeé"):
        assert MATCHER.find(text) == [], text
    assert [m.name.slug for m in MATCHER.find("AT&T and AT-T")] == ["att"]

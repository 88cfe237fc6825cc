"""Re-anchoring never moves an annotation to other words without an editor: sentence deletion,
reordering and duplication, and a property over random sentence-level edits."""

from hypothesis import given, settings
from hypothesis import strategies as st

from structuring.anchoring import Anchor, reanchor
from structuring.quotes import quote_selector

SENTENCES = [
    "China Telecom extended its joint venture with AT&T for ten years.",
    "Orange said its partnership would reach Africa.",
    "Analysts at Jefferies called the AT&T deal modest.",
    "The venture runs data centres in Shanghai.",
    "AT&T shares were flat in New York.",
]


def body_of(sentences: list[str]) -> str:
    return " ".join(sentences)


def anchor_in(body: str, sentence: str, words: str) -> Anchor:
    start = body.index(sentence) + sentence.index(words)
    end = start + len(words)
    return Anchor(start, end, *quote_selector(body, start, end))


def test_deleting_the_sentence_of_a_mention_sends_it_for_review_not_elsewhere():
    old = body_of(SENTENCES)
    mention = anchor_in(old, SENTENCES[0], "AT&T")
    new = body_of(SENTENCES[1:])  # "AT&T" is still in two other sentences

    [placed] = reanchor(old, new, [mention])

    assert placed.state == "needs_review"


def test_moving_a_sentence_keeps_the_mention_with_its_words():
    old = body_of(SENTENCES)
    mention = anchor_in(old, SENTENCES[3], "Shanghai")
    new = body_of([SENTENCES[3], *SENTENCES[:3], SENTENCES[4]])

    [placed] = reanchor(old, new, [mention])

    assert placed.state == "anchored"
    assert new[placed.start : placed.end] == "Shanghai"
    assert placed.start == new.index(SENTENCES[3]) + SENTENCES[3].index("Shanghai")


def test_duplicating_a_sentence_keeps_the_mention_where_it_was():
    old = body_of(SENTENCES)
    mention = anchor_in(old, SENTENCES[1], "Orange")
    new = body_of([*SENTENCES[:2], SENTENCES[1], *SENTENCES[2:]])

    [placed] = reanchor(old, new, [mention])

    assert placed.state == "anchored"
    assert placed.start == mention.start


edits = st.lists(
    st.one_of(
        st.tuples(st.just("delete"), st.integers(0, 4)),
        st.tuples(st.just("duplicate"), st.integers(0, 4)),
        st.tuples(st.just("swap"), st.integers(0, 4), st.integers(0, 4)),
        st.tuples(st.just("insert"), st.integers(0, 4), st.sampled_from(["Separately, ", "Also "])),
    ),
    min_size=1,
    max_size=4,
)


def apply(sentences: list[str], edit: tuple) -> list[str]:
    out = list(sentences)
    if not out:
        return out
    index = edit[1] % len(out)
    if edit[0] == "delete":
        del out[index]
    elif edit[0] == "duplicate":
        out.insert(index, out[index])
    elif edit[0] == "swap":
        other = edit[2] % len(out)
        out[index], out[other] = out[other], out[index]
    else:
        out[index] = edit[2] + out[index][0].lower() + out[index][1:]
    return out


@settings(max_examples=300, deadline=None)
@given(
    edits, st.sampled_from([(0, "AT&T"), (2, "AT&T"), (4, "AT&T"), (1, "Orange"), (3, "venture")])
)
def test_an_anchored_mention_is_its_own_words_in_its_own_context_or_it_is_flagged(edits, target):
    old = body_of(SENTENCES)
    index, words = target
    mention = anchor_in(old, SENTENCES[index], words)
    sentences = list(SENTENCES)
    for edit in edits:
        sentences = apply(sentences, edit)
    new = body_of(sentences)

    [placed] = reanchor(old, new, [mention])

    if placed.state != "anchored":
        return
    assert new[placed.start : placed.end] == words
    # Its own sentence is still there around it, word for word beyond the mention itself.
    own = SENTENCES[index]
    offset = own.index(words)
    sentence_start = placed.start - offset
    assert new[sentence_start : sentence_start + len(own)].endswith(own[offset:]) or new[
        sentence_start : sentence_start + len(own)
    ].lower().endswith(own[offset:].lower())

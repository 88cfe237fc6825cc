"""Re-anchoring in long stories, where the diff goes paragraph by paragraph, then word by word.

The character diff is kept for short changed stretches; the properties below lower
``CHARACTER_DIFF_LIMIT`` so that stories of a few paragraphs take the long-story path.
"""

from unittest.mock import patch

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from structuring import anchoring
from structuring.anchoring import Anchor, reanchor
from structuring.quotes import quote_selector

paragraphs = st.lists(
    st.text(alphabet="abcde fgh.XY", min_size=1, max_size=60), min_size=2, max_size=6
).map("\n\n".join)
foreign = st.text(alphabet="0123456789#", min_size=1, max_size=30)
edits = st.lists(st.tuples(st.integers(0, 400), st.integers(0, 20), foreign), max_size=3)


def edited(body: str, changes) -> str:
    for at, cut, inserted in changes:
        at = min(at, len(body))
        body = body[:at] + inserted + body[at + cut :]
    return body


def long_path(limit: int):
    """The diff as it runs on a long story, for texts of a few paragraphs."""
    anchoring._offset_map.cache_clear()
    return patch.object(anchoring, "CHARACTER_DIFF_LIMIT", limit)


@settings(max_examples=300, deadline=None)
@given(paragraphs, edits, st.sampled_from([0, 400, anchoring.CHARACTER_DIFF_LIMIT]))
def test_the_diff_turns_the_old_text_into_the_new_one(old, changes, limit):
    new = edited(old, changes)
    with long_path(limit):
        ops = anchoring._diff(old, new)
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
        i, j = i2, j2
    assert (i, j) == (len(old), len(new))


@st.composite
def body_and_spans(draw):
    body = draw(paragraphs)
    spans = []
    for _ in range(draw(st.integers(1, 5))):
        start = draw(st.integers(0, len(body) - 1))
        end = draw(st.integers(start + 1, min(len(body), start + 12)))
        spans.append(Anchor(start, end, *quote_selector(body, start, end)))
    return body, spans


@settings(max_examples=300, deadline=None)
@given(body_and_spans(), edits, st.sampled_from([0, 400]))
def test_no_annotation_is_anchored_unless_its_words_are_at_its_span(data, changes, limit):
    body, anchors = data
    new = edited(body, changes)
    with long_path(limit):
        placements = reanchor(body, new, anchors)
    assert len(placements) == len(anchors)
    for anchor, placed in zip(anchors, placements, strict=True):
        assert placed.end > placed.start >= 0
        if placed.state == "anchored":
            assert new[placed.start : placed.end] == anchor.exact


@settings(max_examples=300, deadline=None)
@given(body_and_spans(), st.integers(0, 400), foreign)
def test_an_edit_outside_every_span_shifts_each_exactly(data, at, inserted):
    body, anchors = data
    at = min(at, len(body))
    assume(all(at <= a.start or at >= a.end for a in anchors))
    new = body[:at] + inserted + body[at:]
    with long_path(400):
        placements = reanchor(body, new, anchors)
    for anchor, placed in zip(anchors, placements, strict=True):
        shift = len(inserted) if at <= anchor.start else 0
        assert placed.state == "anchored"
        assert (placed.start, placed.end) == (anchor.start + shift, anchor.end + shift)


def test_two_edits_far_apart_in_a_long_story_keep_every_mention_anchored():
    sentence = "Company {n} said demand for its services had grown faster than expected. "
    body = "\n\n".join("".join(sentence.format(n=p * 8 + s) for s in range(8)) for p in range(150))
    anchors = []
    for n in range(0, 1200, 7):
        start = body.index(f"Company {n} ")
        anchors.append(
            Anchor(
                start,
                start + len(f"Company {n}"),
                *quote_selector(body, start, start + len(f"Company {n}")),
            )
        )
    new = "A new first sentence. " + body.replace(
        "Company 1190 said", "Company 1190 told reporters"
    )
    placements = reanchor(body, new, anchors)
    assert all(p.state == "anchored" for p in placements)
    assert [new[p.start : p.end] for p in placements] == [a.exact for a in anchors]

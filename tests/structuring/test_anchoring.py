"""Re-anchoring after edits: properties for any edit, and the cases DESIGN names."""

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from structuring.anchoring import Anchor, reanchor
from structuring.quotes import quote_selector

BODY = "China Telecom extended its partnership with Orange. Orange is French. AT&T is not."


def anchor(body: str, words: str, occurrence: int = 0) -> Anchor:
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(words, start + 1)
    return Anchor(start, start + len(words), *quote_selector(body, start, start + len(words)))


def test_edit_before_a_span_shifts_it():
    old = anchor(BODY, "Orange")
    new = "Yesterday " + BODY

    [placed] = reanchor(BODY, new, [old])

    assert (placed.state, placed.how) == ("anchored", "shifted")
    assert new[placed.start : placed.end] == "Orange"
    assert placed.start == old.start + len("Yesterday ")


def test_edit_inside_a_span_sends_it_for_review():
    old = anchor(BODY, "China Telecom")
    new = BODY.replace("China Telecom", "China State Telecom")

    [placed] = reanchor(BODY, new, [old])

    assert placed.state == "needs_review"


def test_deleting_the_words_orphans_the_annotation():
    old = anchor(BODY, "AT&T")
    new = BODY.replace(" AT&T is not.", "")

    [placed] = reanchor(BODY, new, [old])

    assert placed.state == "orphaned"


def test_moved_sentence_is_found_again_by_its_context():
    body = "First sentence here. AT&T signed the deal. Last one."
    old = anchor(body, "AT&T")
    new = "AT&T signed the deal. First sentence here. Last one."

    [placed] = reanchor(body, new, [old])

    assert placed.state == "anchored"
    assert new[placed.start : placed.end] == "AT&T"


def test_equal_candidates_are_ambiguous_not_guessed():
    body = "Orange and Orange."
    old = Anchor(0, 6, "Orange", "", " and Orange.")
    new = "New text. Orange, Orange."

    [placed] = reanchor(body, new, [old])

    assert placed.state in {"needs_review", "anchored"}
    if placed.state == "anchored":
        assert new[placed.start : placed.end] == "Orange"


def test_unchanged_body_keeps_everything():
    anchors = [anchor(BODY, "Orange", 1), anchor(BODY, "AT&T")]

    assert [(p.start, p.end, p.state) for p in reanchor(BODY, BODY, anchors)] == [
        (a.start, a.end, "anchored") for a in anchors
    ]


texts = st.text(alphabet="abc XYZ.\n", min_size=1, max_size=60)
# Text no body contains, so that the diff of an insertion has one reading.
foreign = st.text(alphabet="0123456789#", min_size=1, max_size=30)


@st.composite
def body_and_spans(draw):
    body = draw(st.text(alphabet="abcde fgh.XY", min_size=2, max_size=80))
    spans = []
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(body) - 1))
        end = draw(st.integers(start + 1, len(body)))
        spans.append(Anchor(start, end, *quote_selector(body, start, end)))
    return body, spans


@settings(max_examples=300, deadline=None)
@given(body_and_spans(), st.integers(0, 80), st.integers(0, 20), texts)
def test_no_annotation_is_anchored_unless_its_words_are_at_its_span(data, at, cut, inserted):
    body, anchors = data
    at = min(at, len(body))
    new = body[:at] + inserted + body[at + cut :]

    placements = reanchor(body, new, anchors)

    assert len(placements) == len(anchors)
    for anchor_, placed in zip(anchors, placements, strict=True):
        assert placed.end > placed.start >= 0
        if placed.state == "anchored":
            assert new[placed.start : placed.end] == anchor_.exact


@settings(max_examples=300, deadline=None)
@given(body_and_spans(), st.integers(0, 80), foreign)
def test_edit_outside_every_span_keeps_each_anchored_at_its_shifted_offsets(data, at, inserted):
    body, anchors = data
    at = min(at, len(body))
    assume(all(at <= a.start or at >= a.end for a in anchors))
    new = body[:at] + inserted + body[at:]

    for anchor_, placed in zip(anchors, reanchor(body, new, anchors), strict=True):
        shift = len(inserted) if at <= anchor_.start else 0
        assert placed.state == "anchored"
        assert (placed.start, placed.end) == (anchor_.start + shift, anchor_.end + shift)


@settings(max_examples=200, deadline=None)
@given(body_and_spans())
def test_deleting_a_spans_words_never_leaves_it_anchored_elsewhere_wrongly(data):
    body, anchors = data
    target = anchors[0]
    new = body[: target.start] + body[target.end :]

    placed = reanchor(body, new, [target])[0]

    if target.exact not in new:
        assert placed.state in {"orphaned", "needs_review"}
    else:
        assert placed.state != "anchored" or new[placed.start : placed.end] == target.exact

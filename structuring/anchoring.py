"""Re-anchor annotations after a body edit: follow each span through the diff, or find it again.

Pure functions over text. An annotation stays ``anchored`` only when its words are still at its
span; otherwise its ``exact`` words are searched for near where the diff says they went, with the
prefix and suffix deciding between candidates. Words found elsewhere stay anchored only when they
moved with their context (the remembered prefix and suffix agree in full, as when a paragraph is
moved): the same name in another sentence is for an editor to confirm, so it becomes
``needs_review``, as does a fuzzy or ambiguous match; no match at all becomes ``orphaned``.
Nothing is ever dropped, and nothing is silently moved to other words.
"""

import bisect
import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

AnchorState = Literal["anchored", "needs_review", "orphaned"]

# How much better than the runner-up a candidate must score to be a clear winner.
CLEAR_MARGIN = 0.25
# How alike the words at the mapped span must be to the old words to count as a fuzzy match.
FUZZY_RATIO = 0.6


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Placement:
    start: int
    end: int
    state: AnchorState
    how: str  # "kept", "shifted", "found", "ambiguous", "fuzzy", "lost"


# A character diff is quadratic: past this many pairs of characters (two paragraphs of about
# 1,400 characters) a changed stretch is first diffed paragraph by paragraph, then word by word,
# and only the small stretches that still differ are diffed by character. A copy editor's pass
# over a 10,000-word story then costs milliseconds instead of seconds.
CHARACTER_DIFF_LIMIT = 40_000
# Paragraphs with the line breaks after them, then words with the spaces after them: each
# tiles the text, so the pieces' offsets add up to character offsets.
_PIECES = (re.compile(r"[^\n]*\n*"), re.compile(r"\S+\s*|\s+"))

Opcode = tuple[str, int, int, int, int]


def _pieces(text: str, level: int) -> list[str]:
    return [piece for piece in _PIECES[level].findall(text) if piece]


def _diff(old: str, new: str, level: int = 0) -> list[Opcode]:
    """Opcodes (``difflib``'s) turning ``old`` into ``new``, in character offsets."""
    if not old or not new:
        tag = "insert" if new else "delete"
        return [(tag, 0, len(old), 0, len(new))] if old or new else []
    if len(old) * len(new) <= CHARACTER_DIFF_LIMIT:
        return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    if level == len(_PIECES):  # one long word changed into another: no finer reading
        return [("replace", 0, len(old), 0, len(new))]
    a, b = _pieces(old, level), _pieces(new, level)
    at_a, at_b = [0], [0]
    for piece in a:
        at_a.append(at_a[-1] + len(piece))
    for piece in b:
        at_b.append(at_b[-1] + len(piece))
    # Words repeat ("the "): the matcher's heuristic for popular items keeps it near-linear.
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=level > 0)
    ops: list[Opcode] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            ops.append((tag, at_a[i1], at_a[i2], at_b[j1], at_b[j2]))
            continue
        # As many pieces on each side: each one was edited in place, diff them pairwise.
        if i2 - i1 == j2 - j1:
            pairs = list(zip(range(i1, i2), range(j1, j2), strict=True))
        else:
            pairs = [(None, None)]
        for i, j in pairs:
            x1, x2 = (at_a[i1], at_a[i2]) if i is None else (at_a[i], at_a[i + 1])
            y1, y2 = (at_b[j1], at_b[j2]) if j is None else (at_b[j], at_b[j + 1])
            ops += [
                (t, x1 + p1, x1 + p2, y1 + q1, y1 + q2)
                for t, p1, p2, q1, q2 in _diff(old[x1:x2], new[y1:y2], level + 1)
            ]
    return ops


def _agreeing(same: Callable[[int], bool], limit: int) -> int:
    """The largest ``n <= limit`` for which ``same(n)`` holds (it holds up to a point, then
    not): found by halving, each test one comparison of slices, rather than a character at a
    time in Python."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low


class OffsetMap:
    """Maps offsets in the old text to offsets in the new one through a character diff."""

    def __init__(self, old: str, new: str):
        limit = min(len(old), len(new))
        prefix = _agreeing(lambda n: old[:n] == new[:n], limit)
        suffix = _agreeing(lambda n: old[len(old) - n :] == new[len(new) - n :], limit - prefix)
        # Only the changed middle is diffed: most edits are local.
        middle = _diff(old[prefix : len(old) - suffix], new[prefix : len(new) - suffix])
        ops = [("equal", 0, prefix, 0, prefix)]
        ops += [
            (t, i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix) for t, i1, i2, j1, j2 in middle
        ]
        ops.append(("equal", len(old) - suffix, len(old), len(new) - suffix, len(new)))
        # Insertions cover no old character; the ops that do tile the old text in order.
        self.ops = [op for op in ops if op[2] > op[1]]
        self.starts = [op[1] for op in self.ops]

    def map(self, position: int, *, is_end: bool) -> int:
        """Where ``position`` went. A start moves past text inserted at it; an end does not."""
        if not self.ops:
            return 0
        if is_end:
            index = max(bisect.bisect_left(self.starts, position) - 1, 0)
        else:
            index = max(bisect.bisect_right(self.starts, position) - 1, 0)
        tag, i1, _, j1, j2 = self.ops[index]
        if tag == "equal":
            return j1 + min(position - i1, j2 - j1)
        return j2 if is_end else j1


def _context_score(new: str, start: int, end: int, anchor: Anchor) -> float:
    """How well the text around a candidate agrees with the remembered prefix and suffix (0-1)."""
    score, weight = 0.0, 0
    if anchor.prefix:
        before = new[max(0, start - len(anchor.prefix)) : start]
        agree = 0
        for a, b in zip(reversed(before), reversed(anchor.prefix), strict=False):
            if a != b:
                break
            agree += 1
        score += agree / len(anchor.prefix)
        weight += 1
    if anchor.suffix:
        after = new[end : end + len(anchor.suffix)]
        agree = 0
        for a, b in zip(after, anchor.suffix, strict=False):
            if a != b:
                break
            agree += 1
        score += agree / len(anchor.suffix)
        weight += 1
    return score / weight if weight else 0.0


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+|\n")


_SENTENCE_END_BEFORE = re.compile(r"(?:[.!?][\"”’)]*\s+|\n)$")


def _own_sentence_context(anchor: Anchor) -> tuple[str, str]:
    """The remembered prefix and suffix cut to the annotation's own sentence: what must still
    surround its words for them to be the same mention."""
    breaks = list(_SENTENCE_BREAK.finditer(anchor.prefix))
    prefix = anchor.prefix[breaks[-1].end() :] if breaks else anchor.prefix
    found = _SENTENCE_BREAK.search(anchor.suffix)
    suffix = anchor.suffix[: found.start() + 1] if found else anchor.suffix
    return prefix, suffix


def _sides_agreeing(new: str, start: int, end: int, anchor: Anchor) -> tuple[bool, bool]:
    """Whether the text before and after a span still reads as the mention's own sentence."""
    prefix, suffix = _own_sentence_context(anchor)
    if prefix:
        before = new[max(0, start - len(prefix)) : start] == prefix
    else:  # the mention began its sentence: it must still begin one
        before = (
            start == 0 or _SENTENCE_END_BEFORE.search(new, max(0, start - 8), start) is not None
        )
    if suffix:
        after = new[end : end + len(suffix)] == suffix
    else:
        after = end == len(new) or _SENTENCE_BREAK.match(new, end) is not None
    return before, after


def _occurrences(text: str, words: str) -> list[int]:
    found, at = [], text.find(words)
    while at != -1:
        found.append(at)
        at = text.find(words, at + 1)
    return found


def _whole(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether a span begins and ends at word boundaries."""
    before = start == 0 or not (text[start - 1].isalnum() and text[start].isalnum())
    after = end == len(text) or not (text[end - 1].isalnum() and text[end].isalnum())
    return before, after


def _boundaries_kept(anchor: Anchor, new: str, start: int, end: int) -> bool:
    """A span that was whole words must still be: 'Telecom' inside 'Telecommunications' is not."""
    was_before = not anchor.prefix or not (
        anchor.prefix[-1].isalnum() and anchor.exact[:1].isalnum()
    )
    was_after = not anchor.suffix or not (
        anchor.exact[-1:].isalnum() and anchor.suffix[0].isalnum()
    )
    now_before, now_after = _whole(new, start, end)
    return (now_before or not was_before) and (now_after or not was_after)


def place(anchor: Anchor, new: str, offsets: OffsetMap) -> Placement:
    """Where one annotation belongs in the new text, and how sure we are."""
    start = offsets.map(anchor.start, is_end=False)
    end = max(offsets.map(anchor.end, is_end=True), start)
    if (
        new[start:end] == anchor.exact
        and end > start
        and any(_sides_agreeing(new, start, end, anchor))
    ):
        # The diff carried the words here and their sentence still holds them on one side at
        # least (an edit may touch the other); words the diff lands on in another sentence are
        # looked for again below.
        moved = (start, end) != (anchor.start, anchor.end)
        return Placement(start, end, "anchored", "shifted" if moved else "kept")
    candidates = _occurrences(new, anchor.exact) if anchor.exact else []
    if candidates:
        length = len(anchor.exact)
        span = max(len(new), 1)
        scored = sorted(
            (
                _context_score(new, c, c + length, anchor) - abs(c - start) / span,
                c,
            )
            for c in candidates
        )
        best_score, best = scored[-1]
        runner_up = scored[-2][0] if len(scored) > 1 else None
        clear = runner_up is None or best_score - runner_up >= CLEAR_MARGIN
        moved_with_sentence = all(_sides_agreeing(new, best, best + length, anchor))
        if clear and moved_with_sentence and _boundaries_kept(anchor, new, best, best + length):
            return Placement(best, best + length, "anchored", "found")
        return Placement(best, best + length, "needs_review", "ambiguous")
    if end > start:
        ratio = difflib.SequenceMatcher(None, anchor.exact, new[start:end], autojunk=False).ratio()
        if ratio >= FUZZY_RATIO:
            return Placement(start, end, "needs_review", "fuzzy")
    lost_start = min(start, max(len(new) - 1, 0))
    return Placement(lost_start, lost_start + max(len(anchor.exact), 1), "orphaned", "lost")


@functools.lru_cache(maxsize=2)
def _offset_map(old: str, new: str) -> OffsetMap:
    # A saved body moves annotations and then claims' evidence through the same diff.
    return OffsetMap(old, new)


def reanchor(old: str, new: str, anchors: list[Anchor]) -> list[Placement]:
    """Place every annotation of ``old`` in ``new``; one placement per anchor, in order."""
    if old == new:
        return [Placement(a.start, a.end, "anchored", "kept") for a in anchors]
    offsets = _offset_map(old, new)
    return [place(anchor, new, offsets) for anchor in anchors]

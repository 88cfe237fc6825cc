"""Which parts of a story can report a deal: past the dateline, outside quoted speech, and in
which clause of a sentence each deal word stands."""

import re

from .clauses import CompanyRef, Cue
from .dealwords import CLAUSE_BREAKS
from .speakers import SCARE_QUOTE_WORDS

_CLAUSE = re.compile(CLAUSE_BREAKS, re.IGNORECASE)
# "TOKYO (Reuters) - ", "(RTTNews) - ", "StockMarketWire.com - ": the agency that carries the
# story, named before it begins; never a party.
_DATELINE = re.compile(
    r"^(?:\s*date \S+\s+)?[^\n]{0,60}?(?:\([^()\n]{1,40}\)|\b\w+\.com)\s*(?:--|[-–—])\s",
    re.MULTILINE,
)


def datelines(text: str) -> list[tuple[int, int]]:
    """The spans of the datelines in the story's first lines."""
    return [m.span() for m in _DATELINE.finditer(text, 0, 400)]


def unquoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Parts of text[start:end] outside quotation marks: speech reports views, not deals."""
    sentence = text[start:end]
    if "“" not in sentence and "”" not in sentence and '"' not in sentence:
        return [(start, end)]
    parts, position, inside, opened = [], start, False, start
    for i in range(start, end):
        if text[i] in '“”"':
            opening = text[i] == "“" or (text[i] == '"' and not inside)
            if opening and not inside:
                parts.append((position, i))
                inside, opened = True, i
            elif inside:
                inside = False
                if len(text[opened + 1 : i].split()) <= SCARE_QUOTE_WORDS:
                    position = parts.pop()[0]  # scare quotes: the words are the writer's
                else:
                    position = i + 1
    if not inside:
        parts.append((position, end))
    return [(a, b) for a, b in parts if b > a]


def clauses_of(text: str, s_start: int, s_end: int, cues: list[Cue]) -> dict[Cue, tuple[int, int]]:
    """The clause of the sentence that holds each deal word."""
    breaks = [b.span() for b in _CLAUSE.finditer(text, s_start, s_end)]
    found = {}
    for cue in cues:
        start, end = s_start, s_end
        for b_start, b_end in breaks:
            if b_end <= cue.start:
                start = b_end
            elif b_start >= cue.end:
                end = b_start
                break
        found[cue] = (start, end)
    return found


def deal_clauses(
    text: str, s_start: int, s_end: int, cues: list[Cue], named: list[CompanyRef]
) -> list[tuple[int, int, list[Cue]]]:
    """The parts of a sentence that each report a deal: the sentence, unless two of its clauses
    each name two companies beside a deal word ("A agreed to buy B, eclipsing C's purchase of D")."""
    if not cues:
        return []
    if sum(not c.loose for c in cues) < 2:
        return [(s_start, s_end, cues)]
    own: dict[tuple[int, int], list[Cue]] = {}
    for cue, (a, b) in clauses_of(text, s_start, s_end, cues).items():
        if not cue.loose and len({c.key for c in named if a <= c.start < b}) >= 2:
            own.setdefault((a, b), []).append(cue)
    if len(own) < 2:
        return [(s_start, s_end, cues)]
    return [(a, b, [c for c in cues if a <= c.start < b]) for a, b in sorted(own)]

"""Names with legal suffixes ("Shanghai Symphony Telecommunications Co. Ltd.") as companies."""

import re
from dataclasses import dataclass

from .lexicons import LEGAL_SUFFIXES

_SUFFIX = "|".join(
    re.escape(s).replace(r"\ ", r"\s+") for s in sorted(LEGAL_SUFFIXES, key=len, reverse=True)
)
_WORD = r"(?:[A-Z0-9][\w&'’-]*\.?|&)"
_LEGAL_NAME = re.compile(
    rf"(?<![\w&])(?P<short>(?:{_WORD}\s+){{1,6}}?)(?P<suffix>{_SUFFIX})(?![\w&])"
)
_LEADING = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "by",
        "with",
        "for",
        "under",
        "after",
        "both",
        "its",
        "their",
        "and",
        "but",
        "as",
        "of",
        "from",
        "to",
    ]
)


@dataclass(frozen=True)
class LegalName:
    start: int
    end: int
    short_end: int  # where the name without its suffix ends
    name: str
    short: str


def find_legal_names(text: str) -> list[LegalName]:
    """Capitalised names ending in a legal or corporate suffix."""
    found = []
    for match in _LEGAL_NAME.finditer(text):
        words = match.group("short").split()
        start = match.start()
        while words and words[0].lower().strip(".") in _LEADING:
            start = text.index(words[0], start) + len(words[0])
            start += len(text[start:]) - len(text[start:].lstrip())
            words.pop(0)
        if not words:
            continue
        short = " ".join(words).rstrip(",")
        short_end = start + len(text[start : match.start("suffix")].rstrip().rstrip(","))
        found.append(LegalName(start, match.end(), short_end, text[start : match.end()], short))
    return found

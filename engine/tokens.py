"""Tokens and sentences with exact offsets into the original text."""

import re
from typing import NamedTuple

_TOKEN = re.compile(r"\w+|[^\w\s]")
# Words that end in a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    [
        "co",
        "corp",
        "inc",
        "ltd",
        "plc",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "etc",
        "u.s",
        "u.k",
        "e.u",
        "n.v",
        "s.a",
    ]
)


class Token(NamedTuple):
    text: str
    lower: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Words and single punctuation marks, each with its offsets."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lengthen when lowered ("İ")
        return [Token(m[0], m[0].lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    make = Token._make
    return [
        make((m[0], lowered[m.start() : m.end()], m.start(), m.end()))
        for m in _TOKEN.finditer(text)
    ]


# Capitalised words that begin a new sentence even after an abbreviation ("AT&T Inc. The pair").
SENTENCE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "they",
        "their",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "both",
        "but",
        "and",
        "in",
        "on",
        "at",
        "under",
        "after",
        "before",
        "while",
        "when",
        "however",
        "meanwhile",
    ]
)
# A sentence ends at . ! ? before a capital, and at every line break: a headline without a full
# stop is its own sentence, not the start of the lead's.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])|\n")
_LAST_WORD = re.compile(r"([\w.]+)\Z")
_FIRST_WORD = re.compile(r"\s+[\"“‘(]?(\w+)")
_INITIALS = re.compile(r"(\w\.)*\w")


_SINGLE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def _wrapped(text: str) -> bool:
    """Several lines run on in lower case: the line breaks are the wire's, not the writer's."""
    count, at = 0, text.find("\n")
    while at != -1:
        after = text[at + 1 : at + 2]
        if at and after.islower() and text[at - 1] not in ' \n.!?:"”':
            count += 1
            if count == 2:
                return True
        at = text.find("\n", at + 1)
    return False


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split after . ! ? before a capital (except after abbreviations) and at
    line breaks, unless the text is wrapped at a fixed width (wire copy), where only a blank line
    ends a paragraph."""
    if _wrapped(text):
        text = _SINGLE_BREAK.sub(" ", text)
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start()
        if end < start:
            continue
        if text[end] == ".":
            word = _LAST_WORD.search(text, max(start, end - 12), end)
            before = word.group(1).lower() if word else ""
            following = _FIRST_WORD.match(text, match.end())
            starter = following is not None and following.group(1).lower() in SENTENCE_STARTERS
            abbreviated = before in ABBREVIATIONS or (
                len(before) <= 3 and _INITIALS.fullmatch(before) is not None
            )
            if abbreviated and not starter:
                continue
            end = match.end()
        elif text[end] != "\n":
            end = match.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    tail = len(text.rstrip())
    if tail > start:
        spans.append((start, tail))
    return spans

"""Quoted passages and who said them."""

import re
from dataclasses import dataclass

_QUOTE = re.compile(r"“(?P<a>[^”]{2,})”|\"(?P<b>[^\"\n]{2,})\"")
_NAME = r"(?:[A-Z][\w'’-]+\s+){1,2}[A-Z][\w'’-]+"
_SAID = r"(?:said|says|added|adds|told reporters|noted|explained)"
_AFTER_SAID = re.compile(rf"^\s*,?\s*{_SAID}\s+(?P<who>[^.“”\"\n]*(?:\.(?=\w)[^.“”\"\n]*)*)")
_AFTER_WHO = re.compile(rf"^\s*,?\s*(?P<who>{_NAME}(?:,[^.“”\"\n]+?)?),?\s+{_SAID}\b")
_BEFORE = re.compile(rf"(?P<who>{_NAME}(?:,[^.“”\"\n]+?,)?)\s+{_SAID}[:,]?\s*$")
_TRAILING_NAME = re.compile(rf"(?P<name>{_NAME})\s*$")
_LEADING_NAME = re.compile(rf"^\s*(?P<name>{_NAME})")


@dataclass
class Quote:
    start: int  # the quoted words, without the quotation marks
    end: int
    speaker: str | None
    speaker_start: int | None
    description: str  # what the text says about the speaker: title, organisation
    inherited: bool = False


def _split_who(who: str, offset: int) -> tuple[str, int, str] | None:
    """(name, name offset, description) from 'Jefferies analyst Edison Lee' or 'Deng, a CEO'."""
    head, _, tail = who.partition(",")
    trailing = _TRAILING_NAME.search(head)
    if trailing:
        name = trailing.group("name")
        description = (head[: trailing.start()].strip() + ", " + tail.strip()).strip(", ")
        return name, offset + trailing.start("name"), description
    leading = _LEADING_NAME.match(who)
    if leading:
        return leading.group("name"), offset + leading.start("name"), tail.strip()
    return None


# Quoted words up to this many with no speaker are a name or a phrase ("merger of equals"), not
# speech.
SCARE_QUOTE_WORDS = 4


def find_quotes(text: str) -> list[Quote]:
    """Every quoted passage, with its speaker when the text names one."""
    quotes: list[Quote] = []
    for match in _QUOTE.finditer(text):
        group = "a" if match.group("a") is not None else "b"
        start, end = match.start(group), match.end(group)
        short = len(text[start:end].split()) <= SCARE_QUOTE_WORDS
        paragraph_start = text.rfind("\n\n", 0, match.start()) + 1
        after = text[match.end() : match.end() + 300]
        before = text[paragraph_start : match.start()]
        who = None
        for pattern, source, base in (
            (_AFTER_SAID, after, match.end()),
            (_AFTER_WHO, after, match.end()),
        ):
            found = pattern.match(source)
            if found:
                who = _split_who(found.group("who").strip(), base + found.start("who"))
                if who:
                    break
        if who is None:
            found = _BEFORE.search(before)
            if found:
                who = _split_who(found.group("who"), paragraph_start + found.start("who"))
        if short and not who:
            continue  # a scare-quoted word or title, not speech
        if who:
            name, at, description = who
            quotes.append(Quote(start, end, name, at, description))
            continue
        previous = quotes[-1] if quotes else None
        same_paragraph = previous is not None and "\n\n" not in text[previous.end : start]
        if same_paragraph and previous.speaker:
            quotes.append(
                Quote(start, end, previous.speaker, None, previous.description, inherited=True)
            )
        else:
            quotes.append(Quote(start, end, None, None, ""))
    return quotes

"""Find registry companies in text: whole words, longest match first, case rules for common words.

Candidates come from one Aho–Corasick automaton (ahocorasick_rs) over the case- and space-folded
text, so the cost of a story no longer depends on how many names it capitalises; the rules that
decide whether a candidate is the company are plain Python, read from the text around it.

The automaton reads the text with every character that is not part of a word turned into a space,
and each name that begins with a word character is stored with a space before it: it is found only
where a word begins, so the automaton itself drops the names inside longer words ("Acme" in
"Acmeville"), which were most of its raw matches.
"""

import gc
import re
from array import array
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick_rs

from .lexicons import (
    COMMON_WORDS,
    COMPANY_FOLLOWERS,
    LEGAL_SUFFIXES,
    ORDINARY_FOLLOWERS,
    UNIT_WORDS,
)
from .model import RegistryCompany

_SPACE = re.compile(r"\s+")
# What is not part of a word, besides the plain space: word characters are those of str.isalnum()
# and the underscore, as in whole_words.
_NOT_WORD = re.compile(r"[^\w ]")
_ASCII_NOT_WORD = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isalnum() or c in "_ ")}
)  # the same for ASCII text, many times faster
_NEXT = re.compile(r"(\s*)(\w+|[^\w\s])")
_PREVIOUS = re.compile(r"(\w+|[^\w\s])(\s*)\Z")
_SENTENCE_MARKS = frozenset({".", "!", "?", "“", '"', "‘", ":"})
# Title-case words that join a name to the phrase before it ("Deal With Orange").
_LINKING_WORDS = frozenset({"with", "and", "for", "to", "of", "in", "on", "by", "from", "as", "at"})
# Every kind of white space folds to a plain space: "China\tTelecom" is the name.
_FOLD_SPACES = {ord(c): " " for c in "\t\n\r\x0b\x0c\xa0\u2007\u202f"}


class Name(NamedTuple):
    slug: str
    text: str  # the name as written in the registry
    words: int  # how many words it has
    exact_case: bool  # match only in this case (or in capitals)
    source: str  # "name", "alias" or "legal name"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: Name
    confidence: float
    why: str


def fold(text: str) -> str:
    """Lower case with every space a plain space, the same length as ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lengthen when lowered ("İ")
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.translate(_FOLD_SPACES)


def _key(text: str) -> str:
    """The folded key of a registry name (its registry string, spaces already tidied)."""
    key = text.lower()
    return key if len(key) == len(text) else fold(text)


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def whole_words(folded: str, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` neither begins nor ends inside a word."""
    before = folded[start - 1] if start else " "
    after = folded[end] if end < len(folded) else " "
    if (before.isalnum() or before == "_") and (folded[start].isalnum() or folded[start] == "_"):
        return False
    return not (
        (after.isalnum() or after == "_") and (folded[end - 1].isalnum() or folded[end - 1] == "_")
    )


def _is_upper_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.9


_SOURCES = ("name", "alias", "legal name")
_SUFFIX_KEYS = frozenset(" ".join(s.lower().split()) for s in LEGAL_SUFFIXES)


class Matcher:
    """An automaton of every registry name, folded, holding one number per name.

    At a million aliases the per-name Python objects would cost more memory than the automaton,
    so a name is its number: each automaton pattern has a value in ``values`` (its first name's
    number and how to read a match), and flat arrays give a name's company, its spelling (the
    registry's own string, not a copy) and its case rule. Names that fold alike (a company's
    "Orange" and another's "ORANGE") are chained in ``more``. The automaton is ahocorasick_rs's
    contiguous NFA: at a million aliases it takes about half the memory of a pyahocorasick trie.
    """

    def __init__(self, companies: list[RegistryCompany] | tuple[RegistryCompany, ...]):
        self.automaton: ahocorasick_rs.AhoCorasick | None = None
        # Per automaton pattern: number << 4 | folds << 3 | closed << 2 | check << 1 | suffixed.
        self.values = array("i")
        self.slugs: list[str] = []
        self.texts: list[str] = []
        self.owner = array("i")
        self.flags = bytearray()  # exact case in bit 0, source in bits 1-2
        self.more: dict[int, list[int]] = {}
        self.suffixed = array("i")  # the name's own legal-suffix form, kept out of the automaton
        collecting = gc.isenabled()
        gc.disable()  # nothing built here is cyclic; collecting mid-build only costs time
        try:
            self._index(companies)
        finally:
            if collecting:
                gc.enable()

    def _index(self, companies) -> None:
        texts, owner, flags = self.texts, self.owner, self.flags
        suffixed, more = self.suffixed, self.more
        heads: dict[str, int] = {}  # folded name -> its first name's number << 1 | suffixed
        for index, company in enumerate(companies):
            self.slugs.append(company.slug)
            names = [(company.name, False, 0)]
            names += [(alias, sensitive, 1) for alias, sensitive in company.aliases]
            if company.legal_name:
                names.append((company.legal_name, False, 2))
            sensitive = {n for n, s, _ in names if s}
            seen = set()
            # The company's keys: folded name -> [its names' numbers, whether one has a suffixed
            # form]. The automaton is asked about each key once, when the company is done.
            keys: dict[str, list] = {}
            for text, exact_case, source in names:
                if not text.isprintable() or "  " in text or text.strip() is not text:
                    text = " ".join(text.split())  # else keep the registry's string, not a copy
                key = text.lower()
                if len(key) != len(text):
                    key = fold(text)
                # Case-sensitive spellings of one key ("Box", "BOX") are distinct names.
                spelling = (text if exact_case else key, exact_case)
                if not key or spelling in seen:
                    continue
                if text in sensitive and not exact_case:
                    continue  # the case-sensitive spelling of the same name rules
                seen.add(spelling)
                common = exact_case or (" " not in key and key in COMMON_WORDS)
                number = len(texts)
                texts.append(text)
                owner.append(index)
                flags.append(common | source << 1)
                suffixed.append(-1)
                base = self._base(key, keys) if keys and " " in key else None
                if base is not None and suffixed[keys[base][0][0]] == -1:
                    # "Acme Energy Holdings" beside "Acme Energy": found as the shorter name and
                    # its suffix, so the automaton need not spell every legal name out again.
                    # The key's value is the first name's number, doubled, plus one when some
                    # name of the key has such a suffixed form.
                    suffixed[keys[base][0][0]] = number
                    keys[base][1] = 1
                    continue
                if key in keys:
                    keys[key][0].append(number)
                else:
                    keys[key] = [[number], 0]
            for key, (numbers, suffix) in keys.items():
                first = heads.get(key, -1)
                if first == -1:
                    heads[key] = numbers[0] << 1 | suffix
                    if len(numbers) > 1:
                        more.setdefault(numbers[0], []).extend(numbers[1:])
                    continue
                more.setdefault(first >> 1, []).extend(numbers)
                if suffix:
                    heads[key] = first | 1
        self.size = len(texts)
        if not heads:
            return
        patterns: list[str] = []
        add, mark = patterns.append, self.values.append
        for key, value in heads.items():
            number = value >> 1
            if key.isalnum():  # one plain word: the automaton's match is the name
                mark(number << 4 | 4 | value & 1)
                add(" " + key + " ")
                continue
            # A name of several words, or with a character a space stands for ("AT&T"), is
            # checked against the text: the automaton reads "AT-T" and "AT T" alike.
            spaced = key if key.replace(" ", "").isalnum() else _NOT_WORD.sub(" ", key)
            closed = _is_word(key[-1])  # its pattern ends with a space standing for the boundary
            text = self.texts[number]
            folds = not text.isascii() and len(text.lower()) != len(text)  # "İ" lengthens
            mark(number << 4 | folds << 3 | closed << 2 | 2 | value & 1)
            if _is_word(key[0]):
                spaced = " " + spaced
            add(spaced + " " if closed else spaced)
        heads.clear()
        self.automaton = ahocorasick_rs.AhoCorasick(
            patterns, implementation=ahocorasick_rs.Implementation.ContiguousNFA
        )

    @staticmethod
    def _base(key: str, keys: dict[str, list]) -> str | None:
        """The company's own shorter name that ``key`` is, followed by a legal suffix."""
        for base in keys:
            cut = len(base)
            if (
                key.startswith(base)
                and key[cut : cut + 1] == " "
                and key[cut + 1 :] in _SUFFIX_KEYS
            ):
                return base
        return None

    def spellings(self):
        """Every (folded name, number) the matcher finds, suffixed names included."""
        for value in self.values:
            yield _key(self.texts[value >> 4]), value >> 4
        for alias in self.suffixed:
            if alias != -1:
                yield fold(self.texts[alias]), alias

    def names(self, number: int) -> list[Name]:
        """The registry names that fold to the key whose first name is ``number``."""
        return [self.name(n) for n in (number, *self.more.get(number, ()))]

    def name(self, number: int) -> Name:
        text, flag = self.texts[number], self.flags[number]
        words = text.count(" ") + 1
        return Name(
            self.slugs[self.owner[number]], text, words, bool(flag & 1), _SOURCES[flag >> 1]
        )

    def candidates(self, text: str) -> list[tuple[int, int, int]]:
        """Every registry name written in ``text`` as whole words: (start, end, first name)."""
        if self.automaton is None:
            return []
        folded = fold(text)
        spaced = (
            " "
            + (
                folded.translate(_ASCII_NOT_WORD)
                if folded.isascii()
                else _NOT_WORD.sub(" ", folded)
            )
            + " "
        )
        texts, suffixed, more, values = self.texts, self.suffixed, self.more, self.values
        found = []
        for index, _, after in self.automaton.find_matches_as_indexes(spaced, overlapping=True):
            value = values[index]
            number = value >> 4
            name = texts[number]
            end = after - 2 if value & 4 else after - 1  # less the pad, and the boundary
            start = end - len(name)
            if value & 2 and not folded.startswith(
                fold(name) if value & 8 else name.lower(), start
            ):
                continue
            found.append((start, end, number))
            if not value & 1:
                continue
            for n in (number, *more.get(number, ())):
                alias = suffixed[n]
                if alias == -1:
                    continue
                spelled = _key(texts[alias])
                longer = start + len(spelled)
                if folded.startswith(spelled, start) and whole_words(folded, start, longer):
                    found.append((start, longer, alias))
        return found

    def find(self, text: str) -> list[Mention]:
        """Every registry company mention, longest first, never overlapping."""
        found = []
        for start, end, number in self.candidates(text):
            for name in self.names(number):
                mention = judge(text, start, end, name)
                if mention:
                    found.append(mention)
        return longest(found)


def judge(text: str, start: int, end: int, name: Name) -> Mention | None:
    """The mention, if the words around ``text[start:end]`` let it be the company ``name``."""
    written = text[start:end]
    if "\n" in written:
        return None  # a name does not run from one line (a headline) into the next
    following = _NEXT.match(text, end)
    next_word = following.group(2) if following else ""
    if next_word in UNIT_WORDS and following.group(1) == " ":
        return None  # "Vodafone UK" names a unit, not the group
    why = f"registry {name.source} '{name.text}' of {name.slug}"
    confidence = 0.95 if name.words > 1 or len(written) > 4 else 0.85
    if not name.exact_case:
        if written.islower() and not name.text.islower() and any(c.isalpha() for c in written):
            return None  # "three" the number, "target" the noun: names are capitalised
        return Mention(start, end, name, confidence, why)
    capitals = written != name.text and written.isupper() and len(written) > 2
    if written != name.text and not capitals:
        return None
    if capitals:
        # A capitalised line is a headline; capitals in running text are a name set in capitals.
        why += " (all-capitals line)" if _is_upper_line(text, start, end) else " (in capitals)"
        confidence = 0.7
    # An acronym ("BP", "RASOG") is no ordinary word, whatever follows it.
    if next_word.lower() in ORDINARY_FOLLOWERS and not name.text.isupper():
        return None
    preceding = _PREVIOUS.search(text, max(0, start - 40), start)
    previous = preceding.group(1) if preceding else ""
    if previous in {"an", "a", "An", "A"}:
        return None  # "an orange", "a Target store": the ordinary word
    sentence_start = (
        not previous or previous in _SENTENCE_MARKS or "\n" in (preceding.group(2) or "")
    )
    if (
        sentence_start
        and not name.text.isupper()
        and next_word[:1].islower()
        and next_word not in COMPANY_FOLLOWERS
    ):
        return None  # "Apple growers", "Orange juice": the ordinary word
    if (
        not sentence_start
        and not capitals
        and previous[:1].isupper()
        and previous[1:].islower()
        and previous.lower() not in _LINKING_WORDS
        and next_word[:1].isupper()
        and next_word[1:].islower()
        and not _is_upper_line(text, start, end)
    ):
        return None  # "First Three Months": a title-case phrase, not the company
    confidence = min(confidence, 0.8)
    why += ", exact case required"
    return Mention(start, end, name, confidence, why)


def longest(found: list[Mention]) -> list[Mention]:
    """Longest mentions first; a shorter one inside or across a longer one is dropped."""
    chosen: list[Mention] = []
    taken: set[int] = set()
    for mention in sorted(found, key=lambda m: (m.start - m.end, m.start)):
        if any(i in taken for i in range(mention.start, mention.end)):
            continue
        chosen.append(mention)
        taken.update(range(mention.start, mention.end))
    return sorted(chosen, key=lambda m: m.start)

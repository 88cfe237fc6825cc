"""Find registry companies in text: whole words, longest match first, case rules for common words."""

import gc
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from .lexicons import COMMON_WORDS, COMPANY_FOLLOWERS, ORDINARY_FOLLOWERS, UNIT_WORDS
from .model import RegistryCompany
from .tokens import Token, tokenize

_WORDS = re.compile(r"\w+|[^\w\s]")


class Name(NamedTuple):
    slug: str
    text: str  # the name as written in the registry
    words: tuple[str, ...]  # its tokens, lower case
    exact_case: bool  # match only in this case (or in an all-capitals line)
    source: str  # "name", "alias" or "legal name"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: Name
    first_token: int
    last_token: int
    confidence: float
    why: str


def _is_upper_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.9


class Matcher:
    """An index of every registry name by its first one or two words."""

    def __init__(self, companies: list[RegistryCompany] | tuple[RegistryCompany, ...]):
        # Entries are plain tuples in Name's field order: building 300,000 of them is the
        # cost of a registry change, and tuples are several times cheaper than named ones.
        self.by_first: dict[str, list[tuple]] = defaultdict(list)
        self.by_pair: dict[tuple[str, str], list[tuple]] = defaultdict(list)
        self.pair_starts: set[str] = set()
        collecting = gc.isenabled()
        gc.disable()  # nothing built here is cyclic; collecting mid-build only costs time
        try:
            self._index(companies)
        finally:
            if collecting:
                gc.enable()

    def _index(self, companies) -> None:
        for company in companies:
            names = [(company.name, False, "name")]
            names += [(alias, sensitive, "alias") for alias, sensitive in company.aliases]
            if company.legal_name:
                names.append((company.legal_name, False, "legal name"))
            sensitive = {n for n, s, _ in names if s}
            seen = set()
            for text, exact_case, source in names:
                words = tuple(_WORDS.findall(text.lower()))
                if not words or (words, exact_case) in seen:
                    continue
                if text in sensitive and not exact_case:
                    continue  # the case-sensitive spelling of the same name rules
                seen.add((words, exact_case))
                common = len(words) == 1 and words[0] in COMMON_WORDS
                name = (company.slug, text, words, exact_case or common, source)
                if len(words) == 1:
                    self.by_first[words[0]].append(name)
                else:
                    self.by_pair[words[:2]].append(name)
                    self.pair_starts.add(words[0])

    def find(self, text: str, tokens: list[Token] | None = None) -> list[Mention]:
        """Every registry company mention, longest first, never overlapping."""
        tokens = tokens if tokens is not None else tokenize(text)
        lowers = [t.lower for t in tokens]
        by_first, by_pair, pair_starts = self.by_first, self.by_pair, self.pair_starts
        count = len(tokens)
        found: list[Mention] = []
        for i, word in enumerate(lowers):
            if tokens[i].text.islower():
                continue  # names are written capitalised; this saves most of the look-ups
            entries = by_first.get(word, ())
            if i + 1 < count and word in pair_starts:
                entries = [*entries, *by_pair.get((word, lowers[i + 1]), ())]
            for entry in entries:
                words = entry[2]
                j = i + len(words)
                if j > count or lowers[i:j] != list(words):
                    continue
                if not self._joined(text, tokens, i, j):
                    continue
                mention = self._judge(text, tokens, i, j, Name(*entry))
                if mention:
                    found.append(mention)
        return self._longest(found)

    @staticmethod
    def _joined(text: str, tokens: list[Token], i: int, j: int) -> bool:
        """Punctuation inside a name must sit where the name has it: 'AT&T', not 'AT & T,'."""
        for k in range(i, j - 1):
            gap = text[tokens[k].end : tokens[k + 1].start]
            if "\n" in gap or len(gap) > 1:
                return False
        return True

    def _judge(self, text, tokens, i, j, name: Name) -> Mention | None:
        start, end = tokens[i].start, tokens[j - 1].end
        written = text[start:end]
        if j < len(tokens) and tokens[j].text in UNIT_WORDS and tokens[j].start == end + 1:
            return None  # "Vodafone UK" names a unit, not the group
        why = f"registry {name.source} '{name.text}' of {name.slug}"
        confidence = 0.95 if len(name.words) > 1 or len(written) > 4 else 0.85
        if name.exact_case:
            if written != name.text:
                if not (written.isupper() and _is_upper_line(text, start, end)):
                    return None
                why += " (all-capitals line)"
                confidence = 0.7
            following = tokens[j].lower if j < len(tokens) else ""
            # An acronym ("BP", "RASOG") is no ordinary word, whatever follows it.
            if following in ORDINARY_FOLLOWERS and not name.text.isupper():
                return None
            previous = tokens[i - 1].text if i > 0 else ""
            if previous in {"an", "a"}:
                return None
            sentence_start = not previous or previous in {".", "!", "?", "“", '"', "‘"}
            following_word = tokens[j].text if j < len(tokens) else ""
            if (
                sentence_start
                and not name.text.isupper()
                and following_word[:1].islower()
                and following_word not in COMPANY_FOLLOWERS
            ):
                return None  # "Apple growers", "Orange juice": the ordinary word
            confidence = min(confidence, 0.8)
            why += ", exact case required"
        elif written.islower() and any(c.isalpha() for c in written):
            return None  # "three" the number, "target" the noun: names are capitalised
        return Mention(start, end, name, i, j - 1, confidence, why)

    @staticmethod
    def _longest(found: list[Mention]) -> list[Mention]:
        chosen: list[Mention] = []
        taken: set[int] = set()
        for mention in sorted(found, key=lambda m: (m.start - m.end, m.start)):
            span = range(mention.first_token, mention.last_token + 1)
            if not taken.intersection(span):
                chosen.append(mention)
                taken.update(span)
        return sorted(chosen, key=lambda m: m.start)

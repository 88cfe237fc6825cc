"""Named word patterns found fast: an automaton finds the words a pattern can begin with, and the
pattern is tried only there. Running dozens of regular expressions over every sentence was most
of the engine's time; this reads each story once, whatever the number of patterns.
"""

import re

import ahocorasick

_LITERAL = re.compile(r"(?:\\[^bBsSdDwWAZ]|[\w &'’-])+")
_QUANTIFIER = frozenset("?*{")


def _split(pattern: str) -> list[str]:
    """Top-level alternatives of a pattern."""
    parts, depth, current, i = [], 0, [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            current.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            i += 1
            continue
        current.append(c)
        i += 1
    parts.append("".join(current))
    return parts


def _group_end(pattern: str, start: int) -> int:
    depth, i = 0, start
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        depth += pattern[i] == "("
        depth -= pattern[i] == ")"
        if depth == 0:
            return i
        i += 1
    raise ValueError(f"unbalanced group in {pattern!r}")


def _prefixes(alternative: str) -> set[str]:
    """The literal text one alternative can begin with (possibly short)."""
    while alternative.startswith("\\b"):
        alternative = alternative[2:]
    if alternative.startswith("("):
        end = _group_end(alternative, 0)
        inner = re.sub(r"^\(\?(?:[imsx-]*:|P<\w+>)?", "(", alternative[: end + 1])[1:-1]
        rest = alternative[end + 1 :]
        found = set().union(*(_prefixes(a) for a in _split(inner)))
        if rest[:1] in _QUANTIFIER:
            found |= _prefixes(rest[1:])
        return found
    literal = _LITERAL.match(alternative)
    text = literal.group() if literal else ""
    following = alternative[len(text) : len(text) + 1]
    if following in _QUANTIFIER:
        text = text[:-2] if text.endswith(("\\.", "\\s")) else text[:-1]
    text = re.sub(r"\\(.)", r"\1", text).lower()
    if len(text) < 2 and following == "(":
        return {text + p for p in _prefixes(alternative[len(text) :])}
    return {text}


def stems(pattern: str) -> set[str]:
    """The lower-case words every match of ``pattern`` begins with (at least two characters)."""
    found = set()
    for alternative in _split(pattern):
        for prefix in _prefixes(alternative):
            if len(prefix.strip()) < 2:
                raise ValueError(f"no literal start of two characters in {alternative!r}")
            found.add(prefix.lstrip() if prefix[:1] != " " else prefix)
    return found


class Lexicon:
    """Find named patterns in text: ``find`` gives (name, start, end) in order of position."""

    def __init__(self, entries: list[tuple[str, str]], flags: int = re.IGNORECASE):
        self.patterns = {name: re.compile(rf"(?:{p})(?!\w)", flags) for name, p in entries}
        self.automaton = ahocorasick.Automaton()
        by_stem: dict[str, list[str]] = {}
        for name, pattern in entries:
            for stem in stems(pattern):
                by_stem.setdefault(stem, [])
                if name not in by_stem[stem]:
                    by_stem[stem].append(name)
        for stem, names in by_stem.items():
            self.automaton.add_word(stem, (len(stem), tuple(names)))
        self.automaton.make_automaton()

    def find(
        self, text: str, folded: str, start: int = 0, end: int | None = None
    ) -> list[tuple[str, int, int]]:
        """Every match starting at a word's beginning, longest at each place, not overlapping."""
        end = len(text) if end is None else end
        places = sorted(
            (last - length + 1, names)
            for last, (length, names) in self.automaton.iter(folded, start, end)
        )
        found, after = [], start
        for first, names in places:
            if first < after or (first and _word(folded[first - 1]) and _word(folded[first])):
                continue
            best = None
            for name in names:
                match = self.patterns[name].match(text, first, end)
                if match and (best is None or match.end() > best[2]):
                    best = (name, first, match.end())
            if best:
                found.append(best)
                after = best[2]
        return found


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"

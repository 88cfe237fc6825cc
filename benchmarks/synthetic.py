"""A synthetic registry and synthetic stories with known company mentions, for benchmarks."""

import random
from dataclasses import dataclass

from engine import RegistryCompany

from .seeding import SECTOR_WORDS, SUFFIXES, SYLLABLES

FILLER = [
    "the",
    "company",
    "said",
    "on",
    "monday",
    "that",
    "its",
    "plans",
    "for",
    "the",
    "coming",
    "year",
    "would",
    "include",
    "new",
    "markets",
    "and",
    "more",
    "investment",
    "in",
    "research",
    "while",
    "analysts",
    "expected",
    "results",
    "to",
    "improve",
    "as",
    "demand",
    "recovered",
    "across",
    "several",
    "regions",
    "and",
    "costs",
    "eased",
    "for",
    "most",
    "producers",
]


@dataclass(frozen=True)
class Story:
    text: str
    mentions: frozenset[tuple[int, int, str]]


def registry(companies: int, seed: int = 7) -> list[RegistryCompany]:
    """``companies`` companies with about two aliases each (a legal name and a short form)."""
    rng = random.Random(seed)
    result, used = [], set()
    while len(result) < companies:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        name = f"{stem} {rng.choice(SECTOR_WORDS)}"
        if rng.random() < 0.3:
            name += f" {rng.choice(SECTOR_WORDS)}"
        if name in used:
            continue
        used.add(name)
        aliases = [(f"{name} {rng.choice(SUFFIXES)}", False)]
        if stem not in used:
            used.add(stem)
            aliases.append((stem, False))
        initials = "".join(w[0] for w in name.split()) + stem[1:3].upper()
        if rng.random() < 0.75 and initials not in used:
            used.add(initials)
            aliases.append((initials, True))
        if rng.random() < 0.3 and f"{stem} International" not in used:
            used.add(f"{stem} International")
            aliases.append((f"{stem} International", False))
        result.append(RegistryCompany(f"c{len(result)}", name, tuple(aliases)))
    return result


def stories(
    companies: list[RegistryCompany],
    count: int,
    words: int = 1000,
    mentions: int = 30,
    seed: int = 11,
) -> list[Story]:
    """Stories of about ``words`` words, each naming ``mentions`` registry companies."""
    rng = random.Random(seed)
    result = []
    for _ in range(count):
        parts, spans, length, written, capital = [], set(), 0, 0, True
        every = max(1, words // mentions)
        while written < words:
            if written % every == 0 and len(spans) < mentions:
                company = rng.choice(companies)
                name = rng.choice([company.name, *(a for a, _ in company.aliases)])
                spans.add((length, length + len(name), company.slug))
                piece = name + rng.choice(("", "'s"))
                written += len(name.split())
            else:
                piece = rng.choice(FILLER)
                piece = piece.capitalize() if capital else piece
                written += 1
            capital = False
            parts.append(piece)
            length += len(piece) + 1
            if rng.random() < 0.06:
                parts[-1] += "."
                length += 1
                capital = True
        result.append(Story(" ".join(parts), frozenset(spans)))
    return result

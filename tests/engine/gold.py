"""The gold set: paragraphs of our own writing, marked by hand, and the registry they use."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from engine import Registry, RegistryAgreement, RegistryCompany, RegistryPerson, suggest
from engine.gazetteer import Matcher

GOLD = Path(__file__).resolve().parent.parent / "fixtures" / "gold"


def gold_registry() -> Registry:
    data = json.loads((GOLD / "registry.json").read_text())
    return Registry(
        companies=tuple(
            RegistryCompany(
                c["slug"],
                c["name"],
                tuple((a, bool(s)) for a, s in c["aliases"]),
                c.get("legal_name", ""),
            )
            for c in data["companies"]
        ),
        agreements=tuple(
            RegistryAgreement(a["slug"], a["kind"], frozenset(a["parties"]))
            for a in data["agreements"]
        ),
        people=tuple(
            RegistryPerson(p["slug"], p["name"], p["title"], p["organisation"])
            for p in data["people"]
        ),
    )


@dataclass
class GoldParagraph:
    id: str
    text: str
    companies: set[tuple[int, int, str]]
    agreements: list[dict]
    quotes: list[str]
    raw: dict = field(repr=False)


def gold_paragraphs() -> list[GoldParagraph]:
    paragraphs = []
    for line in (GOLD / "paragraphs.jsonl").read_text().splitlines():
        item = json.loads(line)
        spans, position = set(), 0
        for exact, slug in item["companies"]:
            start = item["text"].index(exact, position)
            spans.add((start, start + len(exact), slug))
            position = start + len(exact)
        paragraphs.append(
            GoldParagraph(item["id"], item["text"], spans, item["agreements"], item["quotes"], item)
        )
    return paragraphs


# What the rule tests share: the gold registry, its matcher, and the deals found in a text.
REGISTRY = gold_registry()
MATCHER = Matcher(REGISTRY.companies)


def deals(text: str) -> list:
    return [s for s in suggest(text, REGISTRY, MATCHER) if s.kind == "agreement"]


def deal(text: str):
    [only] = deals(text)
    return only


def roles(proposal) -> dict[str, str]:
    return {p["company"]: p["role"] for p in proposal.parties}

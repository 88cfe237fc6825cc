"""The gold set: stories by id and source, their companies and deals, and the registry they imply."""

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from engine.model import Registry, RegistryCompany

HERE = Path(__file__).resolve().parent
STORIES = HERE / "stories.jsonl"
TEXTS = HERE.parent.parent / "var" / "eval" / "texts"

KINDS = (
    "joint_venture",
    "partnership",
    "alliance",
    "acquisition",
    "merger",
    "investment",
    "licensing",
    "supply",
    "other",
)
ROLES = (
    "acquirer",
    "target",
    "seller",
    "investor",
    "investee",
    "licensor",
    "licensee",
    "supplier",
    "customer",
    "partner",
)
STATUSES = (
    "rumored",
    "planned",
    "announced",
    "signed",
    "extended",
    "expanded",
    "completed",
    "cancelled",
    "terminated",
)


class GoldError(ValueError):
    """A line of the gold file that does not follow the format the README describes."""


@dataclass(frozen=True)
class GoldDeal:
    kind: str
    status: str
    roles: dict[str, str]  # company slug -> role
    terms: dict = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, frozenset[str]]:
        return (self.kind, frozenset(self.roles))


@dataclass(frozen=True)
class Story:
    id: str
    url: str
    query: str
    split: str
    companies: dict[str, tuple[str, ...]]  # slug -> surface forms
    names: dict[str, str]  # slug -> canonical name
    exact_case: dict[str, frozenset[str]]  # slug -> forms matched only as written
    deals: tuple[GoldDeal, ...]
    text_sha256: str = ""

    def text_path(self, texts: Path = TEXTS) -> Path:
        return texts / f"{self.id}.txt"


def slugify(name: str) -> str:
    """The registry slug of a canonical company name ("Lowe’s" -> "lowes")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"['’`]", "", ascii_name.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def split_of(story_id: str) -> str:
    """The story's split, fixed once by a hash of its id so that no one chooses it."""
    return "dev" if hashlib.sha256(story_id.encode()).digest()[0] % 2 == 0 else "test"


def _story(row: dict, line: int) -> Story:
    try:
        names = {slugify(c["name"]): c["name"] for c in row["companies"]}
        companies = {slugify(c["name"]): tuple(c["forms"]) for c in row["companies"]}
        exact = {slugify(c["name"]): frozenset(c.get("exact_case", ())) for c in row["companies"]}
        by_name = {c["name"]: slugify(c["name"]) for c in row["companies"]}
        deals = []
        for deal in row["deals"]:
            roles = {by_name[p["company"]]: p["role"] for p in deal["parties"]}
            if deal["kind"] not in KINDS or deal["status"] not in STATUSES:
                raise GoldError(f"line {line}: unknown kind or status in {row['id']}")
            if any(role not in ROLES for role in roles.values()):
                raise GoldError(f"line {line}: unknown role in {row['id']}")
            deals.append(GoldDeal(deal["kind"], deal["status"], roles, deal.get("terms", {})))
        story = Story(
            id=row["id"],
            url=row["url"],
            query=row["query"],
            split=row["split"],
            companies=companies,
            names=names,
            exact_case=exact,
            deals=tuple(deals),
            text_sha256=row.get("text_sha256", ""),
        )
    except KeyError as missing:
        raise GoldError(
            f"line {line}: missing {missing} (or a party not among the companies)"
        ) from None
    if story.split != split_of(story.id):
        raise GoldError(f"line {line}: {story.id} is in {story.split}, its hash says otherwise")
    return story


def load_stories(path: Path = STORIES) -> list[Story]:
    """Every gold story, in file order; a malformed line raises GoldError naming it."""
    stories = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise GoldError(f"line {number}: not JSON ({error.msg})") from None
            stories.append(_story(row, number))
    ids = [s.id for s in stories]
    if len(ids) != len(set(ids)):
        raise GoldError("story ids repeat")
    return stories


def build_registry(stories: list[Story]) -> Registry:
    """One registry for the whole set: every gold company with every surface form as an alias."""
    names: dict[str, str] = {}
    forms: dict[str, dict[str, bool]] = {}
    for story in stories:
        for slug, written in story.companies.items():
            names.setdefault(slug, story.names[slug])
            known = forms.setdefault(slug, {})
            for form in written:
                known[form] = known.get(form, False) or form in story.exact_case[slug]
    return Registry(
        companies=tuple(
            RegistryCompany(slug, names[slug], tuple(sorted(forms[slug].items())))
            for slug in sorted(names)
        )
    )


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

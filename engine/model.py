"""The engine's inputs (a registry snapshot) and output (suggestions)."""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class RegistryCompany:
    slug: str
    name: str
    aliases: tuple[tuple[str, bool], ...] = ()  # (alias, case_sensitive)
    legal_name: str = ""


@dataclass(frozen=True, slots=True)
class RegistryAgreement:
    slug: str
    kind: str
    parties: frozenset[str]  # company slugs


@dataclass(frozen=True, slots=True)
class RegistryPerson:
    slug: str
    name: str
    title: str = ""
    organisation: str = ""  # company slug


@dataclass(frozen=True, slots=True)
class Registry:
    companies: tuple[RegistryCompany, ...] = ()
    agreements: tuple[RegistryAgreement, ...] = ()
    people: tuple[RegistryPerson, ...] = ()


KIND_KEYS = {
    "company": ("company",),
    "new_company": ("name", "aliases"),
    "agreement": (
        "agreement_kind",
        "status",
        "parties",
        "sectors",
        "regions",
        "agreement",
        "resulting_company",
        "date",
    ),
    "person": ("person", "name", "title", "organisation"),
    "quote": ("person", "name", "title", "organisation"),
}


@dataclass
class Suggestion:
    """One proposed annotation, with the reason it was made."""

    kind: str  # company | new_company | agreement | person | quote
    start: int
    end: int
    exact: str
    confidence: float
    why: str
    company: str | None = None
    name: str | None = None
    aliases: list[str] | None = None
    agreement_kind: str | None = None
    status: str | None = None
    parties: list[dict] | None = None
    sectors: list[str] | None = None
    regions: list[str] | None = None
    agreement: str | None = None
    resulting_company: str | None = None
    date: str | None = None
    person: str | None = None
    title: str | None = None
    organisation: str | None = None
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """The JSON form: the common keys, plus every key of the kind (null when unknown)."""
        data = asdict(self)
        keys = ("kind", "start", "end", "exact", "confidence", "why", *KIND_KEYS[self.kind])
        return {k: data[k] for k in keys} | self.extra

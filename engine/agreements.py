"""Agreements: deal words in sentences naming two or more companies, with kind, status and roles."""

import re
from dataclasses import dataclass, field

from .lexicons import BACK_REFERENCES, DEAL_WORDS, REGIONS, SECTORS, STATUS_CUES
from .model import RegistryAgreement

_DEALS = [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), kind) for p, kind in DEAL_WORDS]
_PLURAL = re.compile(
    r"(?:partnerships|alliances|tie[- ]ups|ventures|agreements|deals|mergers|acquisitions|"
    r"investments|stakes|JVs)$",
    re.IGNORECASE,
)
_STATUS = [(status, re.compile(rf"\b(?:{p})\b", re.IGNORECASE)) for status, p in STATUS_CUES]
_SECTORS = [
    (name, re.compile(p, re.IGNORECASE if name != "AI" else 0)) for name, p in SECTORS.items()
]
_REGIONS = [(name, re.compile(p)) for name, p in REGIONS.items()]
_BACK = re.compile(BACK_REFERENCES, re.IGNORECASE)
_PASSIVE = re.compile(
    r"\b(?:is|was|were|be|been|being|are)\s+(?:being\s+)?(?:acquired|bought|purchased|taken over)\s+by\b",
    re.IGNORECASE,
)
_SELL_TO = re.compile(r"\bsell(?:s|ing)?\b.*?\bto\b", re.IGNORECASE)
_ACQUISITION_BY = re.compile(r"\bacquisition of\b.*?\bby\b", re.IGNORECASE)
_APPOSITION = re.compile(r"^[\s,]*(?:called|named|known as|—|–)?[\s,]*$")
_AGE = re.compile(
    r"\b(?P<n>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty)\s+"
    r"(?P<unit>years?|decades?)\s+ago\b|\bin\s+(?:(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_FOUNDED = re.compile(r"\b(?:founded|set up|established|formed|created|launched)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CompanyRef:
    start: int
    end: int
    key: str  # registry slug, or the proposed name of a new company


@dataclass
class Deal:
    kind: str
    parties: list[str]
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, cue words
    statuses: set[str] = field(default_factory=set)
    cues: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    resulting: str | None = None
    date: str | None = None
    founded: bool = False
    back_reference: bool = False

    @property
    def status(self) -> str:
        for status, _ in _STATUS:
            if status in self.statuses:
                return status
        return "announced"


def _outside_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Parts of text[start:end] outside quotation marks: speech reports views, not deals."""
    parts, position, inside = [], start, False
    for i in range(start, end):
        if text[i] in '“”"':
            opening = text[i] == "“" or (text[i] == '"' and not inside)
            if opening and not inside:
                parts.append((position, i))
                inside = True
            elif inside:
                inside = False
                position = i + 1
    if not inside:
        parts.append((position, end))
    return [(a, b) for a, b in parts if b > a]


def _masked(text: str, start: int, end: int, companies: list[CompanyRef]) -> str:
    """The sentence with company names blanked, so 'China Telecom' is not the region China."""
    chars = list(text[start:end])
    for ref in companies:
        for i in range(max(ref.start, start), min(ref.end, end)):
            chars[i - start] = " "
    return "".join(chars)


def _roles(
    kind: str, sentence: str, s_start: int, word_start: int, parties: list[CompanyRef]
) -> dict[str, str]:
    roles = {p.key: "partner" for p in parties}
    if kind not in {"acquisition", "investment"} or len(parties) < 2:
        return roles
    first, second = ("acquirer", "target") if kind == "acquisition" else ("investor", "investee")
    passive = _PASSIVE.search(sentence) or _ACQUISITION_BY.search(sentence)
    sell = _SELL_TO.search(sentence) if kind == "acquisition" else None
    if passive:
        pivot = s_start + passive.end()
        by = [p for p in parties if p.start >= pivot]
        if by:
            roles = {p.key: second for p in parties}
            roles[by[0].key] = first
            return roles
    if sell:
        pivot = s_start + sell.end()
        buyers = [p for p in parties if p.start >= pivot]
        sellers = [p for p in parties if p.start < s_start + sell.start()]
        if buyers:
            roles = {p.key: second for p in parties}
            roles[buyers[0].key] = first
            for p in sellers:
                roles[p.key] = "seller"
            return roles
    before = [p for p in parties if p.start < word_start]
    after = [p for p in parties if p.start >= word_start]
    acting = before[0] if before else parties[0]
    roles = {p.key: second for p in parties}
    roles[acting.key] = first
    if not after and len(before) > 1:
        roles[before[-1].key] = second
    return roles


def find_deals(
    text: str,
    sentences: list[tuple[int, int]],
    companies: list[CompanyRef],
) -> list[Deal]:
    """Agreements the text reports, merged across the sentences that speak of each."""
    deals: list[Deal] = []
    recent: list[str] = []  # companies in order of last mention, for "the pair"
    for s_start, s_end in sentences:
        in_sentence = [c for c in companies if s_start <= c.start < s_end]
        words = []
        for a, b in _outside_quotes(text, s_start, s_end):
            for pattern, kind in _DEALS:
                for m in pattern.finditer(text, a, b):
                    words.append((m, kind))
        words = [
            w
            for w in words
            if not _PLURAL.search(w[0].group()) and not _names_no_company(text, *w, in_sentence)
        ]
        keys = list(dict.fromkeys(c.key for c in in_sentence))
        sentence = text[s_start:s_end]
        back = bool(_BACK.search(sentence))
        if words and (len(keys) >= 2 or back):
            words.sort(key=lambda w: (_generic(*w), w[0].start()))
            match, kind = words[0]
            parties_refs = _parties(in_sentence, match, text)
            resulting = None
            if kind == "joint_venture":
                for ref in in_sentence:
                    between = text[match.end() : ref.start]
                    if ref.start >= match.end() and _APPOSITION.match(between):
                        resulting = ref
                        break
                if resulting:
                    parties_refs = [c for c in parties_refs if c.key != resulting.key]
            party_keys = list(dict.fromkeys(c.key for c in parties_refs))
            used_back = False
            if len(party_keys) < 2 and back:
                previous = [
                    k
                    for k in recent
                    if k not in party_keys and (not resulting or k != resulting.key)
                ]
                party_keys = (party_keys + previous[-2:])[:2] if party_keys else previous[-2:]
                used_back = True
            if len(party_keys) >= 2:
                deal = _merge(deals, kind, party_keys)
                deal.spans.append((match.start(), match.end(), match.group()))
                deal.back_reference |= used_back
                deal.cues.append(match.group())
                masked = _masked(text, s_start, s_end, companies)
                for status, pattern in _STATUS:
                    cue = pattern.search(masked)
                    if cue:
                        deal.statuses.add(status)
                        deal.cues.append(cue.group())
                for name, pattern in _SECTORS:
                    if pattern.search(masked) and name not in deal.sectors:
                        deal.sectors.append(name)
                for name, pattern in _REGIONS:
                    if pattern.search(masked) and name not in deal.regions:
                        deal.regions.append(name)
                refs = [c for c in parties_refs if c.key in party_keys]
                for key, role in _roles(deal.kind, sentence, s_start, match.start(), refs).items():
                    if role != "partner" or key not in deal.roles:
                        deal.roles[key] = role
                if resulting:
                    deal.resulting = resulting.key
                age = _AGE.search(sentence)
                if age and deal.date is None:
                    deal.date = age.group()
                    deal.founded = bool(_FOUNDED.search(sentence))
        for c in in_sentence:
            if c.key in recent:
                recent.remove(c.key)
            recent.append(c.key)
    return deals


_OBJECT = re.compile(r"^\s*(?:of|in|into)?\s*(?:a|an|its|their|the|some)\s+[a-z]")


def _names_no_company(text: str, match: re.Match, kind: str, companies: list[CompanyRef]) -> bool:
    """'invested in a start-up': the deal's object is unnamed, so no agreement between companies."""
    if kind not in {"acquisition", "investment"}:
        return False
    after = text[match.end() : match.end() + 60]
    if not _OBJECT.match(after):
        return False
    return not any(match.end() <= c.start < match.end() + 25 for c in companies)


def _parties(in_sentence: list[CompanyRef], match: re.Match, text: str) -> list[CompanyRef]:
    """With two companies before the deal word, later ones after a comma are not parties."""
    before = {c.key for c in in_sentence if c.end <= match.start()}
    if len(before) < 2:
        return in_sentence
    comma = text.find(",", match.end())
    return [c for c in in_sentence if c.end <= match.start() or comma == -1 or c.start < comma]


def _generic(match: re.Match, kind: str) -> bool:
    """Words that say there is a deal without saying which kind ('the venture', 'agreement')."""
    return kind == "other" or match.group().lower() in {"venture", "the venture"}


def _merge(deals: list[Deal], kind: str, parties: list[str]) -> Deal:
    """The deal these words speak of: the same parties, and the same or an unspecific kind."""
    for deal in deals:
        if set(deal.parties) == set(parties) and (
            kind in {deal.kind, "other"} or deal.kind == "other"
        ):
            if deal.kind == "other":
                deal.kind = kind
            return deal
    deal = Deal(kind=kind, parties=parties)
    deals.append(deal)
    return deal


def existing_agreement(deal: Deal, agreements: tuple[RegistryAgreement, ...]) -> str | None:
    """The registry agreement of the same kind between the same parties, if there is one."""
    for agreement in agreements:
        if agreement.kind == deal.kind and agreement.parties == frozenset(deal.parties):
            return agreement.slug
    return None

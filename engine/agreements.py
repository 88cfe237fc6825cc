"""Agreements: one proposal per deal a story reports, with every mention of it attached.

A sentence reports a deal when a deal word has two parties: named in its clause, referred back to
("the pair"), or ("the venture", "the agreement") the deal already being told. Kind, roles and
status are read from the clause (:mod:`engine.clauses`), terms from the sentence
(:mod:`engine.terms`); mentions of one deal merge into one proposal.
"""

import re
from dataclasses import dataclass, field

from .clauses import (
    CompanyRef,
    Cue,
    buys_goods,
    bystanders,
    deciding_cue,
    find_cues,
    roles,
    statuses,
)
from .dealwords import BACK_REFERENCES, REGIONS, SECTORS, STATUS_CUES
from .lexicon import Lexicon
from .model import RegistryAgreement
from .passages import clauses_of, datelines, deal_clauses, unquoted
from .terms import advisers, find_terms

__all__ = ["CompanyRef", "Deal", "existing_agreement", "find_deals"]

_STATUS_ORDER = [status for status, _ in STATUS_CUES]
_SECTORS = Lexicon(list(SECTORS.items()))
_REGIONS = Lexicon(list(REGIONS.items()), flags=0)
_BACK = Lexicon([("back", BACK_REFERENCES)])
_YEAR = re.compile(r"(?:19|20)\d\d")
_DEFINITE = re.compile(
    r"\b(?:the|this|that|its|their|his|her)\s+(?:[\w-]+\s+){0,2}\Z", re.IGNORECASE
)
_APPOSITION = re.compile(r"^[\s,]*(?:called|named|known as|in|—|–)?[\s,]*$")
_NAMED_VENTURE = re.compile(r",\s+(?:the|a|an|its|their)\s+(?:new\s+|proposed\s+)?")
_AGE = re.compile(
    r"\b(?P<n>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty)\s+"
    r"(?P<unit>years?|decades?)\s+ago\b|\bin\s+(?:(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_FOUNDED = re.compile(r"\b(?:founded|set up|established|formed|created|launched)\b", re.IGNORECASE)
_OBJECT = re.compile(r"^\s*(?:of|in|into)?\s*(?:a|an|its|their|the|some)\s+[a-z]")
_SYNONYMS = ({"partnership", "alliance"},)
_HIRING = re.compile(r"enlist|hired|retain|mandate")


@dataclass
class Mention:
    start: int
    end: int
    named: bool  # both parties named in the mention's own sentence
    loose: bool  # a word that says there is a deal, not which kind


@dataclass
class Deal:
    kind: str
    parties: list[str]
    mentions: list[Mention] = field(default_factory=list)
    statuses: dict[str, tuple[int, int]] = field(default_factory=dict)  # status: its cue span
    cues: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    terms: list[dict] = field(default_factory=list)
    resulting: str | None = None
    date: str | None = None
    founded: bool = False
    back_reference: bool = False

    @property
    def status(self) -> str:
        for status in _STATUS_ORDER:
            if status in self.statuses:
                return status
        return "announced"

    @property
    def clearest(self) -> Mention:
        """The mention that says the most on its own: a kind word with both parties named."""
        return min(self.mentions, key=lambda m: (not m.named, m.loose, m.start))


def _names_no_company(text: str, cue: Cue, companies: list[CompanyRef]) -> bool:
    """'invested in a start-up': the deal's object is unnamed, so no agreement between companies."""
    if cue.kind not in {"acquisition", "investment"} or cue.name == "stake":
        return False
    if buys_goods(text, cue):
        return False
    if not _OBJECT.match(text[cue.end : cue.end + 60]):
        return False
    return not any(cue.end <= c.start < cue.end + 25 for c in companies)


def _parties(in_sentence: list[CompanyRef], cue: Cue, text: str) -> list[CompanyRef]:
    """With two companies before the deal word, later ones after a comma are not parties."""
    before = {c.key for c in in_sentence if c.end <= cue.start}
    if len(before) < 2:
        return in_sentence
    comma = text.find(",", cue.end)
    return [c for c in in_sentence if c.end <= cue.start or comma == -1 or c.start < comma]


def _compatible(deal: Deal, kind: str, loose: bool) -> bool:
    if loose or deal.kind == "other" or kind in {deal.kind, "other"}:
        return True
    return any({deal.kind, kind} <= group for group in _SYNONYMS)


def _merge(deals: list[Deal], kind: str, parties: list[str], loose: bool, stake: bool) -> Deal:
    """The deal these words speak of: the same parties, and the same or an unspecific kind."""
    for deal in deals:
        if set(deal.parties) != set(parties):
            continue
        # A stake between the parties of an acquisition is the shares that acquisition buys.
        bought = stake and {deal.kind, kind} == {"acquisition", "investment"}
        if _compatible(deal, kind, loose) or bought:
            if deal.kind in {"other", "investment"} and kind not in {"other", deal.kind}:
                deal.kind = kind
            return deal
    deal = Deal(kind=kind, parties=parties)
    deals.append(deal)
    return deal


def _referred(deals: list[Deal], kind: str, loose: bool, named: list[str]) -> Deal | None:
    """The deal a definite 'the venture' or 'its acquisition' refers back to: the latest one."""
    for deal in reversed(deals):
        if all(k in deal.parties for k in named) and _compatible(deal, kind, loose):
            return deal
    return None


def _resulting(text: str, cue: Cue, refs: list[CompanyRef]) -> CompanyRef | None:
    """The venture's own company: "a joint venture called X", "X, the joint venture", "a joint
    venture in X"."""
    for ref in refs:
        if ref.start >= cue.end and _APPOSITION.match(text[cue.end : ref.start]):
            return ref
        if ref.end <= cue.start and _NAMED_VENTURE.fullmatch(text, ref.end, cue.start):
            return ref
    return None


def _describe(
    deal: Deal, text: str, folded: str, s_start: int, s_end: int, refs: list[CompanyRef]
) -> None:
    """Status, sectors and regions from one sentence that speaks of the deal."""
    for status, start, end in statuses(text, folded, s_start, s_end, refs):
        deal.statuses.setdefault(status, (start, end))
        deal.cues.append(text[start:end])
    for lexicon, found in ((_SECTORS, deal.sectors), (_REGIONS, deal.regions)):
        for name, start, end in lexicon.find(text, folded, s_start, s_end):
            if name not in found and not any(r.start < end and start < r.end for r in refs):
                found.append(name)


def find_deals(
    text: str,
    folded: str,
    sentences: list[tuple[int, int]],
    companies: list[CompanyRef],
) -> list[Deal]:
    """Agreements the text reports, one per deal, merged across the sentences that speak of it."""
    deals: list[Deal] = []
    recent: list[str] = []  # companies in order of last mention, for "the pair"
    hired: set[str] = set()
    hiring = _HIRING.search(folded) is not None
    lines = datelines(text)
    if lines:
        companies = [c for c in companies if not any(a <= c.start < b for a, b in lines)]
    cues = find_cues(text, folded)
    c_index = r_index = 0
    for s_start, s_end in sentences:
        while r_index < len(companies) and companies[r_index].start < s_start:
            r_index += 1
        first_ref = r_index
        while r_index < len(companies) and companies[r_index].start < s_end:
            r_index += 1
        in_sentence = companies[first_ref:r_index]
        while c_index < len(cues) and cues[c_index].start < s_start:
            c_index += 1
        first_cue = c_index
        while c_index < len(cues) and cues[c_index].start < s_end:
            c_index += 1
        sentence_cues = cues[first_cue:c_index]
        if sentence_cues:
            outside = unquoted(text, s_start, s_end)
            sentence_cues = [
                c
                for c in sentence_cues
                if any(a <= c.start < b for a, b in outside)
                and not _names_no_company(text, c, in_sentence)
                # "Venture Global LNG", "Alliance Boots": a word of a company's name
                and not any(r.start <= c.start < r.end for r in in_sentence)
            ]
        named = in_sentence
        # A bank hired for the deal advises it wherever the story names it again.
        counsel = (
            advisers(text, s_start, s_end, in_sentence)
            if in_sentence
            and (sentence_cues or (hiring and _HIRING.search(folded, s_start, s_end)))
            else []
        )
        counsel += [c for c in in_sentence if c.key in hired and c not in counsel]
        hired.update(c.key for c in counsel)
        if sentence_cues and in_sentence:
            aside = bystanders(text, folded, in_sentence)
            named = [c for c in in_sentence if c not in aside and c not in counsel]
        for c_start, c_end, clause_cues in deal_clauses(text, s_start, s_end, sentence_cues, named):
            _sentence(text, folded, c_start, c_end, clause_cues, named, counsel, deals, recent)
        for c in named:
            if c.key in recent:
                recent.remove(c.key)
            recent.append(c.key)
    return [d for d in deals if d.mentions]


def _sentence(
    text: str,
    folded: str,
    s_start: int,
    s_end: int,
    cues: list[Cue],
    named: list[CompanyRef],
    counsel: list[CompanyRef],
    deals: list[Deal],
    recent: list[str],
) -> None:
    """Add what one sentence with deal words says to the deal it reports, if it reports one."""
    # A deal word whose own clause names two companies speaks of their deal; prefer it.
    two = len({c.key for c in named}) >= 2
    clauses = clauses_of(text, s_start, s_end, cues) if two else {}
    with_parties = [
        cue
        for cue, (a, b) in clauses.items()
        if len({c.key for c in named if a <= c.start < b}) >= 2
    ]
    cue, kind = deciding_cue(text, with_parties or cues)
    resulting = _resulting(text, cue, named) if kind == "joint_venture" else None
    c_start, c_end = clauses.get(cue, (s_start, s_end))
    in_clause = [c for c in named if c_start <= c.start < c_end]
    if len({c.key for c in in_clause if c is not resulting}) < 2:
        in_clause, c_start, c_end = named, s_start, s_end  # the deal's parties span its clauses
    parties_refs = [c for c in _parties(in_clause, cue, text) if c is not resulting]
    party_keys = list(dict.fromkeys(c.key for c in parties_refs))
    used_back = False
    if len(party_keys) < 2 and _BACK.find(text, folded, s_start, s_end):
        # "The two companies are extending their alliance": the pair of the deal being told, if
        # it holds the company named; else the companies last named.
        told = next((d for d in reversed(deals) if set(party_keys) <= set(d.parties)), None)
        previous = [
            k for k in recent if k not in party_keys and (not resulting or k != resulting.key)
        ]
        if told and len(told.parties) == 2:
            party_keys = list(told.parties)
        else:
            party_keys = (party_keys + previous[-1:]) if party_keys else previous[-2:]
        used_back = True
    deal = None
    if len(party_keys) >= 2:
        deal = _merge(deals, kind, party_keys, cue.loose, cue.name == "stake")
        deal.back_reference |= used_back
        refs = [c for c in parties_refs if c.key in party_keys]
        for key, role in roles(deal.kind, text, c_start, c_end, cue, refs).items():
            # The first clause that gives a role decides it; a later sentence cannot flip it.
            if deal.roles.get(key, "partner") == "partner":
                deal.roles[key] = role
    elif _DEFINITE.search(text, max(s_start, cue.start - 40), cue.start):
        deal = _referred(deals, kind, cue.loose, party_keys)
    if deal is None:
        return
    deal.mentions.append(
        Mention(cue.start, cue.end, not used_back and len(party_keys) >= 2, cue.loose)
    )
    deal.cues.append(text[cue.start : cue.end])
    for other in cues:
        # "the tie-up ..., and the agreement runs": a definite loose word is the same deal.
        if (
            other is not cue
            and other.loose
            and _DEFINITE.search(text, max(s_start, other.start - 40), other.start)
        ):
            deal.mentions.append(Mention(other.start, other.end, False, True))
    _describe(deal, text, folded, s_start, s_end, named)
    if resulting:
        deal.resulting = resulting.key
    dated = "ago" in folded[s_start:s_end] or _YEAR.search(folded, s_start, s_end)
    age = _AGE.search(text, s_start, s_end) if dated else None
    if age and deal.date is None:
        deal.date = age.group()
        deal.founded = bool(_FOUNDED.search(text, s_start, s_end))
        role = "founded" if deal.founded else "date"
        deal.terms.append(
            {
                "term": "date",
                "role": role,
                "start": age.start(),
                "end": age.end(),
                "exact": age.group(),
            }
        )
    known = {(t["term"], t["start"]) for t in deal.terms}
    for term in find_terms(text, s_start, s_end, named, counsel):
        if (term["term"], term["start"]) not in known:
            deal.terms.append(term)


def existing_agreement(deal: Deal, agreements: tuple[RegistryAgreement, ...]) -> str | None:
    """The registry agreement of the same kind between the same parties, if there is one."""
    for agreement in agreements:
        if agreement.kind == deal.kind and agreement.parties == frozenset(deal.parties):
            return agreement.slug
    return None

"""What one sentence says about a deal: its cue words, kind, who stands by, roles and status.

Everything here reads one clause: a role or a status comes from the words that govern the deal
word, never from elsewhere in the story.
"""

import re
from dataclasses import dataclass

from .dealwords import (
    AWAITED,
    BYSTANDER_CUES,
    CONTROLLING_STAKE,
    DEAL_CUES,
    PLURAL_CUE,
    STAKE_PERCENT,
    STATUS_CUES,
)
from .lexicon import Lexicon

_CUES = Lexicon([(name, pattern) for name, pattern, _ in DEAL_CUES])
_KIND_OF_CUE = {name: kind for name, _, kind in DEAL_CUES}
# Words that say there is a deal, or name it loosely: they join whatever deal their parties have.
LOOSE_CUES = frozenset({"generic", "venture", "partnership_loose", "memorandum"})
_LOOSE_WORDS = re.compile(r"tie[- ]ups?", re.IGNORECASE)
_PLURAL = re.compile(PLURAL_CUE, re.IGNORECASE)
_STATUSES = Lexicon(STATUS_CUES)
_STATUS_RANK = {status: rank for rank, (status, _) in enumerate(STATUS_CUES)}
_MODALS = re.compile(r"\b(?:may|might|could)\b")  # case matters: "May 2024" is a month
_AWAITED_BEFORE = re.compile(AWAITED + r"(?:[\w’'-]+\s+){0,4}\Z", re.IGNORECASE)
_VENTURE_SUBJECT = re.compile(
    r"\b(?:the|this|that|new)\s+(?:joint\s+)?(?:venture|JV|partnership|alliance|company)\s+\Z",
    re.IGNORECASE,
)
_BYSTANDER = Lexicon([("bystander", BYSTANDER_CUES)])
# "its pursuit of rival Zeta", "an acquisition of competitor Zeta": the rival is the target.
_RIVAL_AS_OBJECT = re.compile(
    r"\b(?:of|for|with|buy|buys|bought|buying|acquire|acquires|acquired|acquiring|purchase|"
    r"purchased)\s+(?:(?:its|their|the|a|an|smaller|larger|bigger|long-?time|domestic|local|"
    r"fellow|former)\s+)*\Z",
    re.IGNORECASE,
)
_RIVAL_WORD = re.compile(r"(?:rivals?|competitors?)\Z", re.IGNORECASE)
# A news organisation cited as the source of the story: "Valor reported on", "told Reuters".
_JOINING = re.compile(r"\bjoin(?:s|ed|ing)?\s+\Z", re.IGNORECASE)
# "Unipec, a subsidiary of Sinopec, will buy": the parent is named to say who owns whom.
_PARENT = re.compile(
    r",\s+(?:a|an|the|its)\s+(?:[\w-]+\s+){0,2}?(?:subsidiary|unit|affiliate|arm|division)\s+of\s+\Z",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\s+(?:reported|reports)(?=\s+(?:on|that|earlier|late|last|this|in)\b|[,.])|\s+said,?\s+citing",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"(?:\s|,|\band\b|\bor\b|&|\bthe\b|\bits\b|\btheir\b)*$", re.IGNORECASE)
_CONTROLLING = re.compile(CONTROLLING_STAKE + r"\s*$", re.IGNORECASE)
_PERCENT = re.compile(STAKE_PERCENT, re.IGNORECASE)
_PASSIVE = re.compile(
    r"\b(?:is|was|were|be|been|being|are)\s+(?:being\s+)?(?:acquired|bought|purchased|"
    r"taken over|snapped up|swallowed(?: up)?|licensed|supplied|sold)\s+(?:\w+\s+){0,3}?by\b",
    re.IGNORECASE,
)
_OF_BY = re.compile(
    r"\b(?:takeover|acquisition|purchase|buyout|sale|licensing)\s+of\b[^.;]*?\bby\b", re.I
)
_TO = re.compile(r"\bto\b", re.IGNORECASE)
# Between a stake and a venture word: "in the new", "in Acme Refining Co., the".
_IN_VENTURE = re.compile(
    r"\s+in\s+(?:[^,;]{0,60}?,\s+)?(?:the|its|their|this|that|a|an)\s+(?:new\s+|proposed\s+)?",
    re.IGNORECASE,
)
_SOLD = re.compile(
    r"\b(?:sell|sells|selling|sold|sale of|offload(?:s|ed|ing)?|divest(?:s|ed|ing)?)\s+"
    r"(?:[\w%.,-]+\s+){0,4}\Z",
    re.IGNORECASE,
)
# Goods bought without a quantity: "buy power from", "purchase LNG from".
_GOODS = re.compile(
    r"\s+(?:(?:renewable|clean|green|solar|wind|nuclear|liquefied natural)\s+)?(?:power|"
    r"electricity|energy|gas|LNG|oil|crude|coal|copper|lithium|nickel|cobalt|iron ore|chips|"
    r"semiconductors|batteries|jets|aircraft|planes)\b",
    re.IGNORECASE,
)
_QUANTITY = re.compile(
    r"\s+(?:(?:up to|about|around|some|a total of|an additional|an extra)\s+)?[\d.,]+\s*"
    r"(?:(?:million|billion|thousand|m|bn|mn)\s+)?(?:metric\s+)?(?:tonnes|tons|barrels|"
    r"cubic|MW|GW|megawatts|gigawatts|units|bpd|mtpa|doses|vehicles|aircraft|planes|jets|"
    r"cars|trucks|trains|ships|vessels|cargoes|kilowatt|megawatt)\b",
    re.IGNORECASE,
)
_FROM = re.compile(r"\bfrom\b", re.IGNORECASE)
_BID_FROM = re.compile(
    r"\b(?:proposal|offer|bid|approach)s?\s+from\s+(?:[\w.&’'-]+\s+){0,5}\Z", re.IGNORECASE
)
_STAKE_IN = re.compile(r"\bstake\b[^;]{0,200}?\bin\s+(?:[\w.,&’'-]+\s+){0,5}\Z", re.IGNORECASE)
_TAKES_LICENCE = re.compile(
    r"\b(?:for|obtain(?:s|ed)?|receiv(?:e|es|ed)|secur(?:e|es|ed)|gain(?:s|ed)?|gets?|got)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}licen[cs]e\b|\bin-licens",
    re.IGNORECASE,
)
_WITH = re.compile(r"\bwith\s+(?:[\w.&’'-]+\s+){0,5}\Z", re.IGNORECASE)
ROLES = {
    "acquisition": ("acquirer", "target"),
    "investment": ("investor", "investee"),
    "licensing": ("licensor", "licensee"),
    "supply": ("supplier", "customer"),
}


@dataclass(frozen=True)
class CompanyRef:
    start: int
    end: int
    key: str  # registry slug, or the proposed name of a new company


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    name: str  # which entry of DEAL_CUES matched
    kind: str

    @property
    def loose(self) -> bool:
        """'the agreement', 'the venture', 'the tie-up': a deal, but not which kind."""
        return self.name in LOOSE_CUES


def find_cues(text: str, folded: str) -> list[Cue]:
    """Every singular deal word in the text, in order; plurals speak of several deals."""
    found = []
    for name, start, end in _CUES.find(text, folded):
        written = text[start:end]
        if _PLURAL.search(written):
            continue
        if name == "partnership" and _LOOSE_WORDS.fullmatch(written):
            name = "partnership_loose"
        found.append(Cue(start, end, name, _KIND_OF_CUE.get(name, "partnership")))
    return found


def deciding_cue(text: str, cues: list[Cue]) -> tuple[Cue, str]:
    """The cue that says which deal the clause reports, and the kind it gives."""
    specific = [c for c in cues if not c.loose] or cues
    cue = specific[0]
    ventures = [c for c in cues if c.kind == "joint_venture"]
    if ventures and cue.kind in {"partnership", "other"}:
        return ventures[0], "joint_venture"  # a framework or memorandum for a venture
    if cue.name == "stake" and ventures and _IN_VENTURE.fullmatch(text, cue.end, ventures[0].start):
        return ventures[0], "joint_venture"  # "a 50% stake in the joint venture": its terms
    if buys_goods(text, cue):
        return cue, "supply"
    stakes = [c for c in cues if c.name == "stake"]
    if stakes and (cue.kind == "acquisition" or cue.name == "stake"):
        # "acquire an 18% stake" is an investment; "a controlling stake" an acquisition.
        stake = stakes[0]
        if stake.start - cue.end <= 40:
            return stake, _stake_kind(text, stake)
    return cue, cue.kind


def buys_goods(text: str, cue: Cue) -> bool:
    """'to buy 4 million tonnes of gas': a purchase of goods, which is supply, not a takeover."""
    return cue.name == "buy" and bool(_QUANTITY.match(text, cue.end) or _GOODS.match(text, cue.end))


def _stake_kind(text: str, stake: Cue) -> str:
    words = text[max(0, stake.start - 40) : stake.end]
    if _CONTROLLING.search(words):
        return "acquisition"
    percent = _PERCENT.search(text, max(0, stake.start - 30), stake.end)
    if percent and float(percent.group(1)) > 50:
        return "acquisition"
    return "investment"


def bystanders(text: str, folded: str, refs: list[CompanyRef]) -> set[CompanyRef]:
    """Companies named beside the deal, not in it: rivals, competitors, lists of names."""
    out: set[CompanyRef] = set()
    if not refs:
        return out
    start = refs[0].start
    for _, cue_start, position in _BYSTANDER.find(text, folded, max(0, start - 80), refs[-1].end):
        if _RIVAL_WORD.match(text, cue_start, position) and _RIVAL_AS_OBJECT.search(
            text, max(0, cue_start - 60), cue_start
        ):
            continue
        for ref in refs:
            if ref.start < position:
                continue
            if not _LIST_GAP.match(text, position, ref.start) and ref.start - position > 12:
                break
            out.add(ref)
            position = ref.end
    out.update(ref for ref in refs if _REPORTED.match(text, ref.end))
    out.update(ref for ref in refs if _PARENT.search(text, max(0, ref.start - 60), ref.start))
    # "VW will join Ford in investing in Argo": Ford's own deal is not this one.
    out.update(
        ref
        for ref in refs
        if _JOINING.search(text, max(0, ref.start - 12), ref.start)
        and text.startswith(" in ", ref.end)
    )
    run = [refs[0]]
    for ref in [*refs[1:], None]:
        if ref is not None and _LIST_GAP.match(text[run[-1].end : ref.start]):
            run.append(ref)
            continue
        if len({r.key for r in run}) >= 3:
            out.update(run)  # a list of names is the field, not the deal
        if ref is not None:
            run = [ref]
    return out


def roles(
    kind: str, text: str, s_start: int, s_end: int, cue: Cue, parties: list[CompanyRef]
) -> dict[str, str]:
    """Each party's role, read from the clause around the deal word."""
    result = {p.key: "partner" for p in parties}
    if kind not in ROLES or len(parties) < 2:
        return result
    first, second = ROLES[kind]
    passive = None
    if " by " in text[s_start:s_end]:
        passive = _PASSIVE.search(text, s_start, s_end) or _OF_BY.search(text, s_start, s_end)
    if passive:
        by = [p for p in parties if p.start >= passive.end()]
        if by:
            result = {p.key: second for p in parties}
            result[by[0].key] = first
            return result
    if (
        kind == "investment"
        and cue.name == "stake"
        and _SOLD.search(text, max(s_start, cue.start - 50), cue.start)
    ):
        # "Acme sold its 20% stake in Zeta to Bolt": Bolt invests, Acme sells.
        to = _TO.search(text, cue.end, s_end)
        buyers = [p for p in parties if to and p.start >= to.end()]
        if buyers:
            result = {p.key: "investee" for p in parties}
            result[buyers[0].key] = "investor"
            for p in parties:
                if p.end <= cue.start:
                    result[p.key] = "seller"
            return result
    if cue.name == "sale" and kind == "acquisition":
        to = _TO.search(text, cue.end, s_end)
        buyers = [p for p in parties if to and p.start >= to.end()]
        if buyers:
            result = {p.key: "target" for p in parties}
            result[buyers[0].key] = "acquirer"
            for p in parties:
                if p.end <= cue.start:
                    result[p.key] = "seller"
            return result
    bidders = [p for p in parties if _BID_FROM.search(text, max(s_start, p.start - 60), p.start)]
    if kind == "acquisition" and bidders:
        # "a buyout proposal from Bain": the bidder is the buyer, whoever received it.
        result = {p.key: second for p in parties}
        result[bidders[0].key] = first
        return result
    source = _FROM.search(text, cue.end, s_end)
    held = [p for p in parties if _STAKE_IN.search(text, max(s_start, p.start - 250), p.start)]
    sources = [p for p in parties if source and p.start >= source.end() and p not in held]
    before = [p for p in parties if p.end <= cue.start]
    after = [p for p in parties if p.start >= cue.end]
    if sources and before:
        # "Bolt licensed the patents from Acme", "Bolt bought Zeta from Acme"
        result = {p.key: second for p in parties}
        giver = {"acquisition": "seller", "investment": "seller"}.get(kind, first)
        taker = {"acquisition": "acquirer", "investment": "investor"}.get(kind, second)
        result[before[0].key] = taker
        for p in sources:
            result[p.key] = giver
        return result
    if kind == "supply" and (cue.name == "buy" or cue.name == "supply_deal"):
        # "Acme's supply deal with Bolt", "Acme will buy 4m tonnes": the one who signs for goods
        # buys them; the company it signs with, or buys from, supplies them.
        sellers = [p for p in parties if _WITH.search(text, max(s_start, p.start - 60), p.start)]
        buyer = next((p for p in parties if p not in sellers), None)
        if (sellers and buyer) or cue.name == "buy":
            buyer = buyer or parties[0]
            result = {p.key: first for p in parties}
            result[buyer.key] = second
            return result
    if kind == "licensing" and before and _TAKES_LICENCE.search(text, s_start, s_end):
        # "Acme signed an agreement with Bolt for a licence to ...": Acme takes the licence.
        result = {p.key: first for p in parties}
        result[before[0].key] = second
        return result
    if not before and len(after) >= 2:
        # "Acquiring Acme will let Bolt ...": the object comes first, the actor after it.
        result = {p.key: second for p in parties}
        result[after[1].key] = first
        return result
    acting = before[0] if before else parties[0]
    result = {p.key: second for p in parties}
    result[acting.key] = first
    if not after and len(before) > 1:
        result[before[-1].key] = second
    return result


def statuses(
    text: str, folded: str, s_start: int, s_end: int, refs: list[CompanyRef]
) -> list[tuple[str, int, int]]:
    """Status cues in one sentence (not inside company names), strongest first, with spans."""
    found: dict[str, tuple[int, int]] = {}
    for status, start, end in _STATUSES.find(text, folded, s_start, s_end):
        word = text[start:end]
        if status in found or any(r.start < end and start < r.end for r in refs):
            continue
        modal = word.lower() in {"may", "might", "could"}
        if status == "planned" and modal and not _MODALS.fullmatch(word):
            continue  # "May 2024" is a month
        if status in {"completed", "signed"} and (
            _AWAITED_BEFORE.search(text, s_start, start) or text.endswith(" to ", s_start, start)
        ):
            continue  # "until Acme closes its acquisition", "expect it to complete": awaited
        if status == "planned" and _VENTURE_SUBJECT.search(text, max(s_start, start - 30), start):
            continue  # "the joint venture plans to start production": the venture's plan
        found[status] = (start, end)
    return sorted(((s, *span) for s, span in found.items()), key=lambda f: _STATUS_RANK[f[0]])

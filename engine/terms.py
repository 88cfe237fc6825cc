"""The terms a deal sentence states: value and currency, stake, dates, advisers, approvals.

Each term is proposed as data with its evidence span, for an editor to confirm as a claim.
"""

import re

from .clauses import CompanyRef
from .dealwords import (
    ADVISER_CUES,
    APPROVAL_STATES,
    CONTROLLING_STAKE,
    CURRENCIES,
    ISO_CURRENCIES,
    REGULATORS,
    SCALES,
    STAKE_PERCENT,
    VALUE_CUES,
    VALUE_FOLLOWERS,
)

_SYMBOLS = "|".join(
    re.escape(s)
    for s in sorted(CURRENCIES, key=len, reverse=True)
    if s[0] in "$€£¥₹" or s[-1] == "$"
)
_WORDS = "|".join(s for s in CURRENCIES if s.isalpha())
_ISO = "|".join(ISO_CURRENCIES)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:trillion|billion|million|thousand|tn|bn|mln|mn|m|b|k)\b"
_MONEY = re.compile(
    rf"(?P<symbol>{_SYMBOLS})\s?(?P<n1>{_NUMBER})\s*(?P<s1>{_SCALE})?"
    rf"|(?P<iso1>{_ISO})\s?(?P<n2>{_NUMBER})\s*(?P<s2>{_SCALE})?"
    rf"|(?P<n3>{_NUMBER})\s*(?P<s3>{_SCALE})?\s+(?P<word>{_WORDS}|{_ISO})\b",
)
_VALUE_BEFORE = re.compile(VALUE_CUES, re.IGNORECASE)
_VALUE_AFTER = re.compile(VALUE_FOLLOWERS, re.IGNORECASE)
_STAKE = re.compile(
    rf"{STAKE_PERCENT}|(?P<word>{CONTROLLING_STAKE}|minority\s+stake)", re.IGNORECASE
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DATE = re.compile(
    rf"\b(?:(?:\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?"
    r"|(?:the\s+)?(?:first|second|third|fourth|final)\s+(?:quarter|half)(?:\s+of)?\s+(?:19|20)\d\d"
    r"|Q[1-4]\s+(?:19|20)\d\d|(?:the\s+)?end\s+of\s+(?:the\s+year|(?:19|20)\d\d)"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?<![\d$€£.,])(?:19|20)\d\d"
    r"(?![\d%]))\b"
)
_CLOSING = re.compile(
    r"\b(?:clos(?:e|ing)|complet(?:e|ion|ed)|expected|due|by|finali[sz]e)\b[^.;]{0,40}\Z", re.I
)
_REGULATOR = re.compile(
    r"\b(?:" + "|".join(re.escape(r) for r in sorted(REGULATORS, key=len, reverse=True)) + r")\b"
)
_APPROVAL = [(state, re.compile(rf"\b(?:{p})\b", re.IGNORECASE)) for state, p in APPROVAL_STATES]
_APPROVAL_WORDS = re.compile(r"\b(?:approv\w*|clearance|cleared|antitrust|regulat\w*)", re.I)
_ADVISER = re.compile(rf"\b(?:{ADVISER_CUES})\b", re.IGNORECASE)
_ADVISER_WORDS = (
    "advis", "counsel", "represent", "acted for", "acting for", "enlist", "hired", "retain",
    "mandate",
)  # fmt: skip
# "Acme has enlisted Bolt to seek buyers": a bank hired for the deal, not a party to it.
_HIRED = re.compile(r"\b(?:enlisted|hired|retained|mandated|tapped)\s+\Z", re.IGNORECASE)
_HIRED_FOR = re.compile(r"(?:\s+Group)?\s+(?:to|as)\b")
_ADVISED_BY = re.compile(r"\b(?:advised|represented|counselled)\s+by\s*\Z", re.IGNORECASE)
_ADVISERS_NAMED = re.compile(
    r"\b(?:advis[eo]rs?|counsel)(?:\s+(?:are|is|were|was|include|included))?[\s,:]*\Z", re.I
)
_ADVISES = re.compile(
    # "Lex & Co Mumbai partner Jane Doe represented": a firm's lawyer acts for the firm.
    r"(?:\s+(?:[A-Z][\w&.’'-]*|partners?|lawyers?|counsel|head|team)){0,5}?"
    r"\s*(?:(?:is|was|are|were)\s+)?(?:advising|advised|advises|acted for|acting for|acts for|"
    r"represent(?:s|ed|ing))\b(?!\s+by)",
    re.IGNORECASE,
)
_AS_ADVISER = re.compile(
    r"\s*(?:(?:is|was|are|were|acted|acts|acting|served|serves)\s+)?as\s+"
    r"(?:(?:the|its|their|a|lead|sole|financial|legal|joint)\s+)*(?:advis[eo]rs?|counsel)\b",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"^(?:\s|,|\band\b)+$")


def _span(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "exact": text[start:end]}


def value(text: str, s_start: int, s_end: int) -> dict | None:
    """The price of the deal: an amount said to be what it is worth, not a company's sales."""
    for money in _MONEY.finditer(text, s_start, s_end):
        before = _VALUE_BEFORE.search(text, max(s_start, money.start() - 30), money.start())
        if not (before or _VALUE_AFTER.match(text, money.end(), s_end)):
            continue
        groups = money.groupdict()
        number = next(groups[k] for k in ("n1", "n2", "n3") if groups[k])
        scale = next((groups[k] for k in ("s1", "s2", "s3") if groups[k]), None)
        code = groups["symbol"] or groups["iso1"] or groups["word"]
        currency = CURRENCIES.get(code, code)
        amount = float(number.replace(",", "")) * SCALES.get((scale or "").lower(), 1)
        return {
            "term": "value",
            "amount": amount,
            "currency": "CNY" if currency == "RMB" else currency,
            **_span(text, money.start(), money.end()),
        }
    return None


def find_terms(
    text: str, s_start: int, s_end: int, refs: list[CompanyRef], advisers: list[CompanyRef]
) -> list[dict]:
    """Every term one deal sentence states, each with its evidence span."""
    terms = []
    price = value(text, s_start, s_end)
    if price:
        terms.append(price)
    for stake in _STAKE.finditer(text, s_start, s_end):
        term = {"term": "stake", **_span(text, stake.start(), stake.end())}
        if stake.group("word"):
            term["description"] = " ".join(stake.group("word").lower().split()[:-1])
        else:
            term["percent"] = float(stake.group(1))
        terms.append(term)
        break
    for date in _DATE.finditer(text, s_start, s_end):
        closing = _CLOSING.search(text, max(s_start, date.start() - 50), date.start())
        role = "expected_completion" if closing else "date"
        terms.append({"term": "date", "role": role, **_span(text, date.start(), date.end())})
    for adviser in advisers:
        terms.append(
            {"term": "adviser", "company": adviser.key, **_span(text, adviser.start, adviser.end)}
        )
    if _APPROVAL_WORDS.search(text, s_start, s_end) or _REGULATOR.search(text, s_start, s_end):
        for regulator in _REGULATOR.finditer(text, s_start, s_end):
            state = next((s for s, p in _APPROVAL if p.search(text, s_start, s_end)), "required")
            terms.append(
                {
                    "term": "approval",
                    "regulator": regulator.group(),
                    "state": state,
                    **_span(text, regulator.start(), regulator.end()),
                }
            )
    return terms


def advisers(text: str, s_start: int, s_end: int, refs: list[CompanyRef]) -> list[CompanyRef]:
    """Companies the sentence names as advising on the deal: they are not its parties."""
    found: list[CompanyRef] = []
    sentence = text[s_start:s_end].lower()
    if not any(w in sentence for w in _ADVISER_WORDS):
        return found
    for ref in refs:
        before = text[max(s_start, ref.start - 50) : ref.start]
        after = text[ref.end : min(s_end, ref.end + 60)]
        listed = bool(found) and _LIST_GAP.match(text[found[-1].end : ref.start])
        if (
            (_HIRED.search(before) and _HIRED_FOR.match(after))
            or _ADVISED_BY.search(before)
            or _ADVISERS_NAMED.search(before)
            or _ADVISES.match(after)
            or _AS_ADVISER.match(after)
            or listed
        ):
            found.append(ref)
    return found

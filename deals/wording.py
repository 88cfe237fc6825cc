"""Deal terms written for people: $68.7bn, a 49% stake, 14 May 2025. Pure functions."""

from datetime import date
from decimal import Decimal

from .models import AgreementKind, AgreementStatus, ApprovalState, Claim, ClaimTerm, Party

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
SCALES = ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"))


def money(amount: Decimal | None, currency: str) -> str:
    """``$68.7bn``, ``€450m``, ``CNY 2bn``: a deal value as a newsroom writes it."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    for size, suffix in SCALES:
        if amount >= size:
            number = f"{amount / size:.1f}".removesuffix(".0") + suffix
            break
    else:
        number = f"{amount:,.0f}"
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{currency} {number}"


def percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{Decimal(value):f}".rstrip("0").rstrip(".") + "%"


def day(on: date | None, precision: str = "day") -> str:
    """``14 May 2025``, ``May 2025`` or ``2025``, as exact as the story was."""
    if on is None:
        return ""
    if precision == "year":
        return str(on.year)
    if precision == "month":
        return f"{on:%B} {on.year}"
    return f"{on.day} {on:%B} {on.year}"


def claim_text(claim: Claim) -> str:
    """What a claim says, in a few words."""
    match claim.term:
        case ClaimTerm.KIND:
            return AgreementKind(claim.kind).label
        case ClaimTerm.STATUS:
            return AgreementStatus(claim.status).label
        case ClaimTerm.PARTY:
            return f"{claim.company.name} ({Party.Role(claim.role).label.lower()})"
        case ClaimTerm.VALUE:
            return money(claim.amount, claim.currency)
        case ClaimTerm.STAKE:
            of = f" in {claim.company.name}" if claim.company_id else ""
            return f"a {percent(claim.percent)} stake{of}"
        case ClaimTerm.ADVISER:
            whom = f", advising {claim.counterpart.name}" if claim.counterpart_id else ""
            return f"{claim.company.name}{whom}"
        case ClaimTerm.APPROVAL:
            who = claim.company.name if claim.company_id else claim.text
            return f"{who}: {ApprovalState(claim.approval).label.lower()}"
        case ClaimTerm.ANNOUNCED | ClaimTerm.EXPECTED_CLOSE | ClaimTerm.COMPLETED:
            return day(claim.on, claim.precision or "day")
        case ClaimTerm.RESULTING_COMPANY:
            return claim.company.name
        case ClaimTerm.SECTOR:
            return claim.sector.name
        case ClaimTerm.REGION:
            return claim.region.name
    return claim.text

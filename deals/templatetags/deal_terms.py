"""Template filters that write deal terms for people."""

from django import template

from deals import wording

register = template.Library()


@register.filter
def claim_text(claim) -> str:
    return wording.claim_text(claim)


@register.filter
def story_day(claim) -> str:
    """The day the claim's story went public."""
    moment = claim.article.publish_at
    return wording.day(moment.date()) if moment else ""


@register.filter
def term(terms, name: str) -> str:
    """The standing claim of one term, written for people, or nothing."""
    claim = terms.one(name)
    return wording.claim_text(claim) if claim else ""

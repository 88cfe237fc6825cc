"""What structuring adds to the public story page through ``articles.hooks``: the annotated body,
the deal cards and quotes, related stories and JSON-LD, read through ``selectors``."""

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from registry.models import Company

from .models import Annotation
from .rendering import Mark, render_body
from .selectors import story_agreements, story_annotations, story_companies


def annotated_body(article) -> SafeString:
    """The body with confirmed, anchored mentions marked, deals marked and quotes attributed.

    A company is linked at its first mention only, as papers do; later mentions stay marked
    quietly, so a paragraph is not a wall of links.
    """
    marks = []
    linked: set[int] = set()
    for a in story_annotations(article, public=True):
        anchor = f"a{a.pk}"
        if a.kind == Annotation.Kind.COMPANY and a.company_id:
            first = a.company_id not in linked
            linked.add(a.company_id)
            marks.append(
                Mark(
                    a.start,
                    a.end,
                    "a" if first else "span",
                    "mention mention-company" + ("" if first else " mention-again"),
                    a.company.get_absolute_url() if first else "",
                    a.company.name,
                    anchor,
                )
            )
        elif a.kind == Annotation.Kind.AGREEMENT and a.agreement_id:
            marks.append(
                Mark(a.start, a.end, "mark", "mention-deal", title=a.agreement.title, anchor=anchor)
            )
        elif a.kind == Annotation.Kind.PERSON and a.person_id:
            marks.append(
                Mark(
                    a.start,
                    a.end,
                    "span",
                    "mention-person",
                    title=a.person.described,
                    anchor=anchor,
                )
            )
        elif a.kind == Annotation.Kind.QUOTE:
            speaker = a.person.name if a.person_id else "unattributed"
            marks.append(
                Mark(a.start, a.end, "span", "quote", title=f"Quote: {speaker}", anchor=anchor)
            )
    return mark_safe(render_body(article.body, marks))


def deal_cards(article) -> SafeString:
    agreements = list(story_agreements(article, public=True))
    quotes = list(story_annotations(article, public=True).filter(kind=Annotation.Kind.QUOTE))
    if not agreements and not quotes:
        return mark_safe("")
    return render_to_string(
        "structuring/_story_panels.html", {"agreements": agreements, "quotes": quotes}
    )


def _organisation(company: Company) -> dict:
    same_as = []
    if company.wikidata_id:
        same_as.append(f"https://www.wikidata.org/wiki/{company.wikidata_id}")
    if company.lei:
        same_as.append(f"https://search.gleif.org/#/record/{company.lei}")
    data = {"@type": "Organization", "name": company.name, "url": company.get_absolute_url()}
    if same_as:
        data["sameAs"] = same_as
    if company.legal_name:
        data["legalName"] = company.legal_name
    return data


def jsonld(article) -> dict:
    """Companies that are parties to the story's deals are what it is ``about``; others it mentions."""
    mentioned = story_companies(article, public=True)
    central = {
        party.company_id
        for agreement in story_agreements(article, public=True)
        for party in agreement.terms.parties
    }
    about = [c for c in mentioned if c.pk in central]
    others = [c for c in mentioned if c.pk not in central]
    facts = {}
    if about:
        facts["about"] = [_organisation(c) for c in about]
    if others:
        facts["mentions"] = [_organisation(c) for c in others]
    return facts


def by_company(queryset, value: str):
    """Stories with a confirmed mention of the company with this slug, name or alias (any case):
    readers type "China Telecom", scripts send "china-telecom"."""
    value = " ".join(value.split())
    companies = Company.objects.filter(
        Q(slug=value) | Q(name__iexact=value) | Q(aliases__name__iexact=value)
    ).values("pk")
    return queryset.filter(
        pk__in=Annotation.objects.public().filter(company__in=companies).values("article_id")
    )

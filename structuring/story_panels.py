"""What deals adds to the public story side, registered with ``articles.panels``."""

from collections import defaultdict

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from deals.models import Agreement
from registry.models import Company

from . import selectors
from .models import Annotation
from .rendering import Mark, render_body


def annotated_body(article) -> SafeString:
    """The body with confirmed, anchored mentions linked, deals marked and quotes attributed."""
    marks = []
    for a in (
        Annotation.objects.public()
        .filter(article=article)
        .select_related("company", "person", "agreement")
    ):
        anchor = f"a{a.pk}"
        if a.kind == Annotation.Kind.COMPANY and a.company_id:
            marks.append(
                Mark(
                    a.start,
                    a.end,
                    "a",
                    "mention mention-company",
                    a.company.get_absolute_url(),
                    a.company.name,
                    anchor,
                )
            )
        elif a.kind == Annotation.Kind.AGREEMENT and a.agreement_id:
            marks.append(
                Mark(a.start, a.end, "mark", "mention-deal", title=a.agreement.title, anchor=anchor)
            )
        elif a.kind == Annotation.Kind.PERSON and a.person_id:
            title = a.person.name + (f", {a.person.title}" if a.person.title else "")
            marks.append(Mark(a.start, a.end, "span", "mention-person", title=title, anchor=anchor))
        elif a.kind == Annotation.Kind.QUOTE:
            speaker = a.person.name if a.person_id else "unattributed"
            marks.append(
                Mark(a.start, a.end, "span", "quote", title=f"Quote: {speaker}", anchor=anchor)
            )
    return mark_safe(render_body(article.body, marks))


def story_agreements(article) -> list[Agreement]:
    """The public deals the story marks, each with the terms live stories give it."""
    ids = (
        Annotation.objects.public()
        .filter(article=article, agreement__isnull=False)
        .values("agreement_id")
    )
    return selectors.with_terms(selectors.public_agreements().filter(pk__in=ids).order_by("title"))


def deal_cards(article) -> SafeString:
    agreements = list(story_agreements(article))
    quotes = list(
        Annotation.objects.public()
        .filter(article=article, kind=Annotation.Kind.QUOTE)
        .select_related("person__organisation")
        .order_by("start")
    )
    if not agreements and not quotes:
        return mark_safe("")
    return render_to_string(
        "structuring/_story_panels.html", {"agreements": agreements, "quotes": quotes}
    )


def related(article, limit: int) -> list[tuple[Article, str]]:
    """Live stories sharing confirmed companies or agreements, with the reason for each.

    Each shared company and agreement is looked up through its own index (one query for each
    kind), and the counting is done here: an OR across both columns, grouped in SQL, makes the
    databases scan every annotation of the newsroom.
    """
    mine = Annotation.objects.public().filter(article=article)
    companies = set(mine.exclude(company=None).values_list("company_id", flat=True))
    agreements = set(mine.exclude(agreement=None).values_list("agreement_id", flat=True))
    if not companies and not agreements:
        return []
    others = Annotation.objects.public().exclude(article=article)
    firms: dict[int, set[int]] = defaultdict(set)
    deals: dict[int, set[int]] = defaultdict(set)
    if companies:
        for story, company in others.filter(company_id__in=companies).values_list(
            "article_id", "company_id"
        ):
            firms[story].add(company)
    if agreements:
        for story, agreement in others.filter(agreement_id__in=agreements).values_list(
            "article_id", "agreement_id"
        ):
            deals[story].add(agreement)
    candidates = sorted(
        set(firms) | set(deals),
        key=lambda i: (len(deals.get(i, ())), len(firms.get(i, ())), i),
        reverse=True,
    )
    live = Article.objects.live()
    stories: dict[int, Article] = {}
    # Most candidates are live; look them up a window at a time until ``limit`` are found.
    for begin in range(0, len(candidates), limit * 4):
        window = candidates[begin : begin + limit * 4]
        stories.update(live.in_bulk(window))
        if sum(1 for i in candidates[: begin + len(window)] if i in stories) >= limit:
            break
    chosen = [i for i in candidates if i in stories][:limit]
    titles = dict(
        Agreement.objects.filter(pk__in={a for i in chosen for a in deals.get(i, ())}).values_list(
            "pk", "title"
        )
    )
    names = dict(
        Company.objects.filter(pk__in={c for i in chosen for c in firms.get(i, ())}).values_list(
            "pk", "name"
        )
    )
    result = []
    for i in chosen:
        if deals.get(i):
            reason = f"also about the {min(titles[a] for a in deals[i])}"
        else:
            reason = f"also about {min(names[c] for c in firms[i])}"
        result.append((stories[i], reason))
    return result


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
    mentioned = Company.objects.filter(
        annotations__in=Annotation.objects.public().filter(article=article)
    ).distinct()
    central = {
        party.company_id
        for agreement in story_agreements(article)
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
    """Stories with a confirmed mention of the company with this slug."""
    return queryset.filter(
        pk__in=Annotation.objects.public().filter(company__slug=value).values("article_id")
    )

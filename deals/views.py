"""Public company and deal pages and the per-company feed. Only live stories back what is shown."""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.caching import public_page
from articles.feeds import LatestStories, feed_text
from engine.tokens import sentences
from structuring import selectors

from . import wording
from .models import Claim, Evidence
from .network import network_svg
from .terms import story_time

LIST_SIZE = 20


def _public_relatives(company) -> dict:
    public = {
        c.pk: c
        for c in selectors.public_companies().filter(
            pk__in=[company.parent_id, *(c.pk for c in company.subsidiaries.all())]
        )
    }
    return {
        "parent": public.get(company.parent_id),
        "subsidiaries": [c for c in company.subsidiaries.all() if c.pk in public],
    }


@require_safe
@public_page
def company_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Only a company a live story names (or whose public deal it is) has a page: a company that
    # only a draft names would give the draft away.
    company = get_object_or_404(
        selectors.public_companies()
        .select_related("parent")
        .prefetch_related("tickers", "aliases", "subsidiaries"),
        slug=slug,
    )
    agreements = list(selectors.agreements_of(company))
    # Each link says the deal and the partner's role in it, and the table adds the company's own
    # role: a seller is not drawn as if it had bought what it sold. All of it from live claims.
    partners: dict[int, tuple[str, str, list[str], list[str]]] = {}
    for agreement in agreements:
        kind_claim = agreement.terms.one(Claim.Term.KIND)
        kind = kind_claim.get_kind_display().lower() if kind_claim else "deal"
        parties = agreement.terms.parties
        own = [p.get_role_display().lower() for p in parties if p.company_id == company.pk]
        for party in parties:
            if party.company_id != company.pk:
                entry = partners.setdefault(
                    party.company_id,
                    (party.company.name, party.company.get_absolute_url(), [], []),
                )
                entry[2].append(f"{kind}: {party.get_role_display().lower()}")
                entry[3].extend(f"{role} ({kind})" for role in own)
    rows = [
        (name, url, ", ".join(dict.fromkeys(links)), ", ".join(dict.fromkeys(roles)))
        for name, url, links, roles in partners.values()
    ]
    timeline = sorted(
        ((event, agreement) for agreement in agreements for event in agreement.live_events),
        key=lambda pair: (pair[0].occurred_on, pair[0].pk),
    )
    stories = Paginator(selectors.stories_mentioning(company), LIST_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "deals/company.html",
        {
            "company": company,
            # Related companies are shown only where they have a page of their own: one that
            # only a draft names would give the draft away.
            "related": _public_relatives(company),
            "agreements": agreements,
            "partners": rows,
            "network": network_svg(company.name, [row[:3] for row in rows]),
            "timeline": timeline,
            "page": stories,
        },
    )


def sentence_around(body: str, start: int, end: int) -> str:
    """The sentence (or sentences) that hold the span, at most 300 characters either side of it;
    sentences end where the engine says they do, so "Co.", "Ltd." or "Inc." never cut one."""
    spans = [(left, right) for left, right in sentences(body) if left < end and start < right]
    left = spans[0][0] if spans else start
    right = spans[-1][1] if spans else end
    return body[max(left, start - 300) : min(right, end + 300)].strip()


def _evidence(claim) -> list[dict]:
    """Each anchored span of a claim: its sentence, linked to the words in the story."""
    return [
        {
            "sentence": sentence_around(claim.article.body, e.start, e.end),
            "url": f"{claim.article.get_absolute_url()}#:~:text={quote(e.exact)}",
        }
        for e in claim.evidence.all()
        if e.anchor_state == Evidence.AnchorState.ANCHORED
    ]


def _timeline(terms, events) -> list[dict]:
    """Dated steps: status changes on their story's day, dates the stories give, and events."""
    entries = []
    for term in terms:
        for claim in term.claims:
            if claim.term == Claim.Term.STATUS and claim.article.publish_at:
                on, precision = claim.article.publish_at.date(), "day"
            elif claim.term in DATED and claim.on:
                on, precision = claim.on, claim.precision or "day"
            else:
                continue
            what = f"{claim.get_term_display().lower()}: {wording.claim_text(claim)}"
            entries.append(
                {"on": on, "precision": precision, "what": what, "article": claim.article}
            )
    for event in events:
        what = event.get_kind_display() + (f", {event.description}" if event.description else "")
        entries.append(
            {
                "on": event.occurred_on,
                "precision": event.precision,
                "what": what,
                "article": event.article,
            }
        )
    entries.sort(key=lambda e: (e["on"], e["what"]))
    for entry in entries:
        entry["when"] = wording.day(entry["on"], entry["precision"])
    return entries


DATED = (Claim.Term.ANNOUNCED, Claim.Term.EXPECTED_CLOSE, Claim.Term.COMPLETED)


@require_safe
@public_page
def agreement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = selectors.public_agreements().filter(slug=slug).first()
    if agreement is None:
        raise Http404("No such deal")
    terms = selectors.terms_of([agreement], sentences=True)[agreement.pk]
    for term in terms:
        term.history = [
            {"claim": c, "standing": term.standing(c), "evidence": _evidence(c)}
            for c in sorted(term.claims, key=story_time)
        ]
    events = selectors.live_events().filter(agreement=agreement).order_by("occurred_on", "pk")
    return render(
        request,
        "deals/agreement.html",
        {"agreement": agreement, "terms": terms, "timeline": _timeline(terms, events)},
    )


class CompanyFeed(LatestStories):
    """The latest live stories that mention one company."""

    def get_object(self, request, slug):
        return get_object_or_404(selectors.public_companies(), slug=slug)

    def title(self, company):
        return f"{feed_text(company.name)} · Newsroom"

    def link(self, company):
        return company.get_absolute_url()

    def description(self, company):
        return f"The latest stories about {feed_text(company.name)}."

    def items(self, company):
        return selectors.stories_mentioning(company)[:LIST_SIZE]


company_feed = require_safe(public_page(CompanyFeed()))


SUGGESTIONS = 10


@require_safe
@public_page
def company_names(request: HttpRequest) -> JsonResponse:
    """Companies with public pages whose name or an alias starts with ``q``: search suggestions."""
    typed = " ".join(request.GET.get("q", "").split())[:100]
    if len(typed) < 2:
        return JsonResponse({"companies": []})
    found = (
        selectors.public_companies()
        .filter(Q(name__istartswith=typed) | Q(aliases__name__istartswith=typed))
        .distinct()
        .order_by("name")
        .values("name", "slug")[:SUGGESTIONS]
    )
    return JsonResponse({"companies": list(found)})

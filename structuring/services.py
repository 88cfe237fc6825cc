"""Use cases of the structuring screen: decide on suggestions, tag words, shape agreements.

Each use case an editor calls is one transaction and checks the editor's permission; decisions
lock the annotation, so that two editors acting on the same suggestion at once cannot both
succeed. The finders (``company_find_or_create``, ``person_find_or_create``) check the right
to create only when they create, inside their caller's transaction. ``annotations_reanchor``
follows a body edit whose author the story's own service has already checked.
"""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from articles.models import Article
from articles.slugs import unique_slug
from deals.models import Agreement, AgreementEvent, Claim, Party, Region, Sector
from registry.models import Company, CompanyAlias, Person

from . import batch, claims
from .anchoring import Anchor, reanchor
from .models import Annotation
from .quotes import quote_selector

Review = Annotation.ReviewState


class AlreadyDecided(Exception):
    """Another editor decided on this suggestion first."""

    def __init__(self, annotation: Annotation):
        who = annotation.reviewed_by or "another editor"
        super().__init__(
            f"{who} already {annotation.review_state} this suggestion"
            + (f" at {annotation.reviewed_at:%H:%M:%S}" if annotation.reviewed_at else "")
            + "; the screen now shows their decision."
        )
        self.annotation = annotation


def _require(user: AbstractBaseUser, *permissions: str) -> None:
    missing = [p for p in permissions if not user.has_perm(p)]
    if missing:
        raise PermissionDenied(f"You do not have permission to do this ({', '.join(missing)}).")


def company_find_or_create(
    name: str, *, by: AbstractBaseUser, aliases: list[str] | None = None
) -> Company:
    """The company of that name or alias, or a new one with its aliases."""
    name = " ".join(name.split()).rstrip(",")
    if not name:
        raise ValidationError("A company needs a name.")
    lowered = name.lower()
    found = (
        Company.objects.annotate(n=Lower("name")).filter(n=lowered).first()
        or Company.objects.annotate(n=Lower("legal_name")).filter(n=lowered).first()
        or Company.objects.filter(aliases__name__iexact=name).first()
    )
    if found:
        return found
    _require(by, "registry.add_company")
    short = [a for a in (aliases or []) if a and a != name]
    company = Company.objects.create(
        name=short[0] if short else name,
        legal_name=name if short else "",
        slug=unique_slug(Company, short[0] if short else name),
    )
    for alias in dict.fromkeys([name, *short[1:]]):
        if alias != company.name:
            CompanyAlias.objects.get_or_create(company=company, name=alias)
    return company


def _company_for(key: str, *, by) -> Company:
    return Company.objects.filter(slug=key).first() or company_find_or_create(key, by=by)


def _named(model, names: list[str]):
    return [claims.named(model, n) for n in names if n]


def _same_deal(kind: str, company_ids: set[int]) -> Agreement | None:
    """The agreement of this kind whose parties are exactly these companies, if any."""
    candidates = Agreement.objects.filter(kind=kind, parties__company_id__in=company_ids).distinct()
    for agreement in candidates.prefetch_related("parties"):
        if {p.company_id for p in agreement.parties.all()} == company_ids:
            return agreement
    return None


def _agreement_from(proposal: dict, article: Article, *, by) -> Agreement:
    """The agreement a suggestion proposes, created if new, with an event citing the story."""
    parties = [
        (_company_for(p["company"], by=by), p.get("role", "partner"))
        for p in proposal.get("parties", [])
    ]
    kind = proposal.get("agreement_kind") or Agreement.Kind.OTHER
    existing = _same_deal(kind, {c.pk for c, _ in parties})
    if existing is not None:
        # One agreement lives across many stories (and many spans of one story).
        if not existing.events.filter(article=article).exists():
            AgreementEvent.objects.create(
                agreement=existing,
                kind=existing.status
                if existing.status in AgreementEvent.Kind.values
                else "announced",
                occurred_on=(article.publish_at or timezone.now()).date(),
                article=article,
            )
        return existing
    _require(by, "deals.add_agreement")
    label = f" {Agreement.Kind(kind).label.lower()}"
    names = " and ".join(c.name for c, _ in parties[:3])
    limit = Agreement._meta.get_field("title").max_length - len(label)
    title = (names if len(names) <= limit else names[: limit - 1] + "…") + label
    resulting = proposal.get("resulting_company")
    agreement = Agreement.objects.create(
        slug=unique_slug(Agreement, title),
        title=title,
        kind=kind,
        status=proposal.get("status") or Agreement.Status.ANNOUNCED,
        announced_on=(article.publish_at or timezone.now()).date(),
        resulting_company=_company_for(resulting, by=by) if resulting else None,
    )
    for company, role in parties:
        Party.objects.get_or_create(agreement=agreement, company=company, defaults={"role": role})
    agreement.sectors.set(_named(Sector, proposal.get("sectors", [])))
    agreement.regions.set(_named(Region, proposal.get("regions", [])))
    event_kind = agreement.status if agreement.status in AgreementEvent.Kind.values else "announced"
    AgreementEvent.objects.create(
        agreement=agreement,
        kind=event_kind,
        occurred_on=agreement.announced_on,
        article=article,
    )
    return agreement


def person_find_or_create(proposal: dict, *, by) -> Person | None:
    """The person a proposal names (name, title, organisation), found by name or created."""
    name = proposal.get("name")
    if not name:
        return None
    found = Person.objects.filter(name__iexact=name).first()
    if found:
        return found
    _require(by, "registry.add_person")
    organisation = proposal.get("organisation")
    return Person.objects.create(
        name=name,
        slug=unique_slug(Person, name),
        title=proposal.get("title") or "",
        organisation=_company_for(organisation, by=by) if organisation else None,
    )


def _claim(annotation: Annotation) -> Annotation:
    """Lock the suggestion; refuse if someone decided on it since it was shown."""
    locked = (
        Annotation.objects.select_for_update(of=("self",))
        .select_related("article", "reviewed_by")
        .get(pk=annotation.pk)
    )
    if locked.review_state != Review.SUGGESTED:
        raise AlreadyDecided(locked)
    return locked


def _decide(
    annotation: Annotation, state: str, *, by, reason: str, save: bool = True
) -> Annotation:
    annotation.review_state = state
    annotation.reviewed_by = by
    annotation.reviewed_at = timezone.now()
    annotation._change_reason = reason
    annotation._history_user = by
    if save:
        annotation.save()
    return annotation


def _fill_target(annotation: Annotation, *, by, taken: list | None = None) -> None:
    proposal = annotation.proposal or {}
    if annotation.kind == Annotation.Kind.COMPANY and annotation.company_id is None:
        annotation.company = company_find_or_create(
            proposal.get("name") or annotation.exact, by=by, aliases=proposal.get("aliases")
        )
    elif annotation.kind == Annotation.Kind.AGREEMENT and annotation.agreement_id is None:
        annotation.agreement = _agreement_from(proposal, annotation.article, by=by)
    if annotation.kind == Annotation.Kind.AGREEMENT and annotation.agreement_id is not None:
        _deal_mentions(annotation, proposal.get("mentions", []), by=by, taken=taken)
    elif (
        annotation.kind in (Annotation.Kind.PERSON, Annotation.Kind.QUOTE)
        and annotation.person_id is None
    ):
        annotation.person = person_find_or_create(proposal, by=by)
    if annotation.kind != Annotation.Kind.QUOTE and annotation.target is None:
        raise ValidationError("This suggestion proposes nothing to confirm; tag the words instead.")


def _decided_deal_spans(article: Article) -> list[tuple[int, int]]:
    """Where the story's decided agreement annotations lie."""
    return list(
        article.annotations.filter(kind=Annotation.Kind.AGREEMENT)
        .exclude(review_state=Review.SUGGESTED)
        .values_list("start", "end")
    )


def _deal_mentions(
    annotation: Annotation, mentions: list[dict], *, by, taken: list | None = None
) -> None:
    """The deal's other mentions in the story, confirmed with it and pointing at its agreement.

    A mention whose words changed since it was proposed, or that another agreement annotation
    already covers (``taken``: the decided ones' spans, read here unless given), is left
    alone: the editor's own tags and decisions stand.
    """
    article = annotation.article
    if taken is None:
        taken = _decided_deal_spans(article)
    now = timezone.now()
    spans = []
    for mention in mentions:
        start, end = mention.get("start"), mention.get("end")
        if (start, end) == (annotation.start, annotation.end) or not isinstance(start, int):
            continue
        if not isinstance(end, int) or article.body[start:end] != mention.get("exact"):
            continue
        if any(a < end and start < b for a, b in taken):
            continue
        span = Annotation.spanning(
            article,
            start,
            end,
            kind=Annotation.Kind.AGREEMENT,
            agreement=annotation.agreement,
            review_state=Review.CONFIRMED,
            source=annotation.source,
            confidence=annotation.confidence,
            why=f"another mention of the deal at {annotation.start}-{annotation.end}",
            created_by=by,
            reviewed_by=by,
            reviewed_at=now,
        )
        span._history_user = by
        span._change_reason = "accepted with its deal"
        spans.append(span)
        taken.append((start, end))
    batch.annotations_insert(spans)


@transaction.atomic
def annotation_confirm(annotation: Annotation, *, by: AbstractBaseUser) -> Annotation:
    """Accept a suggestion, creating the company, agreement or person it proposes."""
    _require(by, "structuring.change_annotation")
    annotation = _claim(annotation)
    _fill_target(annotation, by=by)
    annotation = _decide(annotation, Review.CONFIRMED, by=by, reason="suggestion accepted")
    claims_for_mention(annotation, by=by)
    return annotation


@transaction.atomic
def annotation_reject(annotation: Annotation, *, by: AbstractBaseUser) -> Annotation:
    """Reject a suggestion; it is remembered so that it does not come back."""
    _require(by, "structuring.change_annotation")
    annotation = _claim(annotation)
    return _decide(annotation, Review.REJECTED, by=by, reason="suggestion rejected")


# Suggestions of these kinds are accepted first, so that agreements find their new companies.
ACCEPT_ORDER = {
    Annotation.Kind.COMPANY: 0,
    Annotation.Kind.PERSON: 1,
    Annotation.Kind.QUOTE: 2,
    Annotation.Kind.AGREEMENT: 3,
}


@transaction.atomic
def annotations_confirm_all(
    article: Article,
    *,
    by: AbstractBaseUser,
    company: Company | None = None,
    ids: list[int] | None = None,
) -> int:
    """Accept every pending suggestion of the story (or of one company, or the given ones).

    Each is accepted as ``annotation_confirm`` would, in ``ACCEPT_ORDER``; the decisions are
    written together at the end (``batch``), so hundreds of them cost a few statements.
    """
    _require(by, "structuring.change_annotation")
    article = Article.objects.get(pk=article.pk)  # its text as it is now
    pending = (
        article.annotations.select_for_update(of=("self",))
        .select_related("company", "agreement", "person")
        .filter(review_state=Review.SUGGESTED)
    )
    if company is not None:
        pending = pending.filter(company=company)
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    decided: list[Annotation] = []
    taken: list[tuple[int, int]] | None = None  # the deal spans decided so far
    claimed: set[int] = set()  # agreements the story already claims, checked once each
    for annotation in sorted(pending, key=lambda a: (ACCEPT_ORDER[a.kind], a.start)):
        if annotation.kind == Annotation.Kind.AGREEMENT and taken is None:
            taken = _decided_deal_spans(article)
        _fill_target(annotation, by=by, taken=taken)
        _decide(annotation, Review.CONFIRMED, by=by, reason="suggestion accepted", save=False)
        decided.append(annotation)
        if annotation.kind == Annotation.Kind.AGREEMENT:
            taken.append((annotation.start, annotation.end))
        if annotation.agreement_id and annotation.agreement_id not in claimed:
            claims_for_mention(annotation, by=by)
            claimed.add(annotation.agreement_id)
    batch.annotations_update(
        decided, ("review_state", "reviewed_by", "reviewed_at", "company", "agreement", "person")
    )
    return len(decided)


@transaction.atomic
def annotation_create(
    article: Article,
    *,
    by: AbstractBaseUser,
    start: int,
    end: int,
    kind: str,
    company: Company | None = None,
    agreement: Agreement | None = None,
    person: Person | None = None,
    expected_version: int | None = None,
) -> Annotation:
    """Tag the words an editor selected, confirmed at once and attributed to the editor."""
    _require(by, "structuring.add_annotation")
    article = Article.objects.select_for_update().get(pk=article.pk)
    if expected_version is not None and article.version != expected_version:
        raise ValidationError("The story changed since you opened it; reload to tag the new text.")
    if not (0 <= start < end <= len(article.body)):
        raise ValidationError(f"The selection {start}-{end} is outside the story's text.")
    if kind not in Annotation.Kind.values:
        raise ValidationError(f"Unknown kind of annotation: {kind}.")
    annotation = Annotation.spanning(
        article,
        start,
        end,
        kind=kind,
        company=company,
        agreement=agreement,
        person=person,
        review_state=Review.CONFIRMED,
        source=Annotation.Source.EDITOR,
        confidence=1.0,
        created_by=by,
        reviewed_by=by,
        reviewed_at=timezone.now(),
    )
    annotation._history_user = by
    annotation._change_reason = "tagged by an editor"
    annotation.full_clean()
    annotation.save()
    claims_for_mention(annotation, by=by)
    return annotation


def claims_for_mention(annotation: Annotation, *, by) -> None:
    """A story confirmed to report a deal claims the deal as recorded, its words the evidence.

    Only the first mention does: later ones leave the story's claims as the editor set them.
    """
    if annotation.agreement_id is None:
        return
    stated = Claim.objects.current().filter(
        agreement_id=annotation.agreement_id, article_id=annotation.article_id
    )
    if not stated.exists():
        claims.claims_from_agreement(
            annotation.agreement,
            annotation.article,
            by=by,
            spans=[(annotation.start, annotation.end)],
        )


@transaction.atomic
def annotation_tag(
    article: Article,
    *,
    by: AbstractBaseUser,
    start: int,
    end: int,
    kind: str,
    expected_version: int | None = None,
    company: Company | None = None,
    new_company: str = "",
    agreement: Agreement | None = None,
    parties: list[dict] | None = None,
    agreement_kind: str = Agreement.Kind.PARTNERSHIP,
    person: Person | None = None,
    new_person: str = "",
    title: str = "",
) -> Annotation:
    """Tag selected words as naming a company, agreement or person (the speaker of a quote),
    creating a new one when asked; all of it or, on any refusal, nothing."""
    _require(by, "structuring.add_annotation")
    target: dict = {}
    if kind == Annotation.Kind.COMPANY:
        target["company"] = company or company_find_or_create(new_company, by=by)
    elif kind == Annotation.Kind.AGREEMENT:
        target["agreement"] = agreement or agreement_create(
            article,
            by=by,
            kind=agreement_kind,
            parties=[(p["company"], p["role"]) for p in parties or []],
        )
    elif person is not None:
        target["person"] = person
    elif new_person.strip():
        target["person"] = person_find_or_create(
            {"name": " ".join(new_person.split()), "title": title.strip()}, by=by
        )
    elif kind == Annotation.Kind.PERSON:
        raise ValidationError("Choose a person, or give 'new_person' to create one.")
    return annotation_create(
        article,
        by=by,
        start=start,
        end=end,
        kind=kind,
        expected_version=expected_version,
        **target,
    )


@transaction.atomic
def annotation_resolve(annotation: Annotation, *, by: AbstractBaseUser, keep: bool) -> Annotation:
    """Settle an annotation an edit put in doubt: keep it on the words now at its span, or reject it."""
    _require(by, "structuring.change_annotation")
    annotation = (
        Annotation.objects.select_for_update(of=("self",))
        .select_related("article")
        .get(pk=annotation.pk)
    )
    if annotation.anchor_state == Annotation.AnchorState.ANCHORED:
        raise AlreadyDecided(annotation)
    body = annotation.article.body
    if keep:
        if annotation.anchor_state == Annotation.AnchorState.ORPHANED or annotation.end > len(body):
            raise ValidationError(
                "Its words are gone; tag the new words instead and reject this one."
            )
        annotation.fill_quote()
        annotation.anchor_state = Annotation.AnchorState.ANCHORED
        reason = "kept on its new words"
    else:
        annotation.review_state = Review.REJECTED
        reason = "rejected after an edit"
    annotation.reviewed_by, annotation.reviewed_at = by, timezone.now()
    annotation._history_user = by
    annotation._change_reason = reason
    annotation.save()
    return annotation


@transaction.atomic
def agreement_update(
    agreement: Agreement,
    *,
    by: AbstractBaseUser,
    article: Article,
    kind: str | None = None,
    status: str | None = None,
    parties: list[tuple[Company, str]] | None = None,
    sectors: list[str] | None = None,
    regions: list[str] | None = None,
    announced_on: date | None = None,
    announced_place: str | None = None,
    resulting_company: Company | bool | None = False,
    event: dict | None = None,
) -> Agreement:
    """The story in focus states these terms of the agreement, as claims the editor asserts.

    The shared agreement is not changed: what the public sees follows from the claims of live
    stories, so a draft's terms go public only when the draft does.
    """
    _require(by, "deals.change_agreement")
    asserted = {"by": by, "asserted": True}

    def claim(term, **values):
        claims.claim_make(article, agreement, term=term, **asserted, **values)

    def mine(term):
        return Claim.objects.current().filter(agreement=agreement, article=article, term=term)

    if kind is not None:
        claim(Claim.Term.KIND, kind=kind)
    if status is not None:
        claim(Claim.Term.STATUS, status=status)
    if announced_on is not None:
        claim(Claim.Term.ANNOUNCED, on=announced_on, precision="day")
    if announced_place is not None:
        if announced_place:
            claim(Claim.Term.PLACE, text=announced_place)
        else:
            _withdraw_all(mine(Claim.Term.PLACE), by=by)
    if resulting_company is not False:
        if resulting_company is not None:
            claim(Claim.Term.RESULTING_COMPANY, company=resulting_company)
        else:
            _withdraw_all(mine(Claim.Term.RESULTING_COMPANY), by=by)
    if parties is not None:
        for company, role in parties:
            claim(Claim.Term.PARTY, company=company, role=role)
        keep = {company.pk for company, _ in parties}
        _withdraw_all(mine(Claim.Term.PARTY).exclude(company_id__in=keep), by=by)
    for term, model, names in (
        (Claim.Term.SECTOR, Sector, sectors),
        (Claim.Term.REGION, Region, regions),
    ):
        if names is not None:
            chosen = _named(model, names)
            for item in chosen:
                claim(term, **{term: item})
            _withdraw_all(
                mine(term).exclude(**{f"{term}__in": chosen}),
                by=by,
            )
    if event:
        AgreementEvent.objects.create(
            agreement=agreement,
            kind=event.get("kind") or status or "announced",
            occurred_on=event.get("occurred_on") or (article.publish_at or timezone.now()).date(),
            precision=event.get("precision") or AgreementEvent.Precision.DAY,
            article=article,
            description=event.get("description", "")[:500],
        )
    return agreement


def _withdraw_all(queryset, *, by) -> None:
    for claim in queryset:
        claims.claim_withdraw(claim, by=by)


@transaction.atomic
def agreement_create(
    article: Article,
    *,
    by: AbstractBaseUser,
    kind: str,
    parties: list[tuple[Company, str]],
    status: str = "announced",
) -> Agreement:
    """A new agreement between companies of the story, cited by it."""
    proposal = {
        "agreement_kind": kind,
        "status": status,
        "parties": [{"company": c.slug, "role": role} for c, role in parties],
    }
    return _agreement_from(proposal, article, by=by)


@transaction.atomic
def annotations_reanchor(article: Article, *, old_body: str) -> dict[str, int]:
    """Move every annotation of ``article`` from ``old_body`` to its current body.

    Annotations are never deleted here: those whose words cannot be found with certainty are
    marked ``needs_review`` or ``orphaned`` for an editor, keeping the words they quoted. The
    moved ones are written in one statement, their history in another: an edit near the top of
    a long story moves hundreds of them, and the story stays locked while they are written.
    """
    annotations = list(article.annotations.select_for_update().order_by("pk"))
    anchors = [Anchor(a.start, a.end, a.exact, a.prefix, a.suffix) for a in annotations]
    counts = {"anchored": 0, "needs_review": 0, "orphaned": 0}
    moved = []
    for annotation, placed in zip(
        annotations, reanchor(old_body, article.body, anchors), strict=True
    ):
        counts[placed.state] += 1
        changed = (placed.start, placed.end, placed.state) != (
            annotation.start,
            annotation.end,
            annotation.anchor_state,
        )
        if not changed:
            continue
        annotation.start, annotation.end = placed.start, placed.end
        annotation.anchor_state = placed.state
        if placed.state == Annotation.AnchorState.ANCHORED:
            _, annotation.prefix, annotation.suffix = quote_selector(
                article.body, placed.start, placed.end
            )
        annotation._change_reason = f"re-anchored after an edit ({placed.how})"
        moved.append(annotation)
    batch.annotations_update(moved, ("start", "end", "anchor_state", "prefix", "suffix"))
    return counts

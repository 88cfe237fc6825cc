"""Use cases of deal claims: a story states a fact about an agreement, with the words for it.

A claim is never changed in place. Making a claim retires the story's earlier claim about the
same term and writes the new one, so that what was public at any past moment can be replayed;
what readers see changes only when the claiming story is live.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles.caching import bump_generation
from articles.models import Article
from articles.slugs import unique_slug
from deals.models import Agreement, AgreementKind, Claim, Evidence, Party
from deals.terms import claim_value, term_key

from .anchoring import Anchor, reanchor
from .quotes import quote_selector

Term = Claim.Term
Role = Party.Role

# Which roles fit which kind of deal; a role outside these is refused, naming the field.
ROLES = {
    AgreementKind.JOINT_VENTURE: {Role.PARTNER},
    AgreementKind.PARTNERSHIP: {Role.PARTNER},
    AgreementKind.ALLIANCE: {Role.PARTNER},
    AgreementKind.ACQUISITION: {Role.ACQUIRER, Role.TARGET, Role.SELLER},
    AgreementKind.MERGER: {Role.PARTNER, Role.ACQUIRER, Role.TARGET},
    AgreementKind.INVESTMENT: {Role.INVESTOR, Role.INVESTEE, Role.SELLER},
    AgreementKind.LICENSING: {Role.LICENSOR, Role.LICENSEE},
    AgreementKind.SUPPLY: {Role.SUPPLIER, Role.CUSTOMER},
    AgreementKind.OTHER: set(Role.values),
}

# The fields each term needs, and those it may carry.
NEEDS = {
    Term.KIND: ("kind",),
    Term.PARTY: ("company", "role"),
    Term.STATUS: ("status",),
    Term.VALUE: ("amount", "currency"),
    Term.STAKE: ("percent",),
    Term.ADVISER: ("company",),
    Term.APPROVAL: ("approval",),
    Term.ANNOUNCED: ("on",),
    Term.EXPECTED_CLOSE: ("on",),
    Term.COMPLETED: ("on",),
    Term.RESULTING_COMPANY: ("company",),
    Term.SECTOR: ("sector",),
    Term.REGION: ("region",),
    Term.PLACE: ("text",),
}
VALUES = (
    "kind",
    "status",
    "role",
    "company",
    "counterpart",
    "approval",
    "amount",
    "currency",
    "percent",
    "on",
    "precision",
    "sector",
    "region",
    "text",
)


def named(model, name: str):
    """The sector or region of that name, created when new."""
    name = " ".join(name.split())
    return model.objects.filter(name__iexact=name).first() or model.objects.create(
        name=name, slug=unique_slug(model, name)
    )


def _require(user: AbstractBaseUser) -> None:
    if not user.has_perm("deals.change_agreement"):
        raise PermissionDenied(
            "You do not have permission to change deals (deals.change_agreement)."
        )


def story_kind(agreement: Agreement, article: Article) -> str:
    """The kind of deal as this story states it, or as the agreement was first recorded."""
    claim = Claim.objects.current().filter(agreement=agreement, article=article, term=Term.KIND)
    return claim.values_list("kind", flat=True).first() or agreement.kind


def check_values(term: str, values: dict, *, kind: str) -> None:
    """Refuse a claim that cannot be true, naming each field that is wrong."""
    errors = {}
    if term not in Term.values:
        raise ValidationError({"term": f"Unknown term “{term}”."})
    for name in NEEDS[term]:
        if values.get(name) in (None, ""):
            errors[name] = f"A {Term(term).label.lower()} claim needs its {name}."
    if values.get("amount") is not None and not values.get("currency"):
        errors["currency"] = "A deal value needs its currency (ISO 4217, e.g. USD)."
    if values.get("amount") is not None and Decimal(values["amount"]) < 0:
        errors["amount"] = "A deal value cannot be negative."
    percent = values.get("percent")
    if percent is not None and not (0 <= Decimal(percent) <= 100):
        errors["percent"] = "A stake is a percentage from 0 to 100."
    when = values.get("on")
    if term == Term.COMPLETED and isinstance(when, date) and when > timezone.now().date():
        errors["on"] = "A completion date cannot be in the future; claim an expected close."
    if term == Term.PARTY and values.get("role") and values["role"] not in ROLES[kind]:
        errors["role"] = (
            f"A {Role(values['role']).label.lower()} does not fit a "
            f"{AgreementKind(kind).label.lower()}; use " + ", ".join(sorted(ROLES[kind])) + "."
        )
    if errors:
        raise ValidationError(errors)


def _evidence(claim: Claim, body: str, spans: list[tuple[int, int]]) -> None:
    for start, end in spans:
        if not (0 <= start < end <= len(body)):
            raise ValidationError({"start": f"The words {start}-{end} are outside the story."})
        exact, prefix, suffix = quote_selector(body, start, end)
        Evidence.objects.create(
            claim=claim, start=start, end=end, exact=exact, prefix=prefix, suffix=suffix
        )


def _retire(claim: Claim, *, by, reason: str) -> None:
    claim.retired_at = timezone.now()
    claim._history_user = by
    claim._change_reason = reason
    claim.save(update_fields=["retired_at"])


@transaction.atomic
def claim_make(
    article: Article,
    agreement: Agreement,
    *,
    by: AbstractBaseUser | None,
    term: str,
    spans: list[tuple[int, int]] | None = None,
    asserted: bool = False,
    resolution: str = "",
    check_permission: bool = True,
    **values,
) -> Claim:
    """The story states ``term`` of the agreement, with evidence words or an editor's assertion.

    The story's earlier claim about the same term (for parties, the same company) is retired.
    """
    if check_permission:
        _require(by)
    article = Article.objects.select_for_update().get(pk=article.pk)
    unknown = set(values) - set(VALUES)
    if unknown:
        raise ValidationError({name: "Not a field of a claim." for name in unknown})
    check_values(term, values, kind=values.get("kind") or story_kind(agreement, article))
    if not spans and not asserted:
        raise ValidationError(
            {"evidence": "Select the words that support this, or mark it asserted by the editor."}
        )
    claim = Claim(
        agreement=agreement,
        article=article,
        term=term,
        asserted=asserted and not spans,
        resolution=resolution,
        created_by=by,
        **{name: value for name, value in values.items() if value is not None},
    )
    claim.full_clean(exclude=["agreement", "article", "created_by"])
    key = term_key(claim)
    for earlier in (
        Claim.objects.current()
        .select_for_update()
        .filter(agreement=agreement, article=article, term=term)
    ):
        if term_key(earlier) != key:
            continue
        if (
            not spans
            and asserted
            and claim_value(earlier) == claim_value(claim)
            and earlier.resolution == claim.resolution
        ):
            # Saving a form again restates what the story says; its evidence stays.
            return earlier
        _retire(earlier, by=by, reason="replaced by a new claim")
    claim._history_user = by
    claim.save()
    _evidence(claim, article.body, spans or [])
    return claim


@transaction.atomic
def claim_withdraw(claim: Claim, *, by: AbstractBaseUser) -> None:
    """The story no longer makes this claim (kept, retired, for the history)."""
    _require(by)
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.retired_at is None:
        _retire(claim, by=by, reason="withdrawn by an editor")


@transaction.atomic
def claim_resolve(claim: Claim, *, by: AbstractBaseUser, resolution: str) -> Claim:
    """Mark a claim as superseding a contradicting live claim, or as a known conflict."""
    _require(by)
    if resolution not in (Claim.Resolution.SUPERSEDES, Claim.Resolution.CONFLICT):
        raise ValidationError({"resolution": "Choose supersedes or conflict."})
    claim = Claim.objects.select_for_update().get(pk=claim.pk, retired_at__isnull=True)
    successor = Claim.objects.get(pk=claim.pk)
    _retire(claim, by=by, reason=f"marked {resolution}")
    successor.pk = None
    successor.resolution = resolution
    successor.created_at = timezone.now()
    successor.created_by = by
    successor._history_user = by
    successor.save()
    # The successor keeps its evidence where it stands now, states included.
    for evidence in Evidence.objects.filter(claim=claim):
        evidence.pk = None
        evidence.claim = successor
        evidence.save()
    return successor


def evidence_reanchor(article: Article, *, old_body: str) -> None:
    """Move the evidence of the story's current claims with its text, like annotations."""
    evidence = list(
        Evidence.objects.select_for_update()
        .filter(claim__article=article, claim__retired_at__isnull=True)
        .order_by("pk")
    )
    anchors = [Anchor(e.start, e.end, e.exact, e.prefix, e.suffix) for e in evidence]
    moved = []
    for item, placed in zip(evidence, reanchor(old_body, article.body, anchors), strict=True):
        if (placed.start, placed.end, placed.state) == (item.start, item.end, item.anchor_state):
            continue
        item.start, item.end, item.anchor_state = placed.start, placed.end, placed.state
        if placed.state == Evidence.AnchorState.ANCHORED:
            _, item.prefix, item.suffix = quote_selector(article.body, placed.start, placed.end)
        moved.append(item)
    if moved:
        # One statement for all of them; cached pages are forgotten once it commits, as a
        # save of each would have done.
        Evidence.objects.bulk_update(
            moved, ["start", "end", "anchor_state", "prefix", "suffix"], batch_size=250
        )
        transaction.on_commit(bump_generation)


def claims_from_agreement(
    agreement: Agreement,
    article: Article,
    *,
    by: AbstractBaseUser | None,
    spans: list[tuple[int, int]],
) -> list[Claim]:
    """The story claims what the agreement record says: kind, status, parties and the rest.

    Used when an editor confirms that a story reports a deal; the words that name the deal are
    the evidence of each claim (or the editor asserts them, when there are none).
    """
    made = []

    def make(term, **values):
        made.append(
            claim_make(
                article,
                agreement,
                by=by,
                term=term,
                spans=spans,
                asserted=not spans,
                check_permission=False,
                **values,
            )
        )

    make(Term.KIND, kind=agreement.kind)
    make(Term.STATUS, status=agreement.status)
    for party in agreement.parties.all():
        make(Term.PARTY, company=party.company, role=party.role)
    if agreement.resulting_company_id:
        make(Term.RESULTING_COMPANY, company=agreement.resulting_company)
    if agreement.value is not None and agreement.currency:
        make(Term.VALUE, amount=agreement.value, currency=agreement.currency)
    if agreement.announced_on:
        make(Term.ANNOUNCED, on=agreement.announced_on, precision="day")
    if agreement.announced_place:
        make(Term.PLACE, text=agreement.announced_place)
    for sector in agreement.sectors.all():
        make(Term.SECTOR, sector=sector)
    for region in agreement.regions.all():
        make(Term.REGION, region=region)
    return made

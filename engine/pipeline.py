"""Run every part of the engine over one body and explain each suggestion."""

from .agreements import CompanyRef, Deal, existing_agreement, find_deals
from .calibration import CONFIDENCE
from .gazetteer import Matcher, Mention, fold
from .model import Registry, Suggestion
from .newcos import find_legal_names
from .speakers import find_quotes
from .tokens import sentences


def _companies(body: str, matcher: Matcher) -> tuple[list[Suggestion], list[CompanyRef]]:
    mentions: list[Mention] = matcher.find(body)
    suggestions, refs = [], []
    by_end = {m.end: m for m in mentions}
    covered = [(m.start, m.end) for m in mentions]
    extended: dict[int, int] = {}
    for legal in find_legal_names(body):
        known = by_end.get(legal.short_end)
        if known and known.start >= legal.start:
            extended[known.start] = legal.end  # "AT&T" known, "AT&T Inc." written: one mention
            continue
        if any(a < legal.end and legal.start < b for a, b in covered):
            continue  # inside or across a registry name: the registry's reading stands
        short_hits = matcher.find(legal.short)
        linked = next((m for m in short_hits if m.start == 0 and m.end == len(legal.short)), None)
        if linked:
            slug = linked.name.slug
            suggestions.append(
                Suggestion(
                    "company",
                    legal.start,
                    legal.end,
                    body[legal.start : legal.end],
                    0.85,
                    f"legal name whose short form '{legal.short}' is {slug} in the registry",
                    company=slug,
                )
            )
            refs.append(CompanyRef(legal.start, legal.end, slug))
        else:
            suggestions.append(
                Suggestion(
                    "new_company",
                    legal.start,
                    legal.end,
                    body[legal.start : legal.end],
                    0.7,
                    "capitalised name with a legal suffix, not in the registry",
                    name=legal.name.rstrip(","),
                    aliases=[legal.short] if legal.short != legal.name else [],
                )
            )
            refs.append(CompanyRef(legal.start, legal.end, legal.name.rstrip(",")))
    for m in mentions:
        end = extended.get(m.start, m.end)
        why = m.why + (", with its legal suffix" if end != m.end else "")
        suggestions.append(
            Suggestion(
                "company", m.start, end, body[m.start : end], m.confidence, why, company=m.name.slug
            )
        )
        refs.append(CompanyRef(m.start, end, m.name.slug))
    refs.sort(key=lambda r: r.start)
    return suggestions, refs


def _confidence(deal: Deal) -> float:
    """How often a proposal with this evidence was right on the dev split (engine.calibration)."""
    clearest = deal.clearest
    if not clearest.named:
        evidence = "referred back"
    elif clearest.loose:
        evidence = "loose word, parties named"
    else:
        evidence = "kind word, parties named"
    return CONFIDENCE[(evidence, min(len(deal.mentions), 3))]


def _agreements(
    body: str, folded: str, refs: list[CompanyRef], registry: Registry
) -> list[Suggestion]:
    suggestions = []
    for deal in find_deals(body, folded, sentences(body), refs):
        parties = [{"company": key, "role": deal.roles.get(key, "partner")} for key in deal.parties]
        slug = existing_agreement(deal, registry.agreements)
        why = (
            f"deal words '{', '.join(dict.fromkeys(deal.cues))}' with {len(deal.parties)} companies"
            f", {len(deal.mentions)} mention(s)"
        )
        if deal.back_reference:
            why += " (referred back to as a pair)"
        if slug:
            why += f"; same kind and parties as {slug}"
        clearest = deal.clearest
        extra = {
            "mentions": [
                {"start": m.start, "end": m.end, "exact": body[m.start : m.end]}
                for m in sorted(deal.mentions, key=lambda m: m.start)
            ],
            "terms": deal.terms,
        }
        if deal.founded:
            extra["event"] = "founded"
        suggestions.append(
            Suggestion(
                "agreement",
                clearest.start,
                clearest.end,
                body[clearest.start : clearest.end],
                _confidence(deal),
                why,
                agreement_kind=deal.kind,
                status=deal.status,
                parties=parties,
                sectors=deal.sectors,
                regions=deal.regions,
                agreement=slug,
                resulting_company=deal.resulting,
                date=deal.date,
                extra=extra,
            )
        )
    return suggestions


def _people(body: str, refs: list[CompanyRef], registry: Registry) -> list[Suggestion]:
    people = {p.name.casefold(): p for p in registry.people}
    suggestions = []
    seen_names: set[int] = set()
    described: dict[str, tuple[str, str]] = {}
    for quote in find_quotes(body):
        known = people.get(quote.speaker.casefold()) if quote.speaker else None
        if quote.inherited and quote.speaker in described:
            title, organisation = described[quote.speaker]
        else:
            title, organisation = _describe(quote.description, quote.speaker_start, refs, body)
        if quote.speaker:
            described[quote.speaker] = (title, organisation)
        if known:
            title = title or known.title
            organisation = organisation or known.organisation
        common = {
            "person": known.slug if known else None,
            "name": quote.speaker,
            "title": title or None,
            "organisation": organisation or None,
        }
        why = "quoted passage" + (
            f" attributed to {quote.speaker}"
            + (" (continuing the previous quote)" if quote.inherited else "")
            if quote.speaker
            else " with no speaker named"
        )
        suggestions.append(
            Suggestion(
                "quote",
                quote.start,
                quote.end,
                body[quote.start : quote.end],
                0.8 if quote.speaker and not quote.inherited else 0.6,
                why,
                **common,
            )
        )
        if (
            quote.speaker
            and quote.speaker_start is not None
            and quote.speaker_start not in seen_names
        ):
            seen_names.add(quote.speaker_start)
            end = quote.speaker_start + len(quote.speaker)
            suggestions.append(
                Suggestion(
                    "person",
                    quote.speaker_start,
                    end,
                    body[quote.speaker_start : end],
                    0.8,
                    "speaker of a quote"
                    + (f", known as {known.slug}" if known else ", not in the registry"),
                    **common,
                )
            )
    return suggestions


def _describe(
    description: str, at: int | None, refs: list[CompanyRef], body: str
) -> tuple[str, str]:
    """Split 'China Telecom’s managing director' or 'Jefferies analyst' into title and organisation."""
    if not description:
        return "", ""
    organisation = ""
    title = description
    window_start = body.rfind("\n\n", 0, at or 0) + 1 if at is not None else 0
    window = body[window_start : (at or 0) + 400]
    for ref in refs:
        name = body[ref.start : ref.end]
        if (
            name
            and name in description
            and ref.start >= window_start
            and body[ref.start : ref.end] in window
        ):
            organisation = ref.key
            title = description.replace(name, "")
            break
    for junk in ("’s", "'s", " at ", " of "):
        if title.strip().startswith(junk.strip()):
            title = title.strip()[len(junk.strip()) :]
    title = title.replace(" at ", " ").strip(" ,")
    for article in ("an ", "a ", "the "):
        if title.lower().startswith(article):
            title = title[len(article) :]
    return " ".join(title.split()), organisation


def suggest(body: str, registry: Registry, matcher: Matcher | None = None) -> list[Suggestion]:
    """Every suggestion for ``body``, ordered by position. Build ``matcher`` once and reuse it."""
    matcher = matcher or Matcher(registry.companies)
    companies, refs = _companies(body, matcher)
    deals = _agreements(body, fold(body), refs, registry)
    found = companies + deals + _people(body, refs, registry)
    return sorted(found, key=lambda s: (s.start, -s.end, s.kind))

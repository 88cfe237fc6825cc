"""Build the demo newsroom; every step finds what is there before creating anything."""

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.importing import import_story
from articles.models import Article, PageView, Ranking, RankingEntry, Reporter, Section
from articles.story_format import parse_story_text
from deals.models import Agreement, AgreementEvent, Party, Region, Sector
from registry.models import Company, CompanyAlias, Person, Ticker
from structuring.models import Annotation
from structuring.services import claims_for_mention

from . import newsroom
from .pictures import dress_stories

STORY_DIR = Path(__file__).parent / "stories"
DRAFT_DIR = Path(__file__).parent / "drafts"


def _companies() -> dict[str, Company]:
    companies = {}
    for slug, name, legal, country, aliases, tickers, _parent in newsroom.COMPANIES:
        company, _ = Company.objects.get_or_create(
            slug=slug, defaults={"name": name, "legal_name": legal, "country": country}
        )
        for alias, case_sensitive in aliases:
            CompanyAlias.objects.get_or_create(
                company=company, name=alias, defaults={"case_sensitive": case_sensitive}
            )
        for ticker in tickers:
            exchange, symbol = ticker.split(":")
            Ticker.objects.get_or_create(
                exchange=exchange, symbol=symbol, defaults={"company": company}
            )
        companies[slug] = company
    for slug, *_rest, parent in newsroom.COMPANIES:
        if parent and companies[slug].parent_id is None:
            companies[slug].parent = companies[parent]
            companies[slug].save(update_fields=["parent"])
    return companies


def _stories(sections: dict[str, Section]) -> dict[str, Article]:
    stories = {}
    now = timezone.now()
    for stem, (section_slug, hours_ago) in newsroom.STORIES.items():
        parsed = parse_story_text((STORY_DIR / f"{stem}.txt").read_bytes())
        parsed.published_at = now - timedelta(hours=hours_ago)
        result = import_story(parsed, publish=True, section=sections[section_slug])
        stories[stem] = result.article
    return stories


def _names(company: Company) -> list[tuple[str, bool]]:
    names = [(company.name, False), *((a.name, a.case_sensitive) for a in company.aliases.all())]
    if company.legal_name:
        names.append((company.legal_name, False))
    # A case-sensitive alias overrides the same name matched without case.
    sensitive = {n for n, s in names if s}
    return [(n, s) for n, s in names if s or n not in sensitive]


def _spans(body: str, name: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(body)]


def _annotate(article: Article, stem: str, editor, companies, people, agreements) -> None:
    if article.annotations.exists():
        return
    taken: list[tuple[int, int]] = []
    found = []
    candidates = [(n, "company", c) for c in companies.values() for n, _ in _names(c)]
    candidates += [(p.name, "person", p) for p in people.values()]
    for stem_phrase, agreement in agreements:
        if stem_phrase[0] == stem:
            candidates.append((stem_phrase[1], "agreement", agreement))
    for name, kind, target in sorted(candidates, key=lambda c: -len(c[0])):
        for start, end in _spans(article.body, name):
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            if kind == "agreement" and any(k == "agreement" and t == target for k, t, *_ in found):
                continue
            taken.append((start, end))
            found.append((kind, target, start, end))
    now = timezone.now()
    for kind, target, start, end in found:
        annotation = Annotation(
            article=article,
            start=start,
            end=end,
            kind=kind,
            review_state=Annotation.ReviewState.CONFIRMED,
            source=Annotation.Source.EDITOR,
            created_by=editor,
            reviewed_by=editor,
            reviewed_at=now,
            **{kind: target},
        )
        annotation.fill_quote()
        annotation.save()
        # The story claims the deal it reports, its words the evidence.
        claims_for_mention(annotation, by=editor)


def _agreements(companies, stories) -> list[tuple[tuple[str, str], Agreement]]:
    sectors = {
        name: Sector.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in newsroom.SECTORS
    }
    regions = {
        name: Region.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in newsroom.REGIONS
    }
    result = []
    for spec in newsroom.AGREEMENTS:
        first_story = stories[spec["events"][0][3]]
        agreement, created = Agreement.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "kind": spec["kind"],
                "status": spec["status"],
                "announced_on": spec.get("announced_on") or first_story.publish_at.date(),
                "announced_place": spec.get("announced_place", ""),
                "value": Decimal(spec["value"]) if spec.get("value") else None,
                "currency": spec.get("currency", ""),
                "resulting_company": companies.get(spec.get("resulting_company", "")),
            },
        )
        if created:
            for slug, role in spec["parties"]:
                Party.objects.create(agreement=agreement, company=companies[slug], role=role)
            agreement.sectors.set(sectors[s] for s in spec["sectors"])
            agreement.regions.set(regions[r] for r in spec["regions"])
            for kind, when, precision, stem, description in spec["events"]:
                story = stories[stem]
                AgreementEvent.objects.create(
                    agreement=agreement,
                    kind=kind,
                    occurred_on=when or story.publish_at.date(),
                    precision=precision,
                    article=story,
                    description=description,
                )
        result.append((spec["phrase"], agreement))
    return result


def _rankings(stories) -> None:
    now = timezone.now()
    for slug, spec in newsroom.RANKINGS.items():
        ranking, created = Ranking.objects.get_or_create(
            slug=slug, defaults={"title": spec["title"], "kind": spec["kind"]}
        )
        if not created:
            continue
        for position, entry in enumerate(spec.get("entries", []), start=1):
            if spec["kind"] == "partner":
                title, url = entry
                RankingEntry.objects.create(
                    ranking=ranking,
                    position=position,
                    title=title,
                    url=url,
                    sponsor=spec["sponsor"],
                    starts_at=now - timedelta(days=1),
                    ends_at=now + timedelta(days=60),
                )
            else:
                story = stories[entry]
                RankingEntry.objects.create(
                    ranking=ranking, position=position, title=story.headline, article=story
                )
    today = now.date()
    for views, story in zip((420, 310, 150, 95, 60), stories.values(), strict=False):
        PageView.objects.get_or_create(article=story, day=today, defaults={"count": views})


def _accounts(password: str) -> list[tuple[str, str]]:
    User = get_user_model()
    logins = []
    for username, group_name, superuser in (
        ("editor", "Editor", True),
        ("reporter", "Reporter", False),
    ):
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": superuser}
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=group_name))
        logins.append(
            (username, password if created or user.check_password(password) else "(changed)")
        )
    reporter = Reporter.objects.filter(slug="lin-hao").first()
    if reporter and reporter.user_id is None:
        reporter.user = User.objects.get(username="reporter")
        reporter.save(update_fields=["user"])
    return logins


@transaction.atomic
def load_demo(password: str) -> list[tuple[str, str]]:
    """Create the demo newsroom if it is missing, with ``password`` for its logins; return them."""
    sections = {
        slug: Section.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": i}
        )[0]
        for i, (name, slug, description) in enumerate(newsroom.SECTIONS)
    }
    companies = _companies()
    people = {}
    for slug, name, title, organisation in newsroom.PEOPLE:
        people[slug], _ = Person.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "title": title, "organisation": companies[organisation]},
        )
    stories = _stories(sections)
    agreements = _agreements(companies, stories)
    logins = _accounts(password)
    editor = get_user_model().objects.get(username="editor")
    for stem, article in stories.items():
        _annotate(article, stem, editor, companies, people, agreements)
    dress_stories(stories)
    _rankings(stories)
    _drafts(sections)
    return logins


def _drafts(sections) -> None:
    from structuring.suggesting import refresh_suggestions

    for stem, section_slug in newsroom.DRAFTS.items():
        parsed = parse_story_text((DRAFT_DIR / f"{stem}.txt").read_bytes())
        result = import_story(parsed, section=sections[section_slug])
        if result.outcome == "created":
            refresh_suggestions(result.article)

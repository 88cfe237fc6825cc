"""A big story to time the Structure screen with: about 10,000 words of our own and 500 annotations.

Company mentions, agreements named again and again across the story (many mentions each),
people and their quotes are written from sentence templates, so every mark's offsets are known
as the text is written (``seeding.Writer``). The registry it names (companies, people, deals
between pairs of them) is made once per database and shared by every story seeded after it.
"""

import random
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Section
from articles.slugs import unique_slug
from deals.models import Agreement, Party
from registry.models import Company, CompanyAlias, Person
from structuring import claims
from structuring.models import Annotation

from .seeding import DEAL_SENTENCES, DEAL_WORDS, SENTENCES, VERBS, SeedStory, Writer
from .seeding import company_names as seed_company_names

WORDS = 10_000
ANNOTATIONS = 500
# Of the annotations: agreement mentions, people, quotes; companies make up the rest.
MIX = {"agreement": 80, "person": 40, "quote": 40}
REGISTRY_COMPANIES = 240
PEOPLE = 24
DEALS = 8

FIRST_NAMES = (
    "Ana", "Bram", "Chen", "Dita", "Emil", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kira",
    "Lars", "Mina", "Nils", "Oona", "Pavel", "Rina", "Sami", "Tomas", "Yuki",
)  # fmt: skip
TITLES = ("chief executive", "finance director", "head of strategy", "an analyst")
QUOTES = (
    "We expect demand to keep rising through next year,",
    "The partnership gives us a faster route to customers we could not reach alone,",
    "Costs are still too high for the smaller producers in this market,",
    "We will keep investing in the network whatever the market does next,",
    "Nothing has been decided about the timing, and we will not rush it,",
    "Our customers asked for this, and the board agreed it was time,",
)
QUOTE_SENTENCES = (
    "“{q}” said {p}, {t} at {c}.",
    "“{q}” {p}, {t} at {c}, said.",
)


@dataclass
class Cast:
    """The registry a big story names: companies, people and deals between pairs of companies."""

    companies: list[Company]
    people: list[Person]
    deals: list[Agreement]


def cast(seed: int = 11) -> Cast:
    """The companies, people and deals big stories name, made once per database."""
    rng = random.Random(seed)
    found = list(Company.objects.filter(slug__startswith="big-").order_by("pk"))
    if not found:
        names = seed_company_names(REGISTRY_COMPANIES, rng)
        found = Company.objects.bulk_create(
            Company(name=c.name, slug=f"big-{c.slug}", legal_name=c.legal_name, country=c.country)
            for c in names
        )
        CompanyAlias.objects.bulk_create(
            CompanyAlias(company=company, name=alias)
            for company, seed_company in zip(found, names, strict=True)
            for alias in seed_company.aliases
            if alias != company.name
        )
    people = list(Person.objects.filter(slug__startswith="big-").order_by("pk"))
    if not people:
        taken = set()
        while len(taken) < PEOPLE:
            taken.add((rng.choice(FIRST_NAMES), rng.choice(found).name.split()[0]))
        people = Person.objects.bulk_create(
            Person(
                name=f"{first} {last}", slug=f"big-{first}-{last}".lower(), title=rng.choice(TITLES)
            )
            for first, last in sorted(taken)
        )
    deals = list(Agreement.objects.filter(slug__startswith="big-").order_by("pk"))
    if not deals:
        kinds = ["joint_venture", "partnership", "alliance", "merger"]  # parties are partners
        for number in range(DEALS):
            a, b = found[2 * number], found[2 * number + 1]
            kind = kinds[number % len(kinds)]
            deal = Agreement.objects.create(
                slug=f"big-deal-{number}",
                title=f"{a.name} and {b.name} {DEAL_WORDS[kind]}",
                kind=kind,
                status="announced",
            )
            Party.objects.bulk_create(
                [Party(agreement=deal, company=a), Party(agreement=deal, company=b)]
            )
            deals.append(deal)
    return Cast(found, people, deals)


def compose(rng: random.Random, registry: Cast, words: int = WORDS) -> SeedStory:
    """About ``words`` words in paragraphs of about 80; every third paragraph quotes someone,
    and two of every three report one of the deals again."""
    writer, written, paragraph = Writer(), 0, 0
    companies, people, deals = registry.companies, registry.people, registry.deals
    parties = {d.pk: [p.company for p in d.parties.all()] for d in deals}
    index = {c.pk: i for i, c in enumerate(companies)}

    def company():
        number = rng.randrange(len(companies))
        return companies[number].name, "company", number

    while written < words:
        if paragraph:
            writer.write("\n\n")
        sentences = []
        if paragraph % 3 != 2:
            deal_number = (paragraph // 3 * 2 + paragraph % 3) % len(deals)
            a, b = parties[deals[deal_number].pk]
            sentences.append(
                (
                    rng.choice(DEAL_SENTENCES),
                    {
                        "a": lambda a=a: (a.name, "company", index[a.pk]),
                        "b": lambda b=b: (b.name, "company", index[b.pk]),
                        "d": lambda d=deal_number: (
                            DEAL_WORDS[deals[d].kind],
                            "agreement",
                            d,
                        ),
                        "verb": lambda: (rng.choice(VERBS), "", -1),
                    },
                )
            )
        if paragraph % 3 == 0:
            speaker = rng.randrange(len(people))
            sentences.append(
                (
                    rng.choice(QUOTE_SENTENCES),
                    {
                        "q": lambda s=speaker: (rng.choice(QUOTES), "quote", s),
                        "p": lambda s=speaker: (people[s].name, "person", s),
                        "t": lambda s=speaker: (people[s].title, "", -1),
                        "c": company,
                    },
                )
            )
        while sum(t.count(" ") + 1 for t, _ in sentences) < 80:
            sentences.append((rng.choice(SENTENCES), {"c": company}))
        rng.shuffle(sentences)
        before = len(writer.parts)
        for number, (template, slots) in enumerate(sentences):
            if number:
                writer.write(" ")
            writer.fill(template, slots)
        written += len("".join(writer.parts[before:]).split())
        paragraph += 1
    return SeedStory(f"Big story {rng.randrange(10**6)}", writer.text(), writer.marks)


def _chosen_marks(marks: list, total: int) -> list:
    """``total`` marks: the first of each kind up to its share, companies spread evenly."""
    chosen = []
    for kind, share in MIX.items():
        chosen += [m for m in marks if m[2] == kind][: share * total // ANNOTATIONS]
    companies = [m for m in marks if m[2] == "company"]
    wanted = total - len(chosen)
    step = max(len(companies) / wanted, 1.0) if wanted > 0 else 1.0
    chosen += [companies[int(i * step)] for i in range(min(wanted, len(companies)))]
    return sorted(chosen)


def editor_user(username: str = "big-story-editor"):
    """An editor of the newsroom (the group its migration made), not a superuser."""
    from django.contrib.auth import get_user_model

    user, made = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": True}
    )
    if made:
        user.groups.add(Group.objects.get(name="Editor"))
    return get_user_model().objects.get(pk=user.pk)  # permissions read afresh


@transaction.atomic
def seed_big_story(
    *,
    seed: int = 1,
    words: int = WORDS,
    annotations: int = ANNOTATIONS,
    suggested_share: float = 0.1,
    by=None,
) -> Article:
    """A draft of about ``words`` words with ``annotations`` annotations: mostly confirmed (each
    deal claimed by the story, its first mention the evidence), the last ``suggested_share``
    of the company mentions still machine suggestions."""
    registry = cast()
    rng = random.Random(seed)
    story = compose(rng, registry, words)
    section, _ = Section.objects.get_or_create(slug="business", defaults={"name": "Business"})
    article = Article.objects.create(
        headline=story.headline,
        slug=unique_slug(Article, f"big story {seed}"),
        body=story.body,
        section=section,
        status=Article.Status.DRAFT,
    )
    marks = _chosen_marks(story.marks, annotations)
    company_marks = [m for m in marks if m[2] == "company"]
    suggested = set(company_marks[len(company_marks) - int(len(company_marks) * suggested_share) :])
    now = timezone.now()
    rows = []
    for mark in marks:
        start, end, kind, target = mark
        fields = {
            "company": registry.companies[target] if kind == "company" else None,
            "agreement": registry.deals[target] if kind == "agreement" else None,
            "person": registry.people[target] if kind in ("person", "quote") else None,
        }
        state = "suggested" if mark in suggested else "confirmed"
        rows.append(
            Annotation.spanning(
                article,
                start,
                end,
                kind=kind,
                review_state=state,
                source="gazetteer" if state == "suggested" else "editor",
                why="a registry name" if state == "suggested" else "",
                reviewed_at=now if state == "confirmed" else None,
                reviewed_by=by if state == "confirmed" else None,
                **fields,
            )
        )
    Annotation.objects.bulk_create(rows)
    first = {}
    for annotation in rows:
        if annotation.agreement_id and annotation.agreement_id not in first:
            first[annotation.agreement_id] = annotation
    for annotation in first.values():
        claims.claims_from_agreement(
            annotation.agreement, article, by=by, spans=[(annotation.start, annotation.end)]
        )
    return article

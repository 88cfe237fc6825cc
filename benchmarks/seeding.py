"""A synthetic newsroom at scale, for benchmarks: realistic shapes, bulk inserts, our own words.

Stories of 600 to 1,200 words are composed from sentence templates with company slots, so that
every mention's offsets are known as the text is written; about 30 mentions a story are
confirmed annotations, and deal paragraphs name an agreement's parties and carry a confirmed
agreement mention. Nothing here goes through ``save()``: rows are written with ``bulk_create``
in batches, inside one transaction, so a failed run leaves nothing behind. A second run adds
a second newsroom beside the first (10,000 stories, then 90,000 more, make 100,000).
"""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.http import int_to_base36 as base36
from django.utils.text import slugify

from articles.models import Article, Byline, PageView, Ranking, RankingEntry, Reporter, Section
from deals.models import Agreement, Claim, Evidence, Party, Region, Sector
from registry.models import Company, CompanyAlias, Ticker
from structuring.models import Annotation
from structuring.quotes import quote_selector

SLUG_PREFIX = "seed-"
BATCH = 2000

SYLLABLES = [
    "ka",
    "ro",
    "ven",
    "tel",
    "mar",
    "qui",
    "zan",
    "bel",
    "dor",
    "fen",
    "gal",
    "hes",
    "ith",
    "jor",
    "kel",
    "lum",
    "nor",
    "pra",
    "sol",
    "tav",
]
SYLLABLES += [
    "ul",
    "vex",
    "wyn",
    "xan",
    "yor",
    "zel",
    "bra",
    "cri",
    "dro",
    "fla",
    "glo",
    "kri",
    "plo",
    "sta",
    "tre",
    "vor",
]
SECTOR_WORDS = [
    "Logistics",
    "Energy",
    "Foods",
    "Media",
    "Bank",
    "Motors",
    "Pharma",
    "Telecom",
    "Systems",
    "Capital",
    "Mining",
    "Airlines",
    "Robotics",
    "Semiconductor",
    "Insurance",
    "Retail",
    "Textiles",
    "Shipping",
    "Chemicals",
    "Networks",
]
SUFFIXES = ("Ltd.", "Inc.", "Co. Ltd.", "SA", "AG", "plc", "Holdings", "Group", "Corp.")
EXCHANGES = ("NYSE", "NASDAQ", "HKEX", "LSE", "EPA", "XETRA", "TSE", "SSE")
COUNTRIES = ("CN", "US", "FR", "DE", "GB", "JP", "KR", "IN", "BR", "ZA")
SECTORS = ("IoT", "Cloud", "Big data", "Batteries", "Payments", "Shipping", "Biotech", "Media")
REGIONS = ("China", "Europe", "North America", "Africa", "Southeast Asia", "Latin America")
SECTIONS = ("Business", "Technology", "Markets", "Energy", "Autos", "Media")
DEAL_WORDS = {
    "joint_venture": "joint venture",
    "partnership": "partnership",
    "alliance": "alliance",
    "acquisition": "acquisition",
    "merger": "merger",
    "investment": "stake",
    "licensing": "licensing deal",
    "supply": "supply deal",
}
STATUSES = ("planned", "announced", "signed", "extended", "expanded", "completed")

# Our own sentences. ``{c}`` is a company mention; ``{a}``, ``{b}`` are an agreement's parties
# and ``{d}`` the words that report the agreement.
SENTENCES = [
    "{c} said on Monday that demand for its services had grown faster than it expected.",
    "Shares in {c} rose in early trading after the results beat the average forecast.",
    "Analysts said the figures left {c} with room to spend on new plants next year.",
    "The company has struggled to win customers outside its home market for several years.",
    "{c} and {c} both declined to comment on the talks when asked by reporters.",
    "Executives at {c} expect the market to keep growing for the rest of the decade.",
    "Regulators have yet to say whether they will look more closely at the plan.",
    "People familiar with the matter said the terms could still change before signing.",
    "{c} has cut costs twice this year as prices for its main products fell.",
    "Its rival {c} reported a smaller profit in the same quarter, citing higher wages.",
    "The move follows a long push by the industry to build more capacity close to buyers.",
    "Investors have watched the sector closely since interest rates began to fall.",
    "{c} will keep its headquarters where they are, a spokesperson said by telephone.",
    "Suppliers such as {c} have raised prices to cover the cost of energy and freight.",
    "The deal would give both sides access to customers they could not reach alone.",
    "A person close to {c} said the board had approved the plan last week.",
    "Trading volumes were thin ahead of a holiday in several large markets.",
    "{c} expects the first products from the new line to reach shops within two years.",
    "The plan still needs the approval of shareholders at a meeting later this year.",
    "Prices for raw materials have eased since the spring, easing pressure on margins.",
    "Customers have been slow to sign long contracts while the outlook stays unclear.",
    "The industry employs tens of thousands of people across the region.",
    "Officials have said they want more of the work done at home rather than abroad.",
    "Several smaller rivals have merged in the past two years to cut their costs.",
    "The company did not give a figure for how much it expects to invest.",
    "Results for the full year are due to be published in the first quarter.",
    "Demand from carmakers has been weaker than many in the industry had hoped.",
    "Some investors worry that the push into new markets will take years to pay off.",
]
DEAL_SENTENCES = [
    "{a} and {b} said they had agreed to {verb} their {d}, which began several years ago.",
    "Under the {d}, {a} will work with {b} on products for customers in several markets.",
    "{a} and {b} first announced the {d} at a trade fair, people who attended said.",
]
VERBS = ("extend", "expand", "deepen", "renew")
HEADLINES = (
    "{a} and {b} {verb} their {d}",
    "{a} turns to {b} as rivals push into new markets",
    "{a} bets on growth with {b} {d}",
)


@dataclass
class SeedCompany:
    name: str
    slug: str
    legal_name: str
    aliases: list[str]
    country: str


@dataclass
class SeedStory:
    headline: str
    body: str
    # (start, end, kind, index of the company or agreement)
    marks: list[tuple[int, int, str, int]] = field(default_factory=list)


def company_names(count: int, rng: random.Random) -> list[SeedCompany]:
    """``count`` companies with distinct names, slugs and aliases."""
    result, used = [], set()
    while len(result) < count:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        name = f"{stem} {rng.choice(SECTOR_WORDS)}"
        if name in used:
            name = f"{name} {rng.choice(SECTOR_WORDS)}"
            if name in used:
                continue
        used.add(name)
        legal = f"{name} {rng.choice(SUFFIXES)}"
        aliases = [legal]
        if stem not in used:
            used.add(stem)
            aliases.append(stem)
        result.append(
            SeedCompany(
                name, f"{slugify(name)}-{len(result)}", legal, aliases, rng.choice(COUNTRIES)
            )
        )
    return result


class Writer:
    """Text built piece by piece, remembering where each marked piece lies."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.marks: list[tuple[int, int, str, int]] = []

    def write(self, text: str, kind: str = "", target: int = -1) -> None:
        if kind:
            self.marks.append((self.length, self.length + len(text), kind, target))
        self.parts.append(text)
        self.length += len(text)

    def fill(self, template: str, slots: dict[str, Callable[[], tuple[str, str, int]]]) -> None:
        rest = template
        while "{" in rest:
            before, _, after = rest.partition("{")
            name, _, rest = after.partition("}")
            self.write(before)
            self.write(*slots[name]())
        self.write(rest)

    def text(self) -> str:
        return "".join(self.parts)


def compose_story(
    rng: random.Random,
    companies: list[SeedCompany],
    deals: list[tuple[int, str, list[int]]],
) -> SeedStory:
    """A story of 600 to 1,200 words naming about 30 companies and one to three agreements."""
    writer = Writer()
    target_words = rng.randint(620, 1120)
    words = 0
    chosen = rng.sample(deals, k=min(len(deals), rng.randint(1, 3)))
    cast = [rng.randrange(len(companies)) for _ in range(12)]
    verb = rng.choice(VERBS)

    def company() -> tuple[str, str, int]:
        index = rng.choice(cast)
        seed = companies[index]
        return rng.choice((seed.name, seed.name, *seed.aliases)), "company", index

    deal_index, deal_kind, parties = chosen[0]
    first, second = companies[parties[0]], companies[parties[1]]
    headline = rng.choice(HEADLINES).format(
        a=first.name, b=second.name, verb=verb, d=DEAL_WORDS[deal_kind]
    )
    paragraph = 0
    while words < target_words:
        if paragraph:
            writer.write("\n\n")
        sentences = []
        if paragraph < len(chosen):
            deal_index, deal_kind, parties = chosen[paragraph]
            a, b = companies[parties[0]], companies[parties[1]]
            slots = {
                "a": lambda a=a, p=parties[0]: (a.name, "company", p),
                "b": lambda b=b, p=parties[1]: (b.name, "company", p),
                "d": lambda k=deal_kind, i=deal_index: (DEAL_WORDS[k], "agreement", i),
                "verb": lambda: (verb, "", -1),
            }
            sentences.append((rng.choice(DEAL_SENTENCES), slots))
        for _ in range(rng.randint(3, 5)):
            sentences.append((rng.choice(SENTENCES), {"c": company}))
        for n, (template, slots) in enumerate(sentences):
            if n:
                writer.write(" ")
            writer.fill(template, slots)
            words += template.count(" ") + 1
            if words >= target_words:
                break
        paragraph += 1
    return SeedStory(headline[:300], writer.text(), writer.marks)


ANNOTATION_COLUMNS = (
    "article_id",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "kind",
    "company_id",
    "agreement_id",
    "review_state",
    "anchor_state",
    "source",
    "confidence",
    "why",
    "proposal",
    "note",
    "reviewed_at",
    "created_at",
    "updated_at",
)
# review_state, anchor_state, source, confidence, why, proposal, note
CONFIRMED_BY_MACHINE = ("confirmed", "anchored", "gazetteer", 0.95, "", "{}", "")


def insert_rows(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert plain rows fast: COPY on PostgreSQL, one prepared statement on SQLite.

    The ORM's ``bulk_create`` spends most of its time preparing values field by field; for the
    millions of annotation rows of a large newsroom that is most of the run.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


HISTORY_COLUMNS = (
    "id",
    "headline",
    "slug",
    "dek",
    "dateline",
    "language",
    "body",
    "status",
    "publish_at",
    "first_published_at",
    "created_at",
    "updated_at",
    "changed_at",
    "version",
    "source_uri",
    "section_id",
    "uid",
    "history_date",
    "history_change_reason",
    "history_type",
)


def write_history(articles: list[Article]) -> None:
    """Each story's history begins with its publication, as the workflow would have written it;
    replaying a past moment reads what was live then from these records."""
    adapt = connection.ops.adapt_datetimefield_value
    uid = Article._meta.get_field("uid")

    def value(article: Article, column: str):
        if column == "uid":  # hex text on SQLite, a UUID on PostgreSQL
            return uid.get_db_prep_value(article.uid, connection)
        raw = getattr(article, column)
        return adapt(raw) if column.endswith("_at") else raw

    insert_rows(
        Article.history.model,
        HISTORY_COLUMNS,
        [
            (
                *(value(a, c) for c in HISTORY_COLUMNS[:-3]),
                adapt(a.publish_at),
                "published",
                "+",
            )
            for a in articles
        ],
    )


def write_claims(articles, written, deals, status_of, company_ids) -> None:
    """Each story claims the kind, status and parties of every deal it reports; the words that
    name the deal are the evidence of its kind, the rest is asserted as the seed knows it."""
    claims, spans = [], []
    for article, (_, story, published) in zip(articles, written, strict=True):
        seen = set()
        for start, end, kind, index in story.marks:
            if kind != "agreement" or index in seen:
                continue
            seen.add(index)
            deal_kind, parties = deals[index]
            made = {"agreement_id": index, "article_id": article.pk, "created_at": published}
            claims.append(Claim(term="kind", kind=deal_kind, **made))
            spans.append((start, end, story.body))
            claims.append(Claim(term="status", status=status_of[index], asserted=True, **made))
            spans.append(None)
            for c in parties:
                party = Claim(term="party", company_id=company_ids[c], role="partner", **made)
                claims.append(party)
                spans.append(None)
                party.asserted = True
    Claim.objects.bulk_create(claims, batch_size=2000)
    rows = []
    for claim, span in zip(claims, spans, strict=True):
        if span:
            start, end, body = span
            exact, prefix, suffix = quote_selector(body, start, end)
            rows.append((claim.pk, start, end, exact, prefix, suffix, "anchored"))
    insert_rows(
        Evidence, ("claim_id", "start", "end", "exact", "prefix", "suffix", "anchor_state"), rows
    )


def _batches(items: Iterator, size: int = BATCH) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _named(model, names) -> list:
    return [
        model.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in names
    ]


@transaction.atomic
def seed_newsroom(
    *, stories: int, companies: int, seed: int = 2026, progress: Callable | None = None
) -> dict[str, int]:
    """Write a synthetic newsroom; ``progress(label, total)`` returns a bar with ``update(n)``."""
    # A second run adds to the first: its rows get their own tag and its own random stream.
    earlier = Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
    tag = f"{SLUG_PREFIX}{base36(earlier)}-"
    rng = random.Random(seed + earlier)
    now = timezone.now()
    bar = progress or (lambda label, total: _Silent())

    # Companies, their aliases and tickers.
    seeds = company_names(companies, rng)
    step = bar("companies", companies)
    company_ids: list[int] = []
    for batch in _batches(iter(seeds)):
        made = Company.objects.bulk_create(
            Company(
                name=c.name,
                slug=f"{tag}{c.slug}",
                legal_name=c.legal_name,
                country=c.country,
                created_at=now,
            )
            for c in batch
        )
        company_ids += [c.pk for c in made]
        aliases, tickers = [], []
        for company, spec in zip(made, batch, strict=True):
            aliases += [CompanyAlias(company=company, name=a) for a in spec.aliases]
            if rng.random() < 0.4:
                symbol = f"{spec.slug.split('-')[0][:4].upper()}{company.pk}"
                tickers.append(
                    Ticker(company=company, exchange=rng.choice(EXCHANGES), symbol=symbol)
                )
        CompanyAlias.objects.bulk_create(aliases)
        Ticker.objects.bulk_create(tickers)
        step.update(len(batch))
    step.close()

    # Agreements with 2 to 4 parties.
    sectors = _named(Sector, SECTORS)
    regions = _named(Region, REGIONS)
    deal_count = max(2, stories // 10)
    step = bar("agreements", deal_count)
    deals: list[tuple[int, str, list[int]]] = []
    status_of: dict[int, str] = {}
    for batch in _batches(iter(range(deal_count))):
        specs = []
        for n in batch:
            kind = rng.choice(list(DEAL_WORDS))
            parties = rng.sample(range(companies), k=min(companies, rng.randint(2, 4)))
            specs.append((n, kind, parties))
        made = Agreement.objects.bulk_create(
            Agreement(
                slug=f"{tag}deal-{n}",
                title=f"{seeds[p[0]].name} and {seeds[p[1]].name} {DEAL_WORDS[k]}"[:300],
                kind=k,
                status=rng.choice(STATUSES),
                announced_on=(now - timedelta(days=rng.randint(30, 3000))).date(),
                created_at=now,
            )
            for n, k, p in specs
        )
        Party.objects.bulk_create(
            Party(agreement=deal, company_id=company_ids[c], role="partner")
            for deal, (_, _, parties) in zip(made, specs, strict=True)
            for c in parties
        )
        Agreement.sectors.through.objects.bulk_create(
            Agreement.sectors.through(agreement_id=deal.pk, sector_id=rng.choice(sectors).pk)
            for deal in made
        )
        Agreement.regions.through.objects.bulk_create(
            Agreement.regions.through(agreement_id=deal.pk, region_id=rng.choice(regions).pk)
            for deal in made
        )
        deals += [(deal.pk, k, p) for deal, (_, k, p) in zip(made, specs, strict=True)]
        status_of.update((deal.pk, deal.status) for deal in made)
        step.update(len(batch))
    step.close()
    deal_slots = list(range(len(deals)))

    # Stories, bylines and annotations.
    sections = [
        Section.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in SECTIONS
    ]
    reporters = [
        Reporter.objects.get_or_create(
            slug=f"{SLUG_PREFIX}reporter-{n}",
            defaults={"name": f"Seed Reporter {n}", "email": f"seed{n}@newsroom.example"},
        )[0]
        for n in range(40)
    ]
    step = bar("stories", stories)
    annotations_written = 0
    story_ids: list[int] = []
    for batch in _batches(iter(range(stories)), 1000):
        written = []
        for n in batch:
            story = compose_story(
                rng, seeds, [deals[i] for i in rng.sample(deal_slots, min(3, len(deal_slots)))]
            )
            published = now - timedelta(minutes=n * 5 + rng.randint(0, 4))
            written.append((n, story, published))
        made = Article.objects.bulk_create(
            Article(
                headline=story.headline,
                slug=f"{tag}{n}-{slugify(story.headline)[:80]}",
                dek=story.body.split(". ")[0][:200],
                section=rng.choice(sections),
                body=story.body,
                status=Article.Status.PUBLISHED,
                publish_at=published,
                first_published_at=published,
                created_at=published,
                updated_at=published,
                changed_at=published,
            )
            for n, story, published in written
        )
        story_ids += [a.pk for a in made]
        Byline.objects.bulk_create(
            Byline(article=article, reporter=rng.choice(reporters)) for article in made
        )
        rows = []
        for article, (_, story, published) in zip(made, written, strict=True):
            when = connection.ops.adapt_datetimefield_value(published)
            for start, end, kind, index in story.marks:
                exact, prefix, suffix = quote_selector(story.body, start, end)
                company, agreement = (
                    (company_ids[index], None) if kind == "company" else (None, index)
                )
                span = (article.pk, start, end, exact, prefix, suffix, kind, company, agreement)
                rows.append((*span, *CONFIRMED_BY_MACHINE, when, when, when))
        insert_rows(Annotation, ANNOTATION_COLUMNS, rows)
        annotations_written += len(rows)
        write_history(made)
        write_claims(made, written, {pk: (k, p) for pk, k, p in deals}, status_of, company_ids)
        step.update(len(batch))
    step.close()

    # Rankings and page views.
    picks, _ = Ranking.objects.get_or_create(
        slug=f"{SLUG_PREFIX}editors-picks", defaults={"title": "Editors' picks", "position": 5}
    )
    picks.entries.all().delete()
    RankingEntry.objects.bulk_create(
        RankingEntry(ranking=picks, position=n, title=f"Pick {n}", article_id=article_id)
        for n, article_id in enumerate(story_ids[:5], 1)
    )
    Ranking.objects.get_or_create(
        slug=f"{SLUG_PREFIX}most-read",
        defaults={"title": "Most read", "kind": Ranking.Kind.MOST_READ, "position": 6},
    )
    today = now.date()
    viewed = rng.sample(story_ids, k=min(len(story_ids), max(1, stories // 5)))
    PageView.objects.bulk_create(
        (
            PageView(
                article_id=article_id, day=today - timedelta(days=d), count=rng.randint(1, 500)
            )
            for article_id in viewed
            for d in range(3)
        ),
        batch_size=5000,
    )
    # Fresh statistics, so the planners know the new shape of the data (a bulk load leaves
    # SQLite with none, and it would then scan stories by status instead of by id).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "stories": stories,
        "companies": companies,
        "agreements": len(deals),
        "annotations": annotations_written,
    }


class _Silent:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass

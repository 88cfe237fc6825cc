"""What the API says about stories, companies and agreements, built as plain dicts.

Each list is a fixed number of ``.values()`` queries whatever the page size or the number of
annotations per story, and only live stories and confirmed, anchored annotations are read. Nothing
internal (who reviewed as an account, rejected suggestions, editors' notes) is ever selected.
"""

from collections import defaultdict

from django.core.cache import cache

from articles.caching import site_state
from articles.models import Article, Byline
from deals.models import Agreement, AgreementEvent, Party
from registry.models import Company
from structuring import selectors
from structuring.models import Annotation
from structuring.story_panels import related

Kind = Annotation.Kind
MACHINE_SOURCES = {Annotation.Source.GAZETTEER, Annotation.Source.RULE}

ARTICLE_FIELDS = (
    "slug",
    "headline",
    "dek",
    "url",
    "api_url",
    "section",
    "byline",
    "dateline",
    "language",
    "published_at",
    "updated_at",
    "version",
    "mentions",
    "agreements",
)
ARTICLE_DETAIL_FIELDS = (*ARTICLE_FIELDS, "body", "quotes", "related")
ARTICLE_COLUMNS = (
    "id",
    "slug",
    "headline",
    "dek",
    "dateline",
    "language",
    "publish_at",
    "changed_at",
    "version",
    "section__slug",
    "section__name",
)


class Links:
    """Absolute addresses of public pages and API objects, without a ``reverse()`` per row."""

    PAGES = {
        "article": "articles",
        "company": "companies",
        "agreement": "deals",
        "section": "sections",
        "reporter": "reporters",
    }
    API = {"article": "articles", "company": "companies", "agreement": "agreements"}

    def __init__(self, request):
        self.site = request.build_absolute_uri("/").rstrip("/")

    def page(self, kind: str, slug: str) -> str:
        return f"{self.site}/{self.PAGES[kind]}/{slug}/"

    def api(self, kind: str, slug: str) -> str:
        return f"{self.site}/api/v1/{self.API[kind]}/{slug}/"

    def path(self, path: str) -> str:
        return self.site + path


def story_ref(slug: str, headline: str, links: Links, **more) -> dict:
    return {
        "slug": slug,
        "headline": headline,
        "url": links.page("article", slug),
        "api_url": links.api("article", slug),
        **more,
    }


def _group(rows, key: str = "article_id") -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def company_ref(slug: str, name: str, links: Links) -> dict:
    return {
        "slug": slug,
        "name": name,
        "url": links.page("company", slug),
        "api_url": links.api("company", slug),
    }


def _target(row: dict, links: Links) -> dict | None:
    if row["company__slug"]:
        return {"type": "company", **company_ref(row["company__slug"], row["company__name"], links)}
    if row["agreement__slug"]:
        slug = row["agreement__slug"]
        return {
            "type": "agreement",
            "slug": slug,
            "name": row["agreement__title"],
            "url": links.page("agreement", slug),
            "api_url": links.api("agreement", slug),
        }
    if row["person__slug"]:
        return {
            "type": "person",
            "slug": row["person__slug"],
            "name": row["person__name"],
            "title": row["person__title"],
            "organisation": row["person__organisation__name"],
        }
    return None


def _provenance(row: dict) -> dict:
    return {
        "source": row["source"],
        "machine_suggested": row["source"] in MACHINE_SOURCES,
        "confidence": row["confidence"],
        "confirmed_by": "reporter" if row["reviewed_by__reporter__name"] else "editor",
        "confirmed_by_name": row["reviewed_by__reporter__name"],
        "confirmed_at": row["reviewed_at"],
    }


MENTION_COLUMNS = (
    "article_id",
    "start",
    "end",
    "exact",
    "kind",
    "source",
    "confidence",
    "reviewed_at",
    "reviewed_by__reporter__name",
    "company__slug",
    "company__name",
    "agreement_id",
    "agreement__slug",
    "agreement__title",
    "person__slug",
    "person__name",
    "person__title",
    "person__organisation__name",
)


def _annotations(article_ids: list[int]) -> dict[int, list[dict]]:
    return _group(
        Annotation.objects.public()
        .filter(article_id__in=article_ids)
        .order_by("article_id", "start", "id")
        .values(*MENTION_COLUMNS)
    )


def agreements_out(ids, links: Links) -> dict[int, dict]:
    """The public face of these agreements, by id: parties and roles, sectors, regions, dates."""
    ids = list(ids)
    if not ids:
        return {}
    parties = _group(
        Party.objects.filter(agreement_id__in=ids)
        .order_by("agreement_id", "id")
        .values("agreement_id", "role", "company__slug", "company__name"),
        "agreement_id",
    )
    tags = {}
    for name in ("sectors", "regions"):
        through = getattr(Agreement, name).through
        column = name[:-1]
        tags[name] = _group(
            through.objects.filter(agreement_id__in=ids)
            .order_by("agreement_id", f"{column}__name")
            .values("agreement_id", f"{column}__slug", f"{column}__name"),
            "agreement_id",
        )
    found = {}
    for row in Agreement.objects.filter(pk__in=ids).values(
        "id",
        "slug",
        "title",
        "kind",
        "status",
        "announced_on",
        "announced_place",
        "value",
        "currency",
        "description",
        "resulting_company__slug",
        "resulting_company__name",
    ):
        pk, slug = row["id"], row["slug"]
        jv = row["resulting_company__slug"]
        found[pk] = {
            "slug": slug,
            "title": row["title"],
            "kind": row["kind"],
            "status": row["status"],
            "parties": [
                {
                    "role": p["role"],
                    "company": company_ref(p["company__slug"], p["company__name"], links),
                }
                for p in parties.get(pk, [])
            ],
            "sectors": [
                {"slug": t["sector__slug"], "name": t["sector__name"]}
                for t in tags["sectors"].get(pk, [])
            ],
            "regions": [
                {"slug": t["region__slug"], "name": t["region__name"]}
                for t in tags["regions"].get(pk, [])
            ],
            "announced_on": row["announced_on"],
            "announced_place": row["announced_place"],
            "value": None if row["value"] is None else str(row["value"]),
            "currency": row["currency"] or None,
            "joint_venture_company": (
                company_ref(jv, row["resulting_company__name"], links) if jv else None
            ),
            "description": row["description"],
            "url": links.page("agreement", slug),
            "api_url": links.api("agreement", slug),
        }
    return found


def articles_out(rows: list[dict], links: Links, fields: set[str]) -> list[dict]:
    """Stories (``.values()`` rows of ``ARTICLE_COLUMNS``, live ones only) as the API shows them."""
    ids = [row["id"] for row in rows]
    bylines = (
        _group(
            Byline.objects.filter(article_id__in=ids)
            .order_by("article_id", "position")
            .values("article_id", "reporter__slug", "reporter__name", "reporter__email")
        )
        if "byline" in fields
        else {}
    )
    wants_structure = fields & {"mentions", "agreements", "quotes"}
    annotations = _annotations(ids) if wants_structure else {}
    agreements = (
        agreements_out(
            {
                a["agreement_id"]
                for items in annotations.values()
                for a in items
                if a["agreement_id"]
            },
            links,
        )
        if "agreements" in fields
        else {}
    )
    out = []
    for row in rows:
        pk, slug = row["id"], row["slug"]
        item = {
            "slug": slug,
            "headline": row["headline"],
            "dek": row["dek"],
            "url": links.page("article", slug),
            "api_url": links.api("article", slug),
            "section": (
                {
                    "slug": row["section__slug"],
                    "name": row["section__name"],
                    "url": links.page("section", row["section__slug"]),
                }
                if row["section__slug"]
                else None
            ),
            "dateline": row["dateline"],
            "language": row["language"],
            "published_at": row["publish_at"],
            "updated_at": row["changed_at"],
            "version": row["version"],
        }
        if "body" in fields:
            item["body"] = row["body"]
        if "byline" in fields:
            item["byline"] = [
                {
                    "slug": b["reporter__slug"],
                    "name": b["reporter__name"],
                    "email": b["reporter__email"],
                    "url": links.page("reporter", b["reporter__slug"]),
                }
                for b in bylines.get(pk, [])
            ]
        mine = annotations.get(pk, [])
        if "mentions" in fields:
            item["mentions"] = [
                {
                    "start": a["start"],
                    "end": a["end"],
                    "exact": a["exact"],
                    "kind": a["kind"],
                    "target": _target(a, links),
                    "provenance": _provenance(a),
                }
                for a in mine
                if a["kind"] != Kind.QUOTE
            ]
        if "agreements" in fields:
            seen = dict.fromkeys(a["agreement_id"] for a in mine if a["agreement_id"])
            item["agreements"] = [agreements[i] for i in seen if i in agreements]
        if "quotes" in fields:
            item["quotes"] = [
                {
                    "start": a["start"],
                    "end": a["end"],
                    "exact": a["exact"],
                    "speaker": _target(a, links) if a["person__slug"] else None,
                    "provenance": _provenance(a),
                }
                for a in mine
                if a["kind"] == Kind.QUOTE
            ]
        if "related" in fields:
            item["related"] = [
                story_ref(
                    story.slug, story.headline, links, published_at=story.publish_at, reason=reason
                )
                for story, reason in related(Article(pk=pk), 5)
            ]
        out.append({k: v for k, v in item.items() if k in fields})
    return out


# Building a story's structure is the costly part of an answer; it is kept per story, version and
# site generation (which any change to what the API shows moves on), for every list and filter.
STORY_SECONDS = 300
CHEAP_FIELDS = frozenset(ARTICLE_FIELDS) - {"byline", "mentions", "agreements"}


def stories_out(
    rows: list[dict], links: Links, fields: set[str], shape: tuple[str, ...]
) -> list[dict]:
    """``articles_out`` through the cache: each story is built whole (``shape``) once, then cut to
    ``fields``."""
    if fields <= CHEAP_FIELDS:
        return articles_out(rows, links, fields)
    generation = site_state()[0]
    keys = [
        f"api:story:{len(shape)}:{generation}:{r['id']}:{r['changed_at'].timestamp()}:{links.site}"
        for r in rows
    ]
    found = cache.get_many(keys)
    missing = [(row, key) for row, key in zip(rows, keys, strict=True) if key not in found]
    if missing:
        built = articles_out([row for row, _ in missing], links, set(shape))
        fresh = {key: item for (_, key), item in zip(missing, built, strict=True)}
        cache.set_many(fresh, STORY_SECONDS)
        found.update(fresh)
    return [{k: v for k, v in found[key].items() if k in fields} for key in keys]


COMPANY_FIELDS = (
    "slug",
    "name",
    "legal_name",
    "country",
    "lei",
    "wikidata_id",
    "tickers",
    "aliases",
    "parent",
    "description",
    "website",
    "url",
    "api_url",
    "stories_url",
)
COMPANY_DETAIL_FIELDS = (*COMPANY_FIELDS, "story_count", "agreements")


def companies_out(companies: list[Company], links: Links, fields: set[str]) -> list[dict]:
    """Companies (with ``tickers``, ``aliases`` and ``parent`` fetched) as the API shows them."""
    out = []
    for c in companies:
        item = {
            **company_ref(c.slug, c.name, links),
            "legal_name": c.legal_name,
            "country": c.country,
            "lei": c.lei or None,
            "wikidata_id": c.wikidata_id or None,
            "tickers": [{"exchange": t.exchange, "symbol": t.symbol} for t in c.tickers.all()],
            "aliases": [a.name for a in c.aliases.all()],
            "parent": (
                {
                    "slug": c.parent.slug,
                    "name": c.parent.name,
                    "url": links.page("company", c.parent.slug),
                }
                if c.parent_id
                else None
            ),
            "description": c.description,
            "website": c.website,
            "stories_url": links.path(f"/api/v1/articles/?company={c.slug}"),
        }
        out.append({k: v for k, v in item.items() if k in fields})
    return out


def company_detail(company: Company, links: Links, fields: set[str]) -> dict:
    item = companies_out([company], links, fields)[0]
    if "story_count" in fields:
        item["story_count"] = selectors.stories_mentioning(company).count()
    if "agreements" in fields:
        ids = (
            selectors.public_agreements()
            .filter(parties__company=company)
            .values_list("pk", flat=True)
        )
        shown = agreements_out(set(ids), links)
        item["agreements"] = sorted(shown.values(), key=lambda a: (a["title"], a["slug"]))
    return item


AGREEMENT_FIELDS = (
    "slug",
    "title",
    "kind",
    "status",
    "parties",
    "sectors",
    "regions",
    "announced_on",
    "announced_place",
    "value",
    "currency",
    "joint_venture_company",
    "description",
    "url",
    "api_url",
)
AGREEMENT_DETAIL_FIELDS = (*AGREEMENT_FIELDS, "timeline", "stories")


def agreement_detail(agreement: Agreement, links: Links, fields: set[str]) -> dict:
    item = agreements_out([agreement.pk], links)[agreement.pk]
    if "timeline" in fields:
        item["timeline"] = [
            {
                "kind": e["kind"],
                "occurred_on": e["occurred_on"],
                "precision": e["precision"],
                "description": e["description"],
                "story": story_ref(e["article__slug"], e["article__headline"], links),
            }
            for e in AgreementEvent.objects.filter(agreement=agreement)
            .filter(article__in=Article.objects.live())
            .order_by("occurred_on", "id")
            .values(
                "kind",
                "occurred_on",
                "precision",
                "description",
                "article__slug",
                "article__headline",
            )
        ]
    if "stories" in fields:
        item["stories"] = [
            story_ref(s["slug"], s["headline"], links, published_at=s["publish_at"])
            for s in Article.objects.live()
            .filter(
                pk__in=selectors.live_evidence().filter(agreement=agreement).values("article_id")
            )
            .order_by("-publish_at", "-id")
            .values("slug", "headline", "publish_at")
        ]
    return {k: v for k, v in item.items() if k in fields}

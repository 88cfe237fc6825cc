"""A live story as an IPTC ninjs 3.1 news item that ``import_stories`` reads back.

Companies are ``organisations`` (``rel`` about when a party to the story's deals, else mentions)
with ticker ``symbols``; reporters, speakers and people named are ``people``; the deals are
``events`` whose ``uri`` is the deal page; sectors and regions are ``subjects``; related stories
are ``associations``.
"""

from registry.models import Company, Ticker
from structuring.models import Annotation

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"


def _words(text: str) -> int:
    return len(text.split())


def to_ninjs(story: dict) -> dict:
    """``story`` is the API's article detail (every field), as serialized."""
    mentions = story["mentions"]
    company_slugs = list(
        dict.fromkeys(m["target"]["slug"] for m in mentions if m["kind"] == Annotation.Kind.COMPANY)
    )
    central = {p["company"]["slug"] for a in story["agreements"] for p in a["parties"]}
    companies = {c.slug: c for c in Company.objects.filter(slug__in=company_slugs)}
    symbols: dict[str, list[dict]] = {}
    for ticker in Ticker.objects.filter(company__slug__in=company_slugs).values(
        "company__slug", "exchange", "symbol"
    ):
        symbols.setdefault(ticker["company__slug"], []).append(
            {"exchange": ticker["exchange"], "symbol": ticker["symbol"]}
        )
    organisations = []
    for slug in company_slugs:
        company = companies[slug]
        organisation = {
            "name": company.name,
            "rel": "about" if slug in central else "mentions",
            "uri": next(m["target"]["url"] for m in mentions if m["target"]["slug"] == slug),
            "literal": slug,
        }
        if slug in symbols:
            organisation["symbols"] = symbols[slug]
        organisations.append(organisation)

    people = [
        {
            "name": b["name"],
            "rel": "author",
            "uri": b["url"],
            **({"contactInfo": [{"type": "email", "value": b["email"]}]} if b["email"] else {}),
        }
        for b in story["byline"]
    ]
    named: dict[str, str] = {}
    for quote in story["quotes"]:
        if quote["speaker"]:
            named.setdefault(quote["speaker"]["name"], "quoted")
    for mention in mentions:
        if mention["kind"] == Annotation.Kind.PERSON:
            named.setdefault(mention["target"]["name"], "mentioned")
    people += [{"name": name, "rel": rel} for name, rel in named.items()]

    subjects: dict[tuple[str, str], dict] = {}
    for agreement in story["agreements"]:
        for rel in ("sectors", "regions"):
            for tag in agreement[rel]:
                subjects.setdefault(
                    (rel, tag["slug"]),
                    {"name": tag["name"], "rel": rel[:-1], "literal": tag["slug"]},
                )

    item = {
        "uri": story["url"],
        "type": "text",
        "representationType": "full",
        "profile": "newsroom-article",
        "version": str(story["version"]),
        "firstCreated": story["published_at"],
        "versionCreated": story["updated_at"],
        "pubStatus": "usable",
        "language": story["language"],
        "slugline": story["slug"],
        "headlines": [{"role": "main", "value": story["headline"]}],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/plain",
                "charCount": len(story["body"]),
                "wordCount": _words(story["body"]),
                "value": story["body"],
            }
        ],
        "by": " and ".join(b["name"] for b in story["byline"]),
        "altIds": [{"role": "api", "value": story["api_url"]}],
        "standard": {"name": "ninjs", "version": "3.1", "schema": NINJS_SCHEMA},
    }
    if story["dek"]:
        item["descriptions"] = [{"role": "summary", "value": story["dek"]}]
    if story["dateline"]:
        item["located"] = story["dateline"]
    if people:
        item["people"] = people
    if organisations:
        item["organisations"] = organisations
    if story["agreements"]:
        item["events"] = [
            {
                "id": a["slug"],
                "name": a["title"],
                "rel": a["kind"],
                "uri": a["url"],
                "literal": a["status"],
            }
            for a in story["agreements"]
        ]
    if subjects:
        item["subjects"] = list(subjects.values())
    if story["related"]:
        item["associations"] = [
            {
                "name": f"related-{n}",
                "rel": "related",
                "uri": r["url"],
                "type": "text",
                "headlines": [{"role": "main", "value": r["headline"]}],
                "descriptions": [{"role": "reason", "value": r["reason"]}],
            }
            for n, r in enumerate(story["related"], 1)
        ]
    return item

"""A live story as an IPTC ninjs 3.1 news item that ``import_stories`` reads back.

How the story's structure is carried, in the properties IPTC made for each:
- ``organisations``: the companies named and the parties to the story's deals (``rel`` ``about``
  for a party, else ``mentions``). ``uri`` is the company's stable identifier: its Wikidata
  entity, else its LEI record at GLEIF, else our company page; our page is always in
  ``contactInfo`` (``type`` ``web``); tickers are ``symbols``.
- ``places``: the deals' regions (``rel`` ``region``).
- ``subjects``: the section (``rel`` ``section``), the deals' sectors (``rel`` ``sector``), and
  each deal's kind and status (``rel`` ``agreement-kind`` and ``agreement-status``). Sectors,
  regions, kinds and statuses are a vocabulary of our own whose concept ``uri`` is the API list
  of agreements filtered by it, and whose ``literal`` is the term's slug.
  Each deal's value, stake and announcement date are subjects too (``rel``
  ``agreement-value``, ``agreement-stake``, ``agreement-announced``; ``name`` in words,
  ``literal`` as data, ``uri`` the agreement's API detail, which carries every claim).
- ``events``: the deals, each with its page as ``uri`` and its slug as ``id``.
- ``people``: reporters (``author``), speakers of quotes (``quoted``) and people named
  (``mentioned``).
- ``associations``: related stories (``rel`` ``related``, with the reason) and each quote
  (``rel`` ``quote``: the quoted words as a ``quote`` body, the speaker as ``people``).
"""

from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

from deals import wording

from . import selectors
from .links import Links

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/{}"
GLEIF_RECORD = "https://api.gleif.org/api/v1/lei-records/{}"


def _words(text: str) -> int:
    return len(text.split())


def _term(links: Links, name: str, rel: str, filter_name: str, value: str) -> dict:
    return {
        "name": name,
        "rel": rel,
        "literal": value,
        "uri": links.path(f"/api/v1/agreements/?{filter_name}={value}"),
    }


def _organisations(story: dict, links: Links) -> list[dict]:
    parties = {p["company"]["slug"] for a in story["agreements"] for p in a["parties"]}
    named = [m["target"]["slug"] for m in story["mentions"] if m["kind"] == "company"]
    slugs = list(dict.fromkeys([*named, *sorted(parties)]))
    companies = selectors.organisations(slugs)
    found = []
    for slug in slugs:
        company = companies[slug]
        page = links.page("company", slug)
        if company["wikidata_id"]:
            uri = WIKIDATA_ENTITY.format(company["wikidata_id"])
        elif company["lei"]:
            uri = GLEIF_RECORD.format(company["lei"])
        else:
            uri = page
        organisation = {
            "name": company["name"],
            "rel": "about" if slug in parties else "mentions",
            "uri": uri,
            "literal": slug,
            "contactInfo": [{"type": "web", "name": "Newsroom company page", "value": page}],
        }
        if company["symbols"]:
            organisation["symbols"] = company["symbols"]
        found.append(organisation)
    return found


def _people(story: dict) -> list[dict]:
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
    for mention in story["mentions"]:
        if mention["kind"] == "person":
            named.setdefault(mention["target"]["name"], "mentioned")
    return people + [{"name": name, "rel": rel} for name, rel in named.items()]


def _subjects(story: dict, links: Links) -> list[dict]:
    subjects: dict[tuple[str, str], dict] = {}
    if story["section"]:
        section = story["section"]
        subjects["section", section["slug"]] = {
            "name": section["name"],
            "rel": "section",
            "literal": section["slug"],
            "uri": section["url"],
        }
    for agreement in story["agreements"]:
        for tag in agreement["sectors"]:
            subjects["sector", tag["slug"]] = _term(
                links, tag["name"], "sector", "sector", tag["slug"]
            )
        for rel, name in (("agreement-kind", "kind"), ("agreement-status", "status")):
            value = agreement[name]
            label = value.replace("_", " ").capitalize()
            subjects[rel, value] = _term(links, label, rel, name, value)
        for rel, name, literal in _deal_terms(agreement):
            subjects[rel, agreement["slug"]] = {
                "name": f"{agreement['title']}: {name}",
                "rel": rel,
                "literal": literal,
                "uri": links.path(f"/api/v1/agreements/{agreement['slug']}/"),
            }
    return list(subjects.values())


def _deal_terms(agreement: dict) -> list[tuple[str, str, str]]:
    """The deal's value, stake and announcement as they stand in live stories: (rel, words for
    people, the value as data). Every claim behind them is in the agreement's API detail.
    (A story's structure comes from the shared cache as JSON: numbers and dates as text.)"""
    terms = []
    if agreement["value"] is not None:
        amount, currency = Decimal(str(agreement["value"])), agreement["currency"]
        terms.append(
            (
                "agreement-value",
                f"valued at {wording.money(amount, currency)}",
                f"{amount} {currency}",
            )
        )
    if agreement["stake"]:
        stake = agreement["stake"]
        of = f" in {stake['company']['name']}" if stake.get("company") else ""
        terms.append(
            (
                "agreement-stake",
                f"a {wording.percent(Decimal(str(stake['percent'])))} stake{of}",
                str(stake["percent"]),
            )
        )
    if agreement["announced_on"]:
        on = date.fromisoformat(str(agreement["announced_on"])[:10])
        terms.append(("agreement-announced", f"announced {wording.day(on)}", on.isoformat()))
    return terms


def _associations(story: dict) -> list[dict]:
    related = [
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
    quotes = [
        {
            "name": f"quote-{n}",
            "rel": "quote",
            "uri": f"{story['url']}#quote-{q['start']}-{q['end']}",
            "type": "text",
            "representationType": "partial",
            "bodies": [{"role": "quote", "contentType": "text/plain", "value": q["exact"]}],
            **(
                {"people": [{"name": q["speaker"]["name"], "rel": "speaker"}]}
                if q["speaker"]
                else {}
            ),
        }
        for n, q in enumerate(story["quotes"], 1)
    ]
    return related + quotes + _pictures(story)


def _pictures(story: dict) -> list[dict]:
    """Each picture as an associated ``picture`` item: its renditions, credit and rights."""
    site = urlsplit(story["url"]).hostname or "localhost"
    out = []
    for picture in story["pictures"]:
        item = {
            "name": picture["alt_text"],
            "rel": f"{picture['placement']}-picture",
            "uri": f"tag:{site},2026:picture:{picture['id']}",
            "type": "picture",
            "representationType": "full",
            "by": picture["credit"],
            "copyrightHolder": picture["rights_holder"],
            "copyrightNotice": f"© {picture['rights_holder']}",
            "descriptions": [{"role": "alt", "value": picture["alt_text"]}],
            "renditions": [
                {
                    "name": f"{r['width']}-{r['content_type'].split('/')[1]}",
                    "href": r["url"],
                    "contentType": r["content_type"],
                    "width": r["width"],
                    "height": r["height"],
                    "aspectRatio": "16:9",
                }
                for r in picture["renditions"]
            ],
        }
        if picture["caption"]:
            item["descriptions"].insert(0, {"role": "caption", "value": picture["caption"]})
        if picture["licence"]:
            item["usageTerms"] = picture["licence"]
        out.append(item)
    return out


def to_ninjs(story: dict, links: Links) -> dict:
    """``story`` is the API's article detail (every field), as serialized."""
    item = {
        "uri": f"urn:uuid:{story['uid']}",
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
        "altIds": [
            {"role": "api", "value": story["api_url"]},
            {"role": "page", "value": story["url"]},
        ],
        "standard": {"name": "ninjs", "version": "3.1", "schema": NINJS_SCHEMA},
    }
    if story["dek"]:
        item["descriptions"] = [{"role": "summary", "value": story["dek"]}]
    if story["dateline"]:
        item["located"] = story["dateline"]
    parts = {
        "people": _people(story),
        "organisations": _organisations(story, links),
        "places": list(
            {
                tag["slug"]: _term(links, tag["name"], "region", "region", tag["slug"])
                for agreement in story["agreements"]
                for tag in agreement["regions"]
            }.values()
        ),
        "subjects": _subjects(story, links),
        "events": [
            {"id": a["slug"], "name": a["title"], "rel": "reported", "uri": a["url"]}
            for a in story["agreements"]
        ],
        "associations": _associations(story),
    }
    item.update({name: value for name, value in parts.items() if value})
    return item

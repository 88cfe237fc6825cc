"""The API's reads: plain rows of what partners may see, for ``api.serializers`` to shape.

Each list is a fixed number of ``.values()`` queries whatever the page size or the number of
annotations per story, and only live stories and confirmed, anchored annotations are read. Nothing
internal (who reviewed as an account, rejected suggestions, editors' notes) is ever selected.
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Q

from articles.models import (
    Article,
    ArticleQuerySet,
    Byline,
    FormerSlug,
    InlinePicture,
    Picture,
    Reporter,
    Section,
)
from articles.renditions import renditions_of
from deals.models import Agreement
from deals.wording import claim_text
from registry.models import Company, Ticker
from structuring import selectors as structure
from structuring.models import Annotation

from .models import Tombstone

ARTICLE_COLUMNS = (
    "id",
    "uid",
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
    "lead_picture_id",
)
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
CHANGE_COLUMNS = (
    "id",
    "uid",
    "slug",
    "headline",
    "publish_at",
    "changed_at",
    "updated_at",
    "version",
)
RELATED_LIMIT = 5


def _group(rows, key: str = "article_id") -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def live_stories():
    return Article.objects.live()


def story_rows(queryset, *, body: bool = False):
    """``queryset`` of stories as rows of ``ARTICLE_COLUMNS`` (and the body)."""
    return queryset.values(*ARTICLE_COLUMNS, *(("body",) if body else ()))


def _target(row: dict) -> dict | None:
    if row["company__slug"]:
        return {"type": "company", "slug": row["company__slug"], "name": row["company__name"]}
    if row["agreement__slug"]:
        return {
            "type": "agreement",
            "slug": row["agreement__slug"],
            "name": row["agreement__title"],
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


def _annotation(row: dict) -> dict:
    return {
        **row,
        "target": _target(row),
        "provenance": {
            "source": row["source"],
            "machine_suggested": row["source"] in Annotation.Source.machine(),
            "confidence": row["confidence"],
            "confirmed_by": "reporter" if row["reviewed_by__reporter__name"] else "editor",
            "confirmed_by_name": row["reviewed_by__reporter__name"],
            "confirmed_at": row["reviewed_at"],
        },
    }


def _company(company) -> dict | None:
    return {"slug": company.slug, "name": company.name} if company else None


def _claim(claim, standing: str) -> dict:
    """One story's claim about a term, with where its words are in the story."""
    spans = [
        {"start": e.start, "end": e.end, "exact": e.exact}
        for e in claim.evidence.all()
        if e.anchor_state == "anchored"
    ]
    first = spans[0] if spans else {"start": None, "end": None, "exact": None}
    return {
        "story": {"slug": claim.article.slug, "headline": claim.article.headline},
        **first,
        "evidence": spans,
        "asserted": claim.asserted,
        "asserted_at": claim.created_at,
        "superseded": standing == "superseded",
        "conflicting": standing == "conflicting",
    }


def _term(term) -> dict:
    claim = term.current
    return {
        "term": term.name,
        "label": term.label,
        "value": claim_text(claim),
        "conflict": bool(term.conflicting),
        "claims": [_claim(c, term.standing(c)) for c in term.claims],
    }


def agreements(ids, *, at=None, terms: bool = False) -> dict[int, dict]:
    """Public agreements by id, their terms as the claims of live stories make them (at ``at``,
    a past moment, when given): a fixed number of queries however many claims; with ``terms``,
    every term with every live claim and its evidence."""
    ids = list(ids)
    if not ids:
        return {}
    rows = Agreement.objects.filter(pk__in=ids).values(
        "id", "slug", "title", "kind", "status", "description"
    )
    found_terms = structure.terms_of(
        [Agreement(pk=pk) for pk in ids], at=at, standing_only=not terms
    )
    found = {}
    for row in rows:
        t = found_terms[row["id"]]
        value, stake = t.one("value"), t.one("stake")
        announced, place, jv = t.one("announced"), t.one("place"), t.one("resulting_company")
        found[row["id"]] = {
            **row,
            "kind": t.kind or row["kind"],
            "status": t.status or row["status"],
            "parties": [{"role": c.role, "company": _company(c.company)} for c in t.parties],
            "sectors": [{"slug": c.sector.slug, "name": c.sector.name} for c in t.many("sector")],
            "regions": [{"slug": c.region.slug, "name": c.region.name} for c in t.many("region")],
            "announced_on": announced.on if announced else None,
            "announced_place": place.text if place else "",
            "value": value.amount if value else None,
            "currency": value.currency if value else "",
            "stake": {"percent": stake.percent, "company": _company(stake.company)}
            if stake
            else None,
            "joint_venture_company": _company(jv.company) if jv else None,
            **({"terms": [_term(term) for term in t]} if terms else {}),
        }
    return found


def stories(rows: list[dict], fields: set[str]) -> list[dict]:
    """Live stories (``story_rows``) with the parts ``fields`` asks for read in bulk."""
    ids = [row["id"] for row in rows]
    bylines = (
        _group(
            Byline.objects.filter(article_id__in=ids)
            .order_by("article_id", "position")
            .values(
                "article_id",
                slug=F("reporter__slug"),
                name=F("reporter__name"),
                email=F("reporter__email"),
            )
        )
        if "byline" in fields
        else {}
    )
    annotations = (
        _group(
            Annotation.objects.public()
            .filter(article_id__in=ids)
            .order_by("article_id", "start", "id")
            .values(*MENTION_COLUMNS)
        )
        if fields & {"mentions", "agreements", "quotes"}
        else {}
    )
    deals = (
        agreements(
            {
                a["agreement_id"]
                for items in annotations.values()
                for a in items
                if a["agreement_id"]
            }
        )
        if "agreements" in fields
        else {}
    )
    pictures = _pictures(rows) if "pictures" in fields else {}
    out = []
    for row in rows:
        pk = row["id"]
        mine = [_annotation(a) for a in annotations.get(pk, [])]
        story = {
            **row,
            "section": (
                {"slug": row["section__slug"], "name": row["section__name"]}
                if row["section__slug"]
                else None
            ),
            "byline": bylines.get(pk, []),
            "mentions": [a for a in mine if a["kind"] != Annotation.Kind.QUOTE],
            "quotes": [a for a in mine if a["kind"] == Annotation.Kind.QUOTE],
            "agreements": [
                deals[i]
                for i in dict.fromkeys(a["agreement_id"] for a in mine if a["agreement_id"])
                if i in deals
            ],
            "pictures": pictures.get(pk, []),
        }
        if "related" in fields:
            story["related"] = [
                {
                    "slug": other.slug,
                    "headline": other.headline,
                    "publish_at": other.publish_at,
                    "reason": reason,
                }
                for other, reason in structure.related_stories(Article(pk=pk), RELATED_LIMIT)
            ]
        out.append(story)
    return out


def public_companies(*, at=None):
    return (
        structure.public_companies(at=at)
        .select_related("parent")
        .prefetch_related("tickers", "aliases")
    )


def with_public_parents(companies: list, *, at=None) -> list:
    """``companies``, each with ``public_parent``: its parent if the parent has a public page of
    its own, else None (a parent only a draft names would give the draft away). One query."""
    public = set(
        structure.public_companies(at=at)
        .filter(pk__in={c.parent_id for c in companies if c.parent_id})
        .values_list("pk", flat=True)
    )
    for company in companies:
        company.public_parent = company.parent if company.parent_id in public else None
    return companies


def company_agreements(company, *, at=None) -> list[dict]:
    """The public agreements the company is party to (or made, or advises), by title."""
    dealing = structure.public_claims(at=at).filter(
        agreement=OuterRef("pk"), company=company, term__in=structure.DEALING
    )
    ids = structure.public_agreements(at=at).filter(Exists(dealing)).values_list("pk", flat=True)
    return sorted(agreements(set(ids), at=at).values(), key=lambda a: (a["title"], a["slug"]))


def company_story_count(company, *, at=None) -> int:
    return structure.stories_mentioning(company, at=at).count()


def public_agreements(*, at=None):
    return structure.public_agreements(at=at)


def timeline(agreement, *, at=None) -> list[dict]:
    """The agreement's dated events that live stories back, oldest first."""
    return [
        {**event, "story": {"slug": event["article__slug"], "headline": event["article__headline"]}}
        for event in structure.live_events(at=at)
        .filter(agreement=agreement)
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


def agreement_stories(agreement, *, at=None) -> list[dict]:
    """The live stories that make claims about the agreement, newest first."""
    claiming = structure.public_claims(at=at).filter(agreement=agreement).values("article_id")
    return list(
        Article.objects.filter(pk__in=claiming)
        .order_by("-publish_at", "-id")
        .values("slug", "headline", "publish_at")
    )


def bylined_reporters():
    """Reporters with at least one live story."""
    return Reporter.objects.public()


def sections():
    return list(Section.objects.order_by("position", "name").values("slug", "name", "description"))


def changes(now, settle_seconds: float, *, after=None, since=None, limit: int) -> list[dict]:
    """The change feed's next ``limit`` entries, oldest first, each a story as it is now.

    A live story is listed at ``changed_at`` (its last change, or its embargo's end); a story that
    left the public is listed once, at its tombstone, whatever happens to it afterwards; a story
    that was never public is never listed. Entries appear ``settle_seconds`` after the change, so
    that a transaction still committing cannot fall behind a partner's cursor. ``after`` is the
    ``(changed_at, id)`` of the last entry a partner read; two index-ordered queries, merged.
    """
    cutoff = now - timedelta(seconds=settle_seconds)
    stories, gone = _feed_sources(now)
    stories = stories.filter(changed_at__lte=cutoff)
    gone = gone.filter(removed_at__lte=cutoff)
    if since is not None:
        stories = stories.filter(changed_at__gt=since)
        gone = gone.filter(removed_at__gt=since)
    if after is not None:
        at, pk = after
        stories = stories.filter(Q(changed_at__gt=at) | Q(changed_at=at, id__gt=pk))
        gone = gone.filter(Q(removed_at__gt=at) | Q(removed_at=at, article_id__gt=pk))
    return _entries(stories, gone, limit)


def story_change(article_id: int, now) -> dict | None:
    """The story as the change feed lists it now (live, or a tombstone), or None if it was never
    public: what a webhook about it carries."""
    stories, gone = _feed_sources(now)
    found = _entries(stories.filter(pk=article_id), gone.filter(article_id=article_id), 1)
    return found[0] if found else None


def _feed_sources(now):
    """Live stories, and the tombstones of stories not live now."""
    live = ArticleQuerySet.live_condition(now)
    gone = Tombstone.objects.exclude(
        article__status=Article.Status.PUBLISHED, article__publish_at__lte=now
    )
    return Article.objects.filter(live), gone


def _pictures(rows: list[dict]) -> dict[int, list[dict]]:
    """Each story's lead picture, then its inline ones in reading order, with their rights and
    renditions (two queries)."""
    ids = [row["id"] for row in rows]
    leads = {row["lead_picture_id"]: row["id"] for row in rows if row["lead_picture_id"]}
    found: dict[int, list[dict]] = defaultdict(list)
    for picture in Picture.objects.filter(pk__in=leads):
        found[leads[picture.pk]].append(_picture(picture, "lead", None))
    for placed in (
        InlinePicture.objects.filter(article_id__in=ids)
        .select_related("picture")
        .order_by("article_id", "after_paragraph", "pk")
    ):
        found[placed.article_id].append(_picture(placed.picture, "inline", placed.after_paragraph))
    return found


def _picture(picture: Picture, placement: str, after_paragraph: int | None) -> dict:
    return {
        "id": picture.pk,
        "placement": placement,
        "after_paragraph": after_paragraph,
        "alt_text": picture.alt_text,
        "caption": picture.caption,
        "credit": picture.credit,
        "rights_holder": picture.rights_holder,
        "licence": picture.licence,
        "focal_point": {"x": picture.focal_x, "y": picture.focal_y},
        "renditions": renditions_of(picture),
    }


def went_live(row: dict):
    """The last moment a write counts as the story going live: the publish move saves the story
    a moment after it takes its publish time, and an embargoed story goes live later still."""
    return row["publish_at"] + timedelta(seconds=1)


def _entries(stories, gone, limit: int) -> list[dict]:
    entries = [
        {**row, "action": "updated" if row["changed_at"] > went_live(row) else "published"}
        for row in stories.order_by("changed_at", "id").values(*CHANGE_COLUMNS)[:limit]
    ]
    entries += [
        {"id": row["article_id"], "uid": row["article__uid"], "slug": row["article__slug"]}
        | {"changed_at": row["removed_at"], "action": "withdrawn"}
        for row in gone.order_by("removed_at", "article_id").values(
            "article_id", "article__uid", "article__slug", "removed_at"
        )[:limit]
    ]
    entries = sorted(entries, key=lambda e: (e["changed_at"], e["id"]))[:limit]
    former = _group(
        FormerSlug.objects.filter(article_id__in=[e["id"] for e in entries])
        .order_by("-retired_at", "slug")
        .values("article_id", "slug")
    )
    for entry in entries:
        entry["former_slugs"] = [f["slug"] for f in former.get(entry["id"], [])]
    return entries


def change(entry: dict) -> dict:
    """An entry of the feed as the serializer shapes it: a tombstone carries no article."""
    return {
        **{k: entry[k] for k in ("action", "uid", "slug", "former_slugs", "changed_at")},
        "article": None if entry["action"] == "withdrawn" else entry,
    }


def organisations(slugs) -> dict[str, dict]:
    """Companies by slug with their stable identifiers and ticker symbols (two queries)."""
    found = {
        c["slug"]: {**c, "symbols": []}
        for c in Company.objects.filter(slug__in=slugs).values("slug", "name", "lei", "wikidata_id")
    }
    for ticker in (
        Ticker.objects.filter(company__slug__in=slugs)
        .order_by("company__slug", "id")
        .values("company__slug", "exchange", "symbol")
    ):
        found[ticker["company__slug"]]["symbols"].append(
            {"exchange": ticker["exchange"], "symbol": ticker["symbol"]}
        )
    return found

"""Write parsed stories into the newsroom: idempotent, one transaction a story."""

from dataclasses import dataclass
from typing import Literal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from . import working
from .models import Article, Byline, Ranking, RankingEntry, Reporter, Section
from .slugs import unique_slug
from .story_format import ParsedEntry, ParsedReporter, ParsedStory, sponsor_of

Outcome = Literal["created", "updated", "waiting", "unchanged"]


@dataclass(frozen=True)
class ImportResult:
    outcome: Outcome
    article: Article


def reporter_for(parsed: ParsedReporter) -> Reporter:
    """The reporter an imported byline names: matched by email, else by name, else created."""
    found = None
    if parsed.email:
        found = Reporter.objects.filter(email__iexact=parsed.email).first()
    elif parsed.name:
        found = Reporter.objects.filter(name__iexact=parsed.name).first()
    if found:
        return found
    return Reporter.objects.create(
        name=parsed.name, email=parsed.email, slug=unique_slug(Reporter, parsed.name)
    )


def _find_existing(parsed: ParsedStory) -> Article | None:
    if parsed.source_uri:
        found = Article.objects.filter(source_uri=parsed.source_uri).first()
        if found:
            return found
    slug = parsed.slug or slugify(parsed.headline)[:200]
    return Article.objects.filter(slug=slug, source_uri=parsed.source_uri).first() if slug else None


def _sync_rankings(article: Article, lists: list[list[ParsedEntry]]) -> bool:
    """Make the story's own ranked lists match the file; True when anything changed."""
    changed = False
    existing = {r.slug: r for r in article.rankings.prefetch_related("entries")}
    wanted_slugs = set()
    editorial = 0
    for index, entries in enumerate(lists, start=1):
        slug = f"{article.slug}-list-{index}"[:200]
        wanted_slugs.add(slug)
        sponsor = sponsor_of(entries)
        if sponsor:
            kind, title = Ranking.Kind.PARTNER, f"From our partners: {sponsor}"
        else:
            editorial += 1
            kind, title = Ranking.Kind.EDITORIAL, _editorial_title(article, editorial)
        ranking = existing.get(slug)
        if ranking is None:
            ranking = Ranking.objects.create(
                slug=slug, title=title, kind=kind, article=article, position=index
            )
            changed = True
        elif (ranking.kind, ranking.title) != (kind, title):
            ranking.kind, ranking.title = kind, title
            ranking.save(update_fields=["kind", "title"])
            changed = True
        current = [(e.position, e.title) for e in ranking.entries.all()]
        if current != [(e.position, e.title) for e in entries]:
            ranking.entries.all().delete()
            by_headline = {
                a.headline: a
                for a in Article.objects.filter(headline__in=[e.title for e in entries])
            }
            RankingEntry.objects.bulk_create(
                RankingEntry(
                    ranking=ranking,
                    position=e.position,
                    title=e.title,
                    article=None if sponsor else by_headline.get(e.title),
                    sponsor=sponsor,
                )
                for e in entries
            )
            changed = True
    stale = [r for slug, r in existing.items() if slug not in wanted_slugs]
    for ranking in stale:
        ranking.delete()
        changed = True
    return changed


def _editorial_title(article: Article, nth: int) -> str:
    """Lists at a story's foot are named for what they are: the section's own, then more."""
    if nth == 1:
        return f"More from {article.section.name}" if article.section_id else "More stories"
    return "Also in the news"


def _sync_byline(article: Article, reporters: list[Reporter]) -> bool:
    current = [b.reporter_id for b in article.bylines.order_by("position")]
    if current == [r.pk for r in reporters]:
        return False
    article.bylines.all().delete()
    Byline.objects.bulk_create(
        Byline(article=article, reporter=r, position=i) for i, r in enumerate(reporters, start=1)
    )
    return True


@transaction.atomic
def import_story(
    parsed: ParsedStory, *, publish: bool = False, section: Section | None = None
) -> ImportResult:
    """Create or update the story a parsed file describes; unchanged input changes nothing."""
    article = _find_existing(parsed)
    created = article is None
    if created:
        article = Article(slug=unique_slug(Article, parsed.slug or parsed.headline))
    wanted = {
        "headline": parsed.headline,
        "body": parsed.body,
        "dek": parsed.dek,
        "language": parsed.language,
        "source_uri": parsed.source_uri,
    }
    if parsed.dateline:
        wanted["dateline"] = parsed.dateline
    if section is not None:
        wanted["section"] = section
    if publish and article.status != Article.Status.PUBLISHED:
        wanted["status"] = Article.Status.PUBLISHED
        wanted["publish_at"] = parsed.published_at or timezone.now()
    fields_changed = created or any(getattr(article, k) != v for k, v in wanted.items())
    if fields_changed and article.status == Article.Status.PUBLISHED and not publish:
        # A published story's new text waits for an editor, as an edit in the admin does.
        waiting = working.store_changes(article, by=None, values=wanted, reason="imported")
        return ImportResult("waiting" if waiting else "unchanged", article)
    if fields_changed:
        for name, value in wanted.items():
            setattr(article, name, value)
        article._change_reason = "imported"
        article.save()
    reporters = []
    for parsed_reporter in parsed.reporters:
        reporter = reporter_for(parsed_reporter)
        if reporter not in reporters:
            reporters.append(reporter)
    byline_changed = _sync_byline(article, reporters)
    rankings_changed = _sync_rankings(article, parsed.rankings)
    if created:
        RankingEntry.objects.filter(article__isnull=True, title__iexact=article.headline).update(
            article=article
        )
    if created:
        return ImportResult("created", article)
    changed = fields_changed or byline_changed or rankings_changed
    return ImportResult("updated" if changed else "unchanged", article)

"""Full-text search over live stories: PostgreSQL tsvector with a GIN index, or SQLite FTS5.

Ranked (headline above dek above body), with highlighted snippets whose text is escaped.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Article
from .panels import filter_articles

START, STOP = "\x01", "\x02"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    article: Article
    snippet: SafeString
    rank: float


def _highlight(raw: str) -> SafeString:
    html = escape(raw).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)


def fts5_query(q: str) -> str:
    """The user's words as an FTS5 query of quoted terms: no operator from input reaches it."""
    return " ".join(f'"{word}"' for word in _WORD.findall(q)[:20])


def matching(q: str):
    """Live stories matching ``q``, as a queryset (unordered; ``ranked`` orders the best)."""
    live = Article.objects.live()
    if connection.vendor == "postgresql":
        return live.extra(
            where=["articles_article.search_vector @@ websearch_to_tsquery('english', %s)"],
            params=[q],
        )
    terms = fts5_query(q)
    if not terms:
        return live.none()
    # The full-text index drives: its hits are looked up by id, never the other way round
    # (probing the index once per live story is a scan of the whole newsroom).
    return live.filter(
        pk__in=RawSQL(
            "SELECT rowid FROM articles_article_fts WHERE articles_article_fts MATCH %s", [terms]
        )
    )


def ranked(q: str, found, limit: int) -> list[tuple[int, float]]:
    """(id, rank) of the best ``limit`` stories of ``found`` (a ``matching`` queryset) for ``q``."""
    if connection.vendor == "postgresql":
        rows = (
            found.extra(
                select={
                    "rank": "ts_rank_cd(articles_article.search_vector, "
                    "websearch_to_tsquery('english', %s))"
                },
                select_params=[q],
            )
            .order_by("-rank", "-publish_at", "-id")
            .values_list("id", "rank")[:limit]
        )
        return list(rows)
    terms = fts5_query(q)
    if not terms:
        return []
    # Best first from the index, in windows, keeping the hits ``found`` allows (live, and any
    # filter): the index orders its own hits, so no story outside them is ever read.
    chosen: list[tuple[int, float]] = []
    window, offset = max(limit * 4, 50), 0
    with connection.cursor() as cursor:
        while len(chosen) < limit:
            cursor.execute(
                "SELECT rowid, -bm25(articles_article_fts, 10.0, 4.0, 1.0) FROM articles_article_fts "
                "WHERE articles_article_fts MATCH %s "
                "ORDER BY bm25(articles_article_fts, 10.0, 4.0, 1.0), rowid DESC LIMIT %s OFFSET %s",
                [terms, window, offset],
            )
            hits = cursor.fetchall()
            if not hits:
                break
            allowed = set(found.filter(pk__in=[i for i, _ in hits]).values_list("pk", flat=True))
            chosen += [(i, rank) for i, rank in hits if i in allowed]
            offset += window
            window *= 4
    return chosen[:limit]


def _snippets(q: str, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ts_headline parses the whole text it is given: give it the part around the first
            # use of the query's longest word, not a 1,000-word body.
            words = _WORD.findall(q.lower()) or [""]
            cursor.execute(
                "SELECT id, ts_headline('english', "
                "substring(body from greatest(1, strpos(lower(body), %s) - 300) for 900), "
                "websearch_to_tsquery('english', %s), %s) FROM articles_article WHERE id = ANY(%s)",
                [
                    max(words, key=len),
                    q,
                    f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=15, MaxFragments=2",
                    ids,
                ],
            )
        else:
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(
                "SELECT rowid, snippet(articles_article_fts, 2, %s, %s, '…', 32) FROM articles_article_fts "
                f"WHERE articles_article_fts MATCH %s AND rowid IN ({marks})",
                [START, STOP, fts5_query(q), *ids],
            )
        return dict(cursor.fetchall())


def search(
    q: str, *, section: str = "", filters: dict | None = None, limit: int = 20
) -> tuple[list[Hit], int]:
    """The best ``limit`` hits for ``q`` and how many stories match in all."""
    found = matching(q)
    if section:
        found = found.filter(section__slug=section)
    for name, value in (filters or {}).items():
        found = filter_articles(found, name, value)
    top = ranked(q, found, limit)
    stories = Article.objects.select_related("section").with_byline().in_bulk([i for i, _ in top])
    snippets = _snippets(q, [i for i, _ in top])
    hits = [
        Hit(story, _highlight(snippets.get(i) or story.dek or story.body[:200]), rank)
        for i, rank in top
        if (story := stories.get(i)) is not None
    ]
    return hits, found.count() if len(top) == limit else len(top)

"""Full-text search over live stories: PostgreSQL tsvector with a GIN index, or SQLite FTS5.

Ranked (headline above dek above body), with highlighted snippets whose text is escaped.
"""

import re
from dataclasses import dataclass

from django.db import connection
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
    """Live stories matching ``q``, best first, as a queryset with a ``rank``."""
    live = Article.objects.live()
    if connection.vendor == "postgresql":
        return live.extra(
            select={
                "rank": "ts_rank_cd(articles_article.search_vector, websearch_to_tsquery('english', %s))"
            },
            select_params=[q],
            where=["articles_article.search_vector @@ websearch_to_tsquery('english', %s)"],
            params=[q],
        ).order_by("-rank", "-publish_at")
    terms = fts5_query(q)
    if not terms:
        return live.none()
    return live.extra(
        select={"rank": "-bm25(articles_article_fts, 10.0, 4.0, 1.0)"},
        tables=["articles_article_fts"],
        where=["articles_article_fts.rowid = articles_article.id", "articles_article_fts MATCH %s"],
        params=[terms],
    ).order_by("-rank", "-publish_at")


def _snippets(q: str, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT id, ts_headline('english', body, websearch_to_tsquery('english', %s), "
                "%s) FROM articles_article WHERE id = ANY(%s)",
                [
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
    top = list(found.select_related("section").with_byline()[:limit])
    snippets = _snippets(q, [a.pk for a in top])
    hits = [Hit(a, _highlight(snippets.get(a.pk) or a.dek or a.body[:200]), a.rank) for a in top]
    return hits, found.count() if len(top) == limit else len(top)

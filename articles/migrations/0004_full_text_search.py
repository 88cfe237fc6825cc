"""Full-text search: a weighted tsvector with a GIN index on PostgreSQL, FTS5 on SQLite.

Neither is a model field: PostgreSQL keeps a generated column up to date by itself, and SQLite
keeps an external-content FTS5 table in step with triggers. A later migration that makes SQLite
rebuild the articles table drops the triggers; run this migration's SQL again after it.
"""

from django.db import migrations

POSTGRES = [
    """
    ALTER TABLE articles_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(headline, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(dek, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(body, '')), 'C')
    ) STORED
    """,
    "CREATE INDEX articles_article_search_idx ON articles_article USING GIN (search_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS articles_article_search_idx",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
]

SQLITE = [
    """
    CREATE VIRTUAL TABLE articles_article_fts USING fts5(
        headline, dek, body, content='articles_article', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO articles_article_fts(rowid, headline, dek, body)
        VALUES (new.id, new.headline, new.dek, new.body);
    END
    """,
    """
    CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, dek, body)
        VALUES ('delete', old.id, old.headline, old.dek, old.body);
    END
    """,
    """
    CREATE TRIGGER articles_article_fts_update AFTER UPDATE OF headline, dek, body ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, dek, body)
        VALUES ('delete', old.id, old.headline, old.dek, old.body);
        INSERT INTO articles_article_fts(rowid, headline, dek, body)
        VALUES (new.id, new.headline, new.dek, new.body);
    END
    """,
    "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS articles_article_fts_insert",
    "DROP TRIGGER IF EXISTS articles_article_fts_delete",
    "DROP TRIGGER IF EXISTS articles_article_fts_update",
    "DROP TABLE IF EXISTS articles_article_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_history_keeps_version")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]

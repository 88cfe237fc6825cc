import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SEED = FIXTURES / "seed" / "china-telecom-att-orange.txt"
NINJS_SCHEMA = FIXTURES / "schemas" / "ninjs-schema_3.1.json"

# Replicas, shared Redis and several app processes need PostgreSQL: the PostgreSQL leg of CI
# runs them; on SQLite they are not collected at all (never skipped).
if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    collect_ignore = ["postgresql"]


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def _pages_and_views_start_fresh():
    """Each test starts with an empty page cache and no pending page views."""
    from django.core.cache import cache

    from api.usage import counter as usage
    from articles import caching
    from articles.pageviews import counter

    cache.clear()
    # The site state is read afresh (without the database, which a test may not have).
    caching._memo["until"] = 0.0
    for each in (counter, usage):
        each.interval = 0
        with each.lock:
            each.counts.clear()
    yield

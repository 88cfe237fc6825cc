from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def seed_path() -> Path:
    return SHARED / "seed" / "china-telecom-att-orange.txt"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES

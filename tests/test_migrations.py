"""An existing newsroom migrates forward with nothing lost.

``fixtures/databases/demo-before-renovation.sqlite3.gz`` is the demo newsroom as ``make run``
built it with the code before the renovation (every model then lived in ``deals``). The test
reads it with plain SQL, migrates a copy with ``manage.py migrate``, and reads it again through
today's models: every row, every history record and every editor's permission must still be there.
"""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO

SNAPSHOT = FIXTURES / "databases" / "demo-before-renovation.sqlite3.gz"

# What the old code stored, read with SQL: table -> columns that must survive unchanged.
TABLES = {
    "deals_company": "id, name, slug, legal_name, country, lei, wikidata_id, parent_id",
    "deals_companyalias": "id, company_id, name, case_sensitive",
    "deals_ticker": "id, company_id, exchange, symbol",
    "deals_person": "id, name, slug, title, organisation_id",
    "deals_agreement": "id, slug, title, kind, status, resulting_company_id",
    "deals_party": "id, agreement_id, company_id, role",
    "deals_annotation": (
        'id, article_id, start, "end", exact, prefix, suffix, kind, company_id, agreement_id,'
        " person_id, review_state, anchor_state, source, confidence"
    ),
    "deals_historicalcompany": "history_id, id, name",
    "deals_historicalperson": "history_id, id, name",
    "deals_historicalannotation": "history_id, id, exact, review_state",
}

# The same rows read through today's models, in a migrated copy.
READ_BACK = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from deals.models import Agreement, Claim, Party
from registry.models import Company, CompanyAlias, Person, Ticker
from structuring.models import Annotation

def rows(queryset, fields):
    return sorted(list(r) for r in queryset.values_list(*fields))

User = get_user_model()
editor, reporter = User.objects.get(username="editor"), User.objects.get(username="reporter")
client = Client(HTTP_HOST="127.0.0.1")
print(json.dumps({
    "deals_company": rows(Company.objects.all(), ["id", "name", "slug", "legal_name", "country",
                           "lei", "wikidata_id", "parent_id"]),
    "deals_companyalias": rows(CompanyAlias.objects.all(), ["id", "company_id", "name",
                               "case_sensitive"]),
    "deals_ticker": rows(Ticker.objects.all(), ["id", "company_id", "exchange", "symbol"]),
    "deals_person": rows(Person.objects.all(), ["id", "name", "slug", "title", "organisation_id"]),
    "deals_agreement": rows(Agreement.objects.all(), ["id", "slug", "title", "kind", "status",
                            "resulting_company_id"]),
    "deals_party": rows(Party.objects.all(), ["id", "agreement_id", "company_id", "role"]),
    "deals_annotation": rows(Annotation.objects.all(), ["id", "article_id", "start", "end",
        "exact", "prefix", "suffix", "kind", "company_id", "agreement_id", "person_id",
        "review_state", "anchor_state", "source", "confidence"]),
    "deals_historicalcompany": rows(Company.history.all(), ["history_id", "id", "name"]),
    "deals_historicalperson": rows(Person.history.all(), ["history_id", "id", "name"]),
    "deals_historicalannotation": rows(Annotation.history.all(), ["history_id", "id", "exact",
                                       "review_state"]),
    "claims": sorted(
        [c.agreement_id, c.article_id, c.term, c.kind, c.status, c.company_id, c.role,
         c.asserted, sorted([e.start, e.end, e.exact] for e in c.evidence.all())]
        for c in Claim.objects.filter(
            term__in=["kind", "status", "party", "resulting_company"]
        ).prefetch_related("evidence")
    ),
    "deal_page": client.get("/deals/china-telecom-att-joint-venture/").content.decode(),
    "permissions": {
        "editor": sorted(editor.get_all_permissions()),
        "reporter": sorted(reporter.get_all_permissions()),
    },
    "pages": {
        path: client.get(path).status_code
        for path in ("/", "/companies/china-telecom/", "/deals/china-telecom-att-joint-venture/")
    },
}))
"""


def read_with_sql(database: Path) -> dict[str, list[list]]:
    connection = sqlite3.connect(database)
    try:
        return {
            table: sorted(
                [list(row) for row in connection.execute(f"SELECT {columns} FROM {table}")]
            )
            for table, columns in TABLES.items()
        }
    finally:
        connection.close()


def manage(*args: str, var_dir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**env, "NEWSROOM_VAR_DIR": str(var_dir), "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> tuple[dict, dict]:
    var_dir = tmp_path_factory.mktemp("migrated")
    database = var_dir / "newsroom.sqlite3"
    with gzip.open(SNAPSHOT) as packed, database.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    before = read_with_sql(database)
    result = manage("migrate", "--noinput", var_dir=var_dir)
    assert result.returncode == 0, result.stderr
    result = manage("shell", "-c", READ_BACK, var_dir=var_dir)
    assert result.returncode == 0, result.stderr
    return before, json.loads(result.stdout.strip().splitlines()[-1])


def test_the_snapshot_holds_the_demo_newsroom(migrated):
    before, _ = migrated
    assert len(before["deals_annotation"]) > 50
    assert len(before["deals_company"]) > 10
    assert before["deals_historicalannotation"]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_row_and_history_record_survives_the_move_out_of_deals(migrated, table):
    before, after = migrated
    assert after[table] == before[table]


def test_editors_and_reporters_keep_their_permissions_under_the_new_app_labels(migrated):
    _, after = migrated
    editor, reporter = after["permissions"]["editor"], after["permissions"]["reporter"]
    for permission in (
        "registry.change_company",
        "registry.add_person",
        "structuring.change_annotation",
        "deals.change_agreement",
    ):
        assert permission in editor
    assert "structuring.view_annotation" in reporter
    assert "structuring.change_annotation" not in reporter
    assert not [p for p in editor if p in ("deals.change_company", "deals.change_annotation")]


def test_the_migrated_newsroom_serves_its_pages(migrated):
    _, after = migrated
    assert after["pages"] == {
        "/": 200,
        "/companies/china-telecom/": 200,
        "/deals/china-telecom-att-joint-venture/": 200,
    }


def claims_expected(database: Path) -> list[list]:
    """What each story that reported an agreement must claim after the migration, from SQL."""
    db = sqlite3.connect(database)
    try:
        agreements = {
            pk: (kind, status, resulting)
            for pk, kind, status, resulting in db.execute(
                "SELECT id, kind, status, resulting_company_id FROM deals_agreement"
            )
        }
        parties: dict[int, list] = {}
        for agreement, company, role in db.execute(
            "SELECT agreement_id, company_id, role FROM deals_party"
        ):
            parties.setdefault(agreement, []).append((company, role))
        spans: dict[tuple, list] = {}
        for agreement, article, start, end, exact, anchor in db.execute(
            'SELECT agreement_id, article_id, start, "end", exact, anchor_state FROM '
            "deals_annotation WHERE agreement_id IS NOT NULL AND review_state = 'confirmed'"
        ):
            found = spans.setdefault((agreement, article), [])
            if anchor == "anchored":
                found.append([start, end, exact])
        for pair in db.execute("SELECT agreement_id, article_id FROM deals_agreementevent"):
            spans.setdefault(tuple(pair), [])
    finally:
        db.close()
    expected = []
    for (agreement, article), evidence in spans.items():
        kind, status, resulting = agreements[agreement]
        common = (not evidence, sorted(evidence))
        expected.append([agreement, article, "kind", kind, "", None, "", *common])
        expected.append([agreement, article, "status", "", status, None, "", *common])
        for company, role in parties.get(agreement, []):
            expected.append([agreement, article, "party", "", "", company, role, *common])
        if resulting:
            expected.append(
                [agreement, article, "resulting_company", "", "", resulting, "", *common]
            )
    return sorted(expected)


def test_every_agreement_becomes_claims_of_the_stories_that_report_it(migrated, tmp_path):
    _, after = migrated
    database = tmp_path / "before.sqlite3"
    with gzip.open(SNAPSHOT) as packed, database.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    expected = claims_expected(database)
    assert len(expected) > 10
    assert after["claims"] == expected


def test_the_migrated_deal_page_shows_its_terms_with_evidence(migrated):
    _, after = migrated
    page = after["deal_page"]
    assert "Terms and their sources" in page
    assert "#:~:text=" in page

"""The suggestion engine's cached registry follows every change an editor makes to it."""

import pytest

from structuring.suggesting import registry_version, suggestions_for_text
from tests.factories import (
    AgreementFactory,
    CompanyAliasFactory,
    CompanyFactory,
    PartyFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def named_companies(text: str) -> set[str]:
    return {s.company for s in suggestions_for_text(text) if s.kind == "company"}


def test_renamed_alias_is_matched_by_its_new_name_on_the_next_run():
    company = CompanyFactory(name="Zenith Holdings", slug="zenith")
    alias = CompanyAliasFactory(company=company, name="Zenco")
    assert named_companies("Zenco and Quarta signed.") == {"zenith"}

    alias.name = "Quarta"
    alias.save()

    assert named_companies("Zenco and Quarta signed.") == {"zenith"}
    assert [s.exact for s in suggestions_for_text("Zenco and Quarta signed.")] == ["Quarta"]


def _edit(row, field: str, value: str):
    setattr(row, field, value)
    row.save()


@pytest.mark.parametrize(
    ("which", "field", "value"),
    [
        ("company", "legal_name", "Zenith Holdings plc"),
        ("person", "name", "Anna B. Berg"),
        ("person", "title", "chief analyst"),
        ("agreement", "kind", "alliance"),
    ],
)
def test_fingerprint_changes_with_any_edit_of_what_the_engine_reads(which, field, value):
    rows = {
        "company": CompanyFactory(name="Zenith Holdings", slug="zenith"),
        "person": PersonFactory(name="Anna Berg"),
        "agreement": AgreementFactory(kind="partnership"),
    }
    before = registry_version()

    _edit(rows[which], field, value)

    assert registry_version() != before


def test_fingerprint_changes_when_a_party_is_swapped_for_another_company():
    first, second = CompanyFactory(slug="first"), CompanyFactory(slug="second")
    party = PartyFactory(company=first)
    before = registry_version()

    party.company = second
    party.save()

    assert registry_version() != before


def test_fingerprint_changes_when_an_alias_is_deleted():
    alias = CompanyAliasFactory(name="Zenco")
    before = registry_version()

    alias.delete()

    assert registry_version() != before

"""One unique-slug maker for every model with a slug."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.models import Reporter
from articles.slugs import free_slug, unique_slug
from deals.models import Sector
from registry.importing import read_rows, write_rows
from registry.models import Company
from structuring.services import company_find_or_create
from tests.factories import CompanyFactory, ReporterFactory, SectorFactory
from tests.groups import user_in


def test_a_taken_slug_gets_the_next_free_number():
    taken = {"orange", "orange-2"}

    assert free_slug("Orange", taken.__contains__) == "orange-3"


def test_a_name_with_nothing_to_slugify_gets_a_slug_of_its_own():
    first, second = free_slug("!!!", lambda s: False), free_slug("???", lambda s: False)

    assert first.startswith("item-") and second.startswith("item-") and first != second


@given(name=st.text(min_size=1, max_size=300), taken=st.integers(min_value=0, max_value=12))
def test_slugs_fit_the_field_however_many_are_taken(name, taken):
    used = set()
    for _ in range(taken + 1):
        slug = free_slug(name, used.__contains__, max_length=20)
        assert slug not in used and 0 < len(slug) <= 20 and not slug.startswith("-")
        used.add(slug)


@pytest.mark.django_db
def test_unique_slug_fits_the_models_own_slug_field():
    SectorFactory(name="x", slug="a" * 100)

    slug = unique_slug(Sector, "A" * 150)

    assert len(slug) <= 100 and slug != "a" * 100


@pytest.mark.django_db
def test_unique_slug_may_keep_a_rows_own_slug():
    reporter = ReporterFactory(slug="ge-yang")

    assert unique_slug(Reporter, "Ge Yang", exclude_pk=reporter.pk) == "ge-yang"
    assert unique_slug(Reporter, "Ge Yang") == "ge-yang-2"


@pytest.mark.django_db
def test_companies_made_by_the_screen_and_by_the_importer_share_the_numbering():
    CompanyFactory(name="Orange Group", slug="orange")
    made = company_find_or_create("Orange", by=user_in("Editor"))
    write_rows(read_rows("companies.csv", b"name\nOrange!\n"))

    assert made.slug == "orange-2"
    assert Company.objects.get(name="Orange!").slug == "orange-3"

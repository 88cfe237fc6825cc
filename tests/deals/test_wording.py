"""Deal terms written for people."""

from datetime import date
from decimal import Decimal

import pytest

from deals.wording import day, money, percent


@pytest.mark.parametrize(
    "amount, currency, written",
    [
        (Decimal("68700000000"), "USD", "$68.7bn"),
        (Decimal("1200000000"), "USD", "$1.2bn"),
        (Decimal("450000000"), "EUR", "€450m"),
        (Decimal("2000000000"), "CNY", "CNY 2bn"),
        (Decimal("1500000000000"), "GBP", "£1.5tn"),
        (Decimal("950000"), "USD", "$950,000"),
    ],
)
def test_money_is_written_as_a_newsroom_writes_it(amount, currency, written):
    assert money(amount, currency) == written


def test_stakes_and_days_are_as_exact_as_the_story():
    assert percent(Decimal("49.00")) == "49%"
    assert percent(Decimal("12.50")) == "12.5%"
    assert day(date(2025, 5, 14)) == "14 May 2025"
    assert day(date(2025, 5, 1), "month") == "May 2025"
    assert day(date(2025, 1, 1), "year") == "2025"

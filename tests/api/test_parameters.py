"""Every parameter of every endpoint, driven by hypothesis: any text, any unicode digit, any
calendar (real or not), any offset; the answer is a 200 or the documented 400 naming the
parameter, never a 500."""

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.params import instant
from tests.api.world import ARTICLE_LIST_PARAMS, build_world

pytestmark = pytest.mark.django_db

PARAMS = {
    "articles/": list(ARTICLE_LIST_PARAMS),
    "articles/telecom-extends-venture/": ["fields", "format"],
    "companies/": ["q", "country", "ticker", "cursor", "page_size", "fields"],
    "companies/att/": ["fields"],
    "agreements/": [
        "kind",
        "status",
        "party",
        "sector",
        "region",
        "announced_after",
        "announced_before",
        "cursor",
        "page_size",
        "fields",
    ],
    "agreements/china-telecom-att-venture/": ["fields"],
    "reporters/": ["cursor", "page_size"],
    "sections/": [],
    "rankings/": [],
    "changes/": ["since", "cursor", "page_size"],
}
INSTANTS = [
    ("articles/", "published_after"),
    ("articles/", "published_before"),
    ("articles/", "updated_after"),
    ("changes/", "since"),
]
DAYS = [("agreements/", "announced_after"), ("agreements/", "announced_before")]
REPEATABLE = {("agreements/", "kind"), ("agreements/", "status")}
EVERY_PARAMETER = [(path, name) for path, names in PARAMS.items() for name in names]
# Digits that str.isdigit() accepts and int() may or may not: superscripts, fullwidth, Arabic-Indic.
DIGITS = "0123456789²³¹０１２٠١٢٣۴५৬๗"
QUICK = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def world(db, settings):
    settings.NEWSROOM_API_LIMITS = {"basic": 10**6, "standard": 10**6, "premium": 10**6}
    settings.NEWSROOM_CHANGES_SETTLE_SECONDS = 0
    return build_world()


def answer(api, path: str, query) -> tuple[int, dict]:
    response = api.get(path, query)
    assert response.status_code in (200, 400), (path, query, response.status_code)
    body = response.json()
    if response.status_code == 400:
        assert set(body["error"]) == {"code", "message", "param"}
        assert body["error"]["message"]
    return response.status_code, body


def refused(api, path: str, query, param: str) -> bool:
    status, body = answer(api, path, query)
    if status == 400:
        assert body["error"]["param"] == param, (query, body)
    return status == 400


@pytest.mark.parametrize(("path", "param"), EVERY_PARAMETER)
def test_any_text_in_any_parameter_is_a_200_or_a_400_naming_it(api, world, path, param):
    @QUICK
    @given(value=st.text(st.characters(codec="utf-8"), max_size=60))
    def check(value):
        refused(api, path, {param: value}, param)

    check()


def moment(when: datetime, offset_minutes: int, separator: str = "T") -> str:
    sign = "-" if offset_minutes < 0 else "+"
    hours, minutes = divmod(abs(offset_minutes), 60)
    day = f"{when.year:04}-{when.month:02}-{when.day:02}"
    time = f"{when.hour:02}:{when.minute:02}:{when.second:02}.{when.microsecond:06}"
    return f"{day}{separator}{time}{sign}{hours:02}:{minutes:02}"


@pytest.mark.parametrize(("path", "param"), INSTANTS)
def test_every_real_moment_with_any_offset_is_accepted(api, world, path, param):
    @QUICK
    @given(
        when=st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)),
        offset=st.integers(-23 * 60 - 59, 23 * 60 + 59),
        separator=st.sampled_from(["T", "t", " "]),
    )
    def check(when, offset, separator):
        assert answer(api, path, {param: moment(when, offset, separator)})[0] == 200

    check()


@pytest.mark.parametrize(("path", "param"), INSTANTS)
def test_a_moment_that_is_not_on_the_calendar_is_a_400(api, world, path, param):
    @QUICK
    @given(
        year=st.integers(0, 99999),
        month=st.integers(0, 99),
        day=st.integers(0, 99),
        hour=st.integers(0, 99),
        offset_hours=st.integers(0, 99),
    )
    def check(year, month, day, hour, offset_hours):
        text = f"{year:04}-{month:02}-{day:02}T{hour:02}:00:00+{offset_hours:02}:00"
        try:
            datetime(year, month, day, hour)
            real = offset_hours < 24
        except ValueError:
            real = False
        assert refused(api, path, {param: text}, param) is not real, text

    check()


@pytest.mark.parametrize(
    ("path", "param", "value"),
    [
        ("changes/", "since", "2026-02-30T00:00:00Z"),
        ("changes/", "since", "2026-02-03T25:00:00Z"),
        ("articles/", "published_after", "2026-02-03T10:00:00+24:00"),
        ("articles/", "published_after", "0000-01-01T00:00:00Z"),
        ("articles/", "updated_after", "2026-٠٢-03T10:00:00Z"),
        ("agreements/", "announced_after", "2025-02-29"),
        ("agreements/", "announced_after", "２０２５-03-04"),
    ],
)
def test_the_reported_impossible_moments_are_400s(api, world, path, param, value):
    assert refused(api, path, {param: value}, param)


def test_moments_at_the_ends_of_time_filter_as_their_instant_does(api, world):
    everything = {"telecom-extends-venture", "att-quiet-day"}

    def slugs(query):
        return {a["slug"] for a in api.all("articles/", query)}

    assert slugs({"published_after": "0001-01-01T00:00:00+05:00"}) == everything
    assert slugs({"published_before": "0001-01-01T00:00:00+05:00"}) == set()
    assert slugs({"updated_after": "9999-12-31T23:59:59-01:00"}) == set()
    assert slugs({"published_before": "9999-12-31T23:59:59-23:59"}) == everything
    assert api.json("changes/", {"since": "9999-12-31T23:59:59-01:00"})["results"] == []
    assert len(api.json("changes/", {"since": "0001-01-01T00:00:00+05:00"})["results"]) == 2


@pytest.mark.parametrize(("path", "param"), DAYS)
def test_a_day_is_a_real_calendar_date(api, world, path, param):
    @QUICK
    @given(year=st.integers(0, 99999), month=st.integers(0, 99), day=st.integers(0, 99))
    def check(year, month, day):
        try:
            datetime(year, month, day)
            real = True
        except ValueError:
            real = False
        assert refused(api, path, {param: f"{year:04}-{month:02}-{day:02}"}, param) is not real

    check()


@pytest.mark.parametrize("path", [p for p, names in PARAMS.items() if "page_size" in names])
def test_page_size_takes_ascii_digits_from_1_to_100_only(api, world, path):
    @QUICK
    @given(value=st.text(DIGITS, min_size=1, max_size=4))
    def check(value):
        fine = value.isascii() and 1 <= int(value) <= 100
        assert refused(api, path, {"page_size": value}, "page_size") is not fine, value

    check()


@pytest.mark.parametrize(("path", "param"), EVERY_PARAMETER)
def test_a_parameter_given_twice_is_refused_unless_it_is_a_list(api, world, path, param):
    values = {
        "kind": ["joint_venture", "merger"],
        "status": ["extended", "signed"],
        "page_size": ["5", "6"],
        "format": ["json", "ninjs"],
        "ordering": ["slug", "-slug"],
    }.get(param, ["a", "b"])

    status, body = answer(api, path, {param: values})

    if (path, param) in REPEATABLE:
        assert status == 200
    else:
        assert status == 400 and body["error"]["param"] == param


def test_both_kinds_of_a_repeatable_list_filter_are_kept_across_pages(api, world):
    page = api.json("agreements/", {"kind": ["joint_venture", "merger"], "page_size": 1})

    assert [a["slug"] for a in page["results"]] == ["china-telecom-att-venture"]
    assert page["next"] is None


def test_a_cursor_and_since_together_are_a_conflict_named_as_such(api, world):
    first = api.json("changes/", {"page_size": 1})
    cursor = first["next"].split("cursor=")[1]

    status, body = answer(api, "changes/", {"cursor": cursor, "since": "2026-01-01T00:00:00Z"})

    assert status == 400
    assert body["error"] == {
        "code": "conflicting_parameters",
        "message": body["error"]["message"],
        "param": "since",
    }


def test_a_changes_cursor_is_recognised_by_its_own_code(api, world):
    status, body = answer(api, "changes/", {"cursor": "abc:def"})

    assert status == 400 and body["error"]["code"] == "invalid_cursor"


def test_a_moment_is_the_same_instant_python_reads_from_it():
    when = datetime(2026, 3, 4, 9, 30, 15, 250000)
    for minutes in (-1439, -60, 0, 330, 1439):
        text = moment(when, minutes)
        assert instant(text, "since") == datetime.fromisoformat(text)
    assert instant("2026-03-04T09:30", "since") == datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize("kind", ["articles", "companies", "agreements"])
def test_any_text_as_a_detail_slug_is_a_200_or_a_json_404(api, world, kind):
    @QUICK
    @given(slug=st.text(st.characters(codec="utf-8", exclude_characters="/?#%"), min_size=1))
    def check(slug):
        response = api.get(f"/api/v1/{kind}/{slug}/")
        assert response.status_code in (200, 404), (slug, response.status_code)
        if response.status_code == 404:
            assert response.json()["error"]["code"] == "not_found"

    check()

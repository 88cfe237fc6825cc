"""Strict parsing of the values partners send: ASCII digits only, real calendar dates, years a
datetime can hold, and offsets that cannot overflow when a time is moved to UTC.

Each parser returns the value or raises ``ValueError`` with a message for the partner; the
patterns are also what the OpenAPI document publishes, so the document and the server agree.
"""

import re
from datetime import UTC, date, datetime, timedelta

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# ``[0-9]`` rather than ``\d``: ``\d`` also matches Arabic-Indic and fullwidth digits.
PAGE_SIZE = re.compile(r"[0-9]{1,3}")
DAY = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")
INSTANT = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
    r"[Tt ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:[.,](?P<fraction>[0-9]{1,9}))?)?"
    r"(?P<zone>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?"
)
DAY_MESSAGE = "{name} must be a calendar date, YYYY-MM-DD (years 0001 to 9999)."
INSTANT_MESSAGE = (
    "{name} must be an ISO 8601 date-time such as 2026-03-04T09:30:00Z "
    "(a real date, years 0001 to 9999, an offset within ±23:59)."
)


def page_size(raw: str | None) -> int:
    """Items per page: 1 to ``MAX_PAGE_SIZE`` in ASCII digits, ``DEFAULT_PAGE_SIZE`` if absent."""
    if raw is None:
        return DEFAULT_PAGE_SIZE
    if not PAGE_SIZE.fullmatch(raw) or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise ValueError(f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}.")
    return int(raw)


def day(raw: str, name: str) -> date:
    """A calendar date ``YYYY-MM-DD``."""
    found = DAY.fullmatch(raw)
    try:
        if found is None:
            raise ValueError
        return date(int(found["year"]), int(found["month"]), int(found["day"]))
    except ValueError:
        raise ValueError(DAY_MESSAGE.format(name=name)) from None


def _offset(zone: str | None) -> timedelta:
    if zone is None or zone in "Zz":
        return timedelta(0)
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError
    offset = timedelta(hours=hours, minutes=minutes)
    return -offset if zone[0] == "-" else offset


def instant(raw: str, name: str) -> datetime:
    """An ISO 8601 date-time, in UTC; without an offset it is read as UTC.

    A time whose offset would carry it past the first or last instant a datetime can hold is the
    first or last instant: nothing is stored before or after either, so every filter keeps its
    meaning.
    """
    found = INSTANT.fullmatch(raw)
    try:
        if found is None:
            raise ValueError
        fraction = (found["fraction"] or "0")[:6].ljust(6, "0")
        local = datetime(
            int(found["year"]),
            int(found["month"]),
            int(found["day"]),
            int(found["hour"]),
            int(found["minute"]),
            int(found["second"] or 0),
            int(fraction),
        )
        offset = _offset(found["zone"])
    except ValueError:
        raise ValueError(INSTANT_MESSAGE.format(name=name)) from None
    try:
        return (local - offset).replace(tzinfo=UTC)
    except OverflowError:
        edge = datetime.min if offset > timedelta(0) else datetime.max
        return edge.replace(tzinfo=UTC)


def past_moment(raw: str, name: str) -> datetime | None:
    """A moment to replay (``as_of``); one not yet past is now (None), so that a replay can never
    show what an embargo still holds back."""
    moment = instant(raw, name)
    return moment if moment < datetime.now(UTC) else None

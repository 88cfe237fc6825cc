"""The W3C-style text quote selector kept beside every annotation's offsets."""

from typing import NamedTuple

CONTEXT = 32


class QuoteSelector(NamedTuple):
    exact: str
    prefix: str
    suffix: str


def quote_selector(body: str, start: int, end: int) -> QuoteSelector:
    """Return the exact text of ``body[start:end]`` with up to 32 characters either side."""
    if not 0 <= start < end <= len(body):
        raise ValueError(f"span {start}-{end} is outside a body of {len(body)} characters")
    return QuoteSelector(
        body[start:end], body[max(0, start - CONTEXT) : start], body[end : end + CONTEXT]
    )

"""Parse story files: the plain-text format of the seed story, and IPTC ninjs JSON.

Pure functions from bytes to a :class:`ParsedStory`; nothing here touches the database. A file
that cannot be read raises :class:`StoryFormatError` with the line at fault where there is one.

The text format: the first line is the headline; the story's paragraphs follow, one a line (or,
when the text is hard-wrapped, blocks separated by blank lines); a line ``Contact reporter NAME
(EMAIL)`` names the byline; the file may end with ranked lists, one ``- 1Title`` line an entry,
a list starting again at 1 beginning a new list.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.dateparse import parse_datetime

from .text import BODY_MAX, normalise_body, normalise_text

HEADLINE_MAX = 300
# A newsroom byline rarely has more than a handful of names; 10,000 is an attack.
REPORTERS_MAX = 20


class StoryFormatError(Exception):
    """A story file that cannot be imported, with the 1-based line at fault when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class ParsedReporter:
    name: str
    email: str = ""


@dataclass(frozen=True)
class ParsedEntry:
    position: int
    title: str


@dataclass
class ParsedStory:
    headline: str
    body: str
    reporters: list[ParsedReporter] = field(default_factory=list)
    rankings: list[list[ParsedEntry]] = field(default_factory=list)
    dek: str = ""
    dateline: str = ""
    slug: str = ""
    language: str = "en"
    source_uri: str = ""
    published_at: datetime | None = None


_CONTACT = re.compile(r"^Contact reporters?\s+(?P<people>.+)$", re.IGNORECASE)
_PERSON = re.compile(r"\s*(?:,|;|\band\b)?\s*(?P<name>[^(),;]+?)\s*\((?P<email>[^()\s]+)\)\s*")
_ENTRY = re.compile(r"^-\s*(?P<rest>\d.*)$")


def decode(raw: bytes) -> str:
    """Decode a file's bytes as UTF-8 text, refusing empty and binary files."""
    if not raw.strip():
        raise StoryFormatError("the file is empty")
    if b"\x00" in raw:
        raise StoryFormatError("binary data, not text", raw[: raw.index(b"\x00")].count(b"\n") + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise StoryFormatError(
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be decoded)", line
        ) from None
    return text


def parse_contact(text: str, line: int) -> list[ParsedReporter]:
    """Read the reporters named by a ``Contact reporter`` line."""
    match = _CONTACT.match(text)
    people = match.group("people") if match else ""
    reporters, position = [], 0
    while position < len(people):
        person = _PERSON.match(people, position)
        if not person or person.end() == position:
            raise StoryFormatError("a contact line must read 'Contact reporter NAME (EMAIL)'", line)
        email = person.group("email")
        try:
            validate_email(email)
        except ValidationError:
            raise StoryFormatError(f"'{email}' is not an email address", line) from None
        reporters.append(ParsedReporter(normalise_text(person.group("name")), email.lower()))
        if len(reporters) > REPORTERS_MAX:
            raise StoryFormatError(
                f"a contact line may name at most {REPORTERS_MAX} reporters", line
            )
        position = person.end()
    return reporters


def _entry(text: str, previous: int | None, line: int) -> ParsedEntry:
    """Read one ``- NTitle`` line; N continues the current list or restarts at 1."""
    rest = _ENTRY.match(text).group("rest")
    expected = [str(previous + 1)] if previous is not None else []
    for number in [*expected, "1"]:
        if rest.startswith(number) and rest[len(number) :].strip():
            return ParsedEntry(int(number), normalise_text(rest[len(number) :]))
    wanted = f"{previous + 1} or 1" if previous is not None else "1"
    raise StoryFormatError(f"a ranked-list entry here must be numbered {wanted}", line)


# Words that recur across a list of headlines without naming anyone who paid for them.
_NOT_SPONSORS = frozenset(
    [
        "china",
        "chinese",
        "u.s.",
        "us",
        "america",
        "american",
        "europe",
        "european",
        "asia",
        "asian",
        "india",
        "indian",
        "japan",
        "japanese",
        "world",
        "global",
        "new",
        "first",
        "how",
        "why",
        "what",
        "the",
        "and",
        "for",
        "with",
        "from",
        "into",
        "over",
        "after",
    ]
)
_NAME = re.compile(r"[A-Z][\w&.'’-]*[A-Za-z0-9]")


def sponsor_of(entries: list[ParsedEntry]) -> str:
    """The advertiser behind a ranked list, when one name stands in most of its entries (a list
    of partner content, like the seed's UnionPay list); "" for an editorial list."""
    if len(entries) < 3:
        return ""
    counts: dict[str, int] = {}
    for entry in entries:
        for name in {m.group(0) for m in _NAME.finditer(entry.title)}:
            if name.lower() not in _NOT_SPONSORS and len(name) > 2:
                counts[name] = counts.get(name, 0) + 1
    best = max(counts.items(), key=lambda item: (item[1], len(item[0])), default=("", 0))
    return best[0] if best[1] * 5 >= len(entries) * 3 else ""


def _body(lines: list[tuple[int, str]]) -> str:
    """Join body lines: one paragraph a line, unless blank lines show hard-wrapped blocks."""
    texts = [text for _, text in lines]
    while texts and not texts[-1].strip():
        texts.pop()
    while texts and not texts[0].strip():
        texts.pop(0)
    wrapped = any(not t.strip() for t in texts) and any(
        a.strip() and b.strip() for a, b in pairwise(texts)
    )
    if wrapped:
        blocks = "\n".join(texts).split("\n\n")
        return normalise_body("\n\n".join(" ".join(b.split("\n")) for b in blocks))
    return normalise_body("\n\n".join(t for t in texts if t.strip()))


def parse_story_text(raw: bytes) -> ParsedStory:
    """Parse a story in the seed's plain-text format."""
    text = decode(raw).replace("\r\n", "\n").replace("\r", "\n")
    numbered = list(enumerate(text.split("\n"), start=1))
    while numbered and not numbered[0][1].strip():
        numbered.pop(0)
    headline_line, headline = numbered[0]
    headline = normalise_text(headline)
    if _ENTRY.match(headline) or _CONTACT.match(headline):
        raise StoryFormatError("the first line must be the headline", headline_line)
    if len(headline) > HEADLINE_MAX:
        raise StoryFormatError(
            f"the headline is {len(headline)} characters; at most {HEADLINE_MAX}", headline_line
        )

    body_lines: list[tuple[int, str]] = []
    reporters: list[ParsedReporter] = []
    rankings: list[list[ParsedEntry]] = []
    for number, line in numbered[1:]:
        stripped = line.strip()
        if _ENTRY.match(stripped):
            previous = rankings[-1][-1].position if rankings else None
            entry = _entry(stripped, previous, number)
            if entry.position == 1:
                rankings.append([])
            rankings[-1].append(entry)
        elif rankings and stripped:
            raise StoryFormatError(
                "only ranked-list entries ('- 1Title') may follow the ranked lists", number
            )
        elif _CONTACT.match(stripped):
            reporters.extend(parse_contact(stripped, number))
        elif not rankings:
            body_lines.append((number, line))

    body = _body(body_lines)
    if not body:
        raise StoryFormatError("the story has a headline but no text", headline_line)
    _check_length(body)
    return ParsedStory(headline=headline, body=body, reporters=reporters, rankings=rankings)


def _text_of(items: object, path: str, prefer_roles: tuple[str, ...] = ()) -> str:
    """The ``value`` of the preferred item of a ninjs array of ``{role, value}`` objects."""
    if items is None:
        return ""
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise StoryFormatError(f"'{path}' must be a list of objects")
    for index, item in enumerate(items):
        if not isinstance(item.get("value"), str):
            raise StoryFormatError(f"'{path}[{index}].value' must be a string")
    ranked = sorted(items, key=lambda i: i.get("role") not in prefer_roles)
    return ranked[0]["value"] if ranked else ""


def _is_plain_text(content_type: object) -> bool:
    return isinstance(content_type, str) and content_type.split(";")[0].strip() == "text/plain"


def parse_ninjs(raw: bytes) -> ParsedStory:
    """Parse an IPTC ninjs 3.x news item carrying a plain-text body."""
    text = decode(raw)
    try:
        item = json.loads(text)
    except json.JSONDecodeError as error:
        raise StoryFormatError(f"invalid JSON: {error.msg}", error.lineno) from None
    except RecursionError:
        raise StoryFormatError("invalid JSON: nested too deeply to be a news item") from None
    _refuse_lone_surrogates(item, "")
    if not isinstance(item, dict):
        raise StoryFormatError("a ninjs item must be a JSON object")
    uri = item.get("uri")
    if not isinstance(uri, str) or not uri.strip():
        raise StoryFormatError("ninjs requires 'uri', a non-empty string")
    headline = normalise_text(_text_of(item.get("headlines"), "headlines", ("main", "headline")))
    if not headline:
        raise StoryFormatError("ninjs item has no headline in 'headlines'")
    if len(headline) > HEADLINE_MAX:
        raise StoryFormatError(
            f"the headline is {len(headline)} characters; at most {HEADLINE_MAX}"
        )
    bodies = item.get("bodies")
    if bodies is not None and (
        not isinstance(bodies, list) or not all(isinstance(b, dict) for b in bodies)
    ):
        raise StoryFormatError("'bodies' must be a list of objects")
    plain = [b for b in bodies or [] if _is_plain_text(b.get("contentType", "text/plain"))]
    if bodies and not plain:
        raise StoryFormatError("ninjs item has no plain-text body ('contentType': 'text/plain')")
    body = normalise_body(_text_of(plain, "bodies"))
    if not body:
        raise StoryFormatError("ninjs item has no body text in 'bodies'")
    _check_length(body)
    by = item.get("by", "")
    if not isinstance(by, str):
        raise StoryFormatError("'by' must be a string")
    names = [n.strip() for n in re.split(r",|\band\b", by) if n.strip()]
    if len(names) > REPORTERS_MAX:
        raise StoryFormatError(f"'by' may name at most {REPORTERS_MAX} reporters")
    language = item.get("language", "en")
    if not isinstance(language, str) or not re.fullmatch(
        r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", language
    ):
        raise StoryFormatError("'language' must be a BCP 47 tag such as 'en'")
    slug = item.get("slugline", "")
    if not isinstance(slug, str):
        raise StoryFormatError("'slugline' must be a string")
    located = item.get("located", "")
    if not isinstance(located, str) or len(located) > 100:
        raise StoryFormatError("'located' must be a string of at most 100 characters")
    published_at = None
    if item.get("firstCreated") is not None:
        try:
            published_at = parse_datetime(str(item["firstCreated"]))
        except ValueError:  # well formed but not on the calendar: 30 February, hour 25
            raise StoryFormatError("'firstCreated' is not a real date and time") from None
        if published_at is None:
            raise StoryFormatError("'firstCreated' must be an ISO 8601 date-time")
        if published_at.tzinfo is None:
            raise StoryFormatError("'firstCreated' must give its time zone, e.g. 'Z' or '+08:00'")
        try:
            published_at.astimezone(UTC)
        except OverflowError:
            raise StoryFormatError("'firstCreated' is out of range") from None
    return ParsedStory(
        headline=headline,
        body=body,
        reporters=[ParsedReporter(normalise_text(n)) for n in names],
        dek=normalise_text(_text_of(item.get("descriptions"), "descriptions", ("summary",))),
        slug=slug.strip(),
        dateline=normalise_text(located),
        language=language,
        source_uri=uri.strip(),
        published_at=published_at,
    )


def _check_length(body: str) -> None:
    if len(body) > BODY_MAX:
        raise StoryFormatError(
            f"the story is {len(body):,} characters long; at most {BODY_MAX:,} can be imported"
        )


def _refuse_lone_surrogates(value: object, path: str) -> None:
    """JSON may escape half a surrogate pair (\\ud800), which no database can store."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise StoryFormatError(
                f"'{path or 'the item'}' holds an unpaired surrogate escape, not text"
            ) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_lone_surrogates(key, path)
            _refuse_lone_surrogates(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_lone_surrogates(item, f"{path}[{index}]")


def parse_story_file(name: str, raw: bytes) -> ParsedStory:
    """Parse a story file, choosing the format by extension (or a leading ``{``)."""
    if name.lower().endswith(".json") or raw.lstrip()[:1] == b"{":
        return parse_ninjs(raw)
    return parse_story_text(raw)

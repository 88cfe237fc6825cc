"""How story text is stored: NFC-normalised, ``\\n`` line ends, paragraphs split by a blank line."""

import re
import unicodedata

# A vertical tab or form feed is how a word processor writes a manual line break.
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c]")
# What XML 1.0 cannot carry at all (one such character made every feed fail): the other C0
# controls, DEL and the C1 controls, and the two non-characters.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# The longest story the newsroom stores: a 10,000-word story is about 60,000 characters.
BODY_MAX = 200_000
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")


def normalise_text(text: str) -> str:
    """Return ``text`` in NFC with ``\\n`` line ends, no control characters and no blanks at
    either end."""
    text = unicodedata.normalize("NFC", _CONTROLS.sub("", text))
    return _LINE_ENDS.sub("\n", text).strip()


def normalise_body(text: str) -> str:
    """Return a body in the stored form: normalised text, paragraphs split by one blank line."""
    text = normalise_text(text)
    paragraphs = [p.strip() for p in _BLANK_RUN.split(text)]
    return "\n\n".join(p for p in paragraphs if p)


def paragraphs(body: str) -> list[str]:
    """Split a stored body into its paragraphs."""
    return [p for p in body.split("\n\n") if p]


def cut_at_word(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text`` on one line, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"

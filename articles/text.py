"""How story text is stored: NFC-normalised, ``\\n`` line ends, paragraphs split by a blank line."""

import re
import unicodedata

_LINE_ENDS = re.compile(r"\r\n?|\u2028|\u2029")
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")


def normalise_text(text: str) -> str:
    """Return ``text`` in NFC with ``\\n`` line ends and no trailing blanks at either end."""
    text = unicodedata.normalize("NFC", text)
    return _LINE_ENDS.sub("\n", text).strip()


def normalise_body(text: str) -> str:
    """Return a body in the stored form: normalised text, paragraphs split by one blank line."""
    text = normalise_text(text)
    paragraphs = [p.strip() for p in _BLANK_RUN.split(text)]
    return "\n\n".join(p for p in paragraphs if p)


def paragraphs(body: str) -> list[str]:
    """Split a stored body into its paragraphs."""
    return [p for p in body.split("\n\n") if p]
